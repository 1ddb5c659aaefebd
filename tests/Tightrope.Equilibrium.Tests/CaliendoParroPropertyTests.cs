using FsCheck;
using FsCheck.Fluent;
using Tightrope.Equilibrium.CaliendoParro;

namespace Tightrope.Equilibrium.Tests;

/// <summary>Properties every Caliendo–Parro solution must have, whatever the tariffs or the order of the data.</summary>
public class CaliendoParroPropertyTests(CaliendoParroFixture fixture) : IClassFixture<CaliendoParroFixture>
{
    private static readonly Config Few = Config.QuickThrowOnFailure.WithMaxTest(4);

    /// <summary>A random tariff change: a few (tradable sector, importer, exporter, new rate) cells.</summary>
    private static Gen<(int Sector, int Importer, int Exporter, double Rate)[]> Changes(int sectors, int regions) =>
        from count in Gen.Choose(1, 6)
        from cells in Gen.ArrayOf(
            from s in Gen.Choose(0, sectors - 1)
            from m in Gen.Choose(0, regions - 1)
            from i in Gen.Choose(0, regions - 1)
            from r in Gen.Choose(0, 60)
            select (s, m, i, r / 100.0), count)
        select cells;

    private static double[] Apply(CpBaseline b, double[] factors, IEnumerable<(int Sector, int Importer, int Exporter, double Rate)> changes)
    {
        var result = factors.ToArray();
        foreach (var (s, m, i, r) in changes.Where(c => c.Importer != c.Exporter))
        {
            result[(((s * b.N) + m) * b.N) + i] = 1 + r;
        }

        return result;
    }

    [Theory]
    [InlineData(DeficitCase.Zero)]
    [InlineData(DeficitCase.Data)]
    public void Unchanged_tariffs_change_nothing(DeficitCase deficits)
    {
        var b = fixture.Baseline;
        var tariffs = b.FactorsOf(b.Data.Tariffs1993);
        var c = CpExperiment.Run(b, tariffs, tariffs.ToArray(), deficits);
        foreach (var o in c.Countries)
        {
            o.TermsOfTradePct.ShouldBe(0, 1e-9);
            o.VolumeOfTradePct.ShouldBe(0, 1e-9);
            o.WelfarePct.ShouldBe(0, 1e-9);
            o.RealWagePct.ShouldBe(0, 1e-9);
            o.RealIncomePct.ShouldBe(0, 1e-9);
        }

        c.Flows.ShouldAllBe(f => Math.Abs(f.Counterfactual - f.Reference) <= 1e-9 * (f.Reference + 1));
    }

    [Fact]
    public void Unchanged_random_tariffs_change_nothing()
    {
        var b = fixture.Baseline;
        var base93 = b.FactorsOf(b.Data.Tariffs1993);
        Check.One(Few, Prop.ForAll(Changes(20, b.N).ToArbitrary(), changes =>
        {
            var tariffs = Apply(b, base93, changes);
            var c = CpExperiment.Run(b, tariffs, tariffs.ToArray(), DeficitCase.Zero);
            return c.Countries.All(o => Math.Abs(o.WelfarePct) < 1e-9 && Math.Abs(o.RealIncomePct) < 1e-9);
        }));
    }

    [Fact]
    public void World_trade_balances_add_up_in_every_solution()
    {
        var b = fixture.Baseline;
        var base93 = b.FactorsOf(b.Data.Tariffs1993);
        Check.One(Few, Prop.ForAll(Changes(20, b.N).ToArbitrary(), changes =>
        {
            var c = CpExperiment.Run(b, base93, Apply(b, base93, changes), DeficitCase.Data);
            var e = c.Counterfactual;
            var worldVa = b.ValueAdded.Sum();
            var exports = new double[b.N];
            var imports = new double[b.N];
            foreach (var f in c.Flows)
            {
                exports[b.Countries.Require(f.Exporter.Iso3)] += f.Counterfactual;
                imports[b.Countries.Require(f.Importer.Iso3)] += f.Counterfactual;
            }

            // Each region's balance is the surplus imposed; world exports equal world imports; world value added is the numeraire.
            var balanced = Enumerable.Range(0, b.N).All(n => Math.Abs(exports[n] - imports[n] - e.Surplus[n]) < 1e-8 * worldVa);
            var world = Math.Abs(exports.Sum() - imports.Sum()) < 1e-9 * worldVa && Math.Abs(e.Surplus.Sum()) < 1e-9 * worldVa;
            var numeraire = Math.Abs(Enumerable.Range(0, b.N).Sum(n => e.WageHat[n] * b.ValueAdded[n]) - worldVa) < 1e-9 * worldVa;

            // Labour market: value added equals the value-added share of gross output in every region.
            var labour = Enumerable.Range(0, b.N).All(n =>
                Math.Abs((e.WageHat[n] * b.ValueAdded[n]) - Enumerable.Range(0, b.J).Sum(s => b.ValueAddedShare[(n * b.J) + s] * e.GrossOutput[(n * b.J) + s]))
                < 1e-7 * b.ValueAdded[n]);
            return balanced && world && numeraire && labour;
        }));
    }

    [Fact]
    public void Result_does_not_depend_on_the_order_of_regions_and_sectors()
    {
        var expected = fixture.NaftaZeroDeficit.Countries.ToDictionary(o => o.Country.Iso3);
        var data = fixture.Data;
        var orders =
            from regions in Gen.Shuffle(Enumerable.Range(0, data.CountryCount).ToArray())
            from sectors in Gen.Shuffle(Enumerable.Range(0, data.SectorCount).ToArray())
            select (regions, sectors);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3), Prop.ForAll(orders.ToArbitrary(), order =>
        {
            var permuted = CpBaseline.Build(data.Permute(order.regions, order.sectors));
            var c = CpExperiment.Nafta(permuted, DeficitCase.Zero);
            return c.Countries.All(o =>
            {
                var e = expected[o.Country.Iso3];
                return Math.Abs(o.WelfarePct - e.WelfarePct) < 1e-6 && Math.Abs(o.TermsOfTradePct - e.TermsOfTradePct) < 1e-6
                    && Math.Abs(o.RealWagePct - e.RealWagePct) < 1e-6 && Math.Abs(o.RealIncomePct - e.RealIncomePct) < 1e-6;
            });
        }));
    }

    [Fact]
    public void Accelerated_and_reference_algorithms_reach_the_same_equilibrium()
    {
        var b = fixture.Baseline;
        var nafta = CpExperiment.NaftaFactors(b);
        var surplus = new double[b.N];
        var fast = CpSolver.Solve(b, nafta, surplus);
        var reference = CpSolver.Solve(b, nafta, surplus, new CpSolverOptions { Algorithm = CpAlgorithm.Reference, WageTolerance = 1e-7 });
        for (var n = 0; n < b.N; n++)
        {
            fast.WageHat[n].ShouldBe(reference.WageHat[n], 1e-7);
        }

        fast.Diagnostics.WageIterations.ShouldBeLessThan(reference.Diagnostics.WageIterations);
    }
}
