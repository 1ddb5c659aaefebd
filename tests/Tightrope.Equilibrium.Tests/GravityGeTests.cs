using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;

namespace Tightrope.Equilibrium.Tests;

public class GravityGeTests
{
    private static readonly string[] Codes = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"];

    /// <summary>A small random economy with domestic sales dominating, and a counterfactual that removes an agreement among three members.</summary>
    private static (GravityEconomy Economy, TradeCosts Counterfactual) Synthetic(int seed, string reference = "DDD")
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

        var economy = new GravityEconomy(new TradeMatrix(countries, flows, MoneyUnit.MillionUsd), new TradeCosts(countries, bln), reference, 7);
        return (economy, new TradeCosts(countries, cfl));
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
        var broken = economy with { Flows = new TradeMatrix(economy.Countries, values, MoneyUnit.MillionUsd) };
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
