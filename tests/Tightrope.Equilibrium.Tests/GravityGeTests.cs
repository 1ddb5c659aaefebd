using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;

namespace Tightrope.Equilibrium.Tests;

public class GravityGeTests
{
    private static readonly string[] Codes = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"];

    /// <summary>A small random economy with domestic sales dominating, and a counterfactual that removes an agreement among three members.</summary>
    private static (GravityEconomy Economy, PairMatrix Counterfactual) Synthetic(int seed, string reference = "DDD")
    {
        var rng = new Random(seed);
        var countries = new CountrySet(Codes.Select(c => new Country(c, c)));
        var n = countries.Count;
        var flows = new double[n * n];
        var bln = new double[n * n];
        var cfl = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                flows[k] = i == j ? 500 + (1000 * rng.NextDouble()) : 100 * rng.NextDouble();
                bln[k] = i == j ? 1 : 0.05 + (0.5 * rng.NextDouble());
                cfl[k] = i != j && i < 3 && j < 3 ? bln[k] * Math.Exp(-0.557) : bln[k];
            }
        }

        var economy = new GravityEconomy(new PairMatrix(countries, flows, MoneyUnit.MillionUsd), new PairMatrix(countries, bln, PairUnit.Factor), reference, 7);
        return (economy, new PairMatrix(countries, cfl, PairUnit.Factor));
    }

    private static double[] All(GravityIndicators g) =>
        [g.ChangeXiCdl, g.ChangeXiFull, g.ChangeRgdpFull, g.ChangeImrCdl, g.ChangeImrFull, g.ChangeOmrCdl, g.ChangeOmrFull, g.ChangePriceFull];

    [Theory]
    [InlineData(FullEndowmentMethod.Direct)]
    [InlineData(FullEndowmentMethod.IterativePpml)]
    public void Zero_shock_returns_the_baseline(FullEndowmentMethod method)
    {
        var (economy, _) = Synthetic(1);
        var result = GravityGeModel.Solve(economy, economy.BaselineCosts, method);
        foreach (var g in result.Indicators)
        {
            All(g).ShouldAllBe(v => Math.Abs(v) < 1e-9, g.Country.Iso3);
        }
    }

    [Fact]
    public void Direct_solution_clears_markets_and_world_output_adds_up()
    {
        var (economy, cfl) = Synthetic(2);
        var result = GravityGeModel.Solve(economy, cfl);
        var n = economy.Countries.Count;
        double world = 0, worldFlows = 0;
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, n).Sum(j => result.FlowsFull[i, j]);
            row.ShouldBe(result.OutputFull[i], 1e-9 * result.OutputFull[i]);
            world += result.OutputFull[i];
            worldFlows += row;
        }

        worldFlows.ShouldBe(world, 1e-9 * world);
        result.Iterations.ShouldBeLessThan(100);
    }

    [Fact]
    public void Removing_an_agreement_raises_members_exports_with_it()
    {
        var (economy, cfl) = Synthetic(3);
        var result = GravityGeModel.Solve(economy, cfl);
        for (var i = 0; i < 3; i++)
        {
            result.Indicators[i].ChangeXiCdl.ShouldBeGreaterThan(0);
            result.Indicators[i].ChangeRgdpFull.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_reference_country_beyond_the_normalisation()
    {
        var (a, cflA) = Synthetic(4, "DDD");
        var (b, cflB) = Synthetic(4, "GGG");
        var ra = GravityGeModel.Solve(a, cflA);
        var rb = GravityGeModel.Solve(b, cflB);
        // Full-endowment nominal values move by one common factor (the numeraire); the ratio is the same for everyone.
        double Scale(int i) => (1 + (rb.Indicators[i].ChangeXiFull / 100)) / (1 + (ra.Indicators[i].ChangeXiFull / 100));
        for (var i = 0; i < Codes.Length; i++)
        {
            ra.Indicators[i].ChangeXiCdl.ShouldBe(rb.Indicators[i].ChangeXiCdl, 1e-9);
            Scale(i).ShouldBe(Scale(0), 1e-12);
            // Real GDP and relative prices are free of the numeraire; levels of p̂ are not.
            ra.Indicators[i].ChangeRgdpFull.ShouldBe(rb.Indicators[i].ChangeRgdpFull, 1e-9);
            (ra.PriceChange[i] / ra.PriceChange[0]).ShouldBe(rb.PriceChange[i] / rb.PriceChange[0], 1e-12);
        }
    }

    [Fact]
    public void Economy_without_domestic_flows_is_rejected()
    {
        var (economy, cfl) = Synthetic(5);
        var values = economy.Flows.Values.ToArray();
        values[(2 * Codes.Length) + 2] = 0;
        var broken = economy with { Flows = new PairMatrix(economy.Countries, values, MoneyUnit.MillionUsd) };
        Should.Throw<ArgumentException>(() => GravityGeModel.Solve(broken, cfl)).Message.ShouldContain("CCC has no domestic sales");
    }

    [Fact]
    public void Unknown_reference_and_bad_sigma_are_rejected()
    {
        var (economy, cfl) = Synthetic(6);
        Should.Throw<ArgumentException>(() => GravityGeModel.Solve(economy with { Reference = "ZZZ" }, cfl)).Message.ShouldContain("ZZZ");
        Should.Throw<ArgumentException>(() => GravityGeModel.Solve(economy with { Sigma = 1 }, cfl)).Message.ShouldContain("σ");
    }
}

public class GravityUncertaintyTests
{
    [Fact]
    public void Bands_bracket_the_point_estimate_and_failures_are_counted()
    {
        var countries = new CountrySet(new[] { "AAA", "BBB", "CCC", "DDD" }.Select(c => new Country(c, c)));
        var n = countries.Count;
        var rng = new Random(9);
        var flows = Enumerable.Range(0, n * n).Select(k => k / n == k % n ? 1000 + (100 * rng.NextDouble()) : 50 * rng.NextDouble()).ToArray();
        var trade = new PairMatrix(countries, flows, MoneyUnit.MillionUsd);
        (GravityEconomy, PairMatrix) Build(double[] beta)
        {
            // An agreement between AAA and BBB with effect β; its removal is the counterfactual.
            var bln = new double[n * n];
            var cfl = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var t = i == j ? 1 : 0.2;
                    cfl[(i * n) + j] = t;
                    bln[(i * n) + j] = (i, j) is (0, 1) or (1, 0) ? t * Math.Exp(beta[0]) : t;
                }
            }

            if (beta[0] > 3)
            {
                throw new ArgumentException("implausible draw"); // stands in for a draw the model rejects
            }

            return (new GravityEconomy(trade, new PairMatrix(countries, bln, PairUnit.Factor), "DDD", 7), new PairMatrix(countries, cfl, PairUnit.Factor));
        }

        var point = GravityGeModel.Solve(Build([0.5]).Item1, Build([0.5]).Item2);
        var result = GravityUncertainty.Run(Build, [0.5], [0.01], draws: 200, seed: 1);
        result.Draws.ShouldBe(200);
        result.Failed.ShouldBe(0);
        var band = result.Bands.Single(b => b.Country.Iso3 == "AAA" && b.Indicator == "change_Xi_CDL");
        band.P05.ShouldBeLessThan(point.For("AAA").ChangeXiCdl);
        band.P95.ShouldBeGreaterThan(point.For("AAA").ChangeXiCdl);

        var wide = GravityUncertainty.Run(Build, [2.5], [1.0], draws: 100, seed: 2);
        wide.Failed.ShouldBeGreaterThan(0);
        wide.FailureReasons.Count.ShouldBe(wide.Failed);
        wide.FailureReasons[0].ShouldContain("implausible draw");
    }

    [Fact]
    public void Percentiles_follow_the_linear_rule()
    {
        double[] v = [1, 2, 3, 4, 5];
        GravityUncertainty.Percentile(v, 0.5).ShouldBe(3);
        GravityUncertainty.Percentile(v, 0.05).ShouldBe(1.2, 1e-12);
        GravityUncertainty.Percentile(v, 0.95).ShouldBe(4.8, 1e-12);
    }
}
