using Tightrope.Data;
using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;

namespace Tightrope.Equilibrium.Tests;

/// <summary>The Caliendo–Parro engine with a value-added share of one on the 2014 data: invariances and the one-sector limit.</summary>
public sealed class CpSectoral2014Tests(CpSectoral2014Fixture fixture) : IClassFixture<CpSectoral2014Fixture>
{
    /// <summary>The reference tariffs with the US rate on <paramref name="exporter"/>'s <paramref name="sectors"/> set to <paramref name="rate"/>.</summary>
    private static SectoralPairMatrix UsTariffOn(WiodSectoral2014Data data, string exporter, double rate, params string[] sectors)
    {
        var t = data.Tariffs;
        int usa = data.Countries.Require("USA"), e = data.Countries.Require(exporter);
        var chosen = sectors.Length == 0 ? Enumerable.Range(0, data.Sectors.Count) : sectors.Select(data.Sectors.Require);
        return t.With(v =>
        {
            foreach (var s in chosen)
            {
                v[t.At(s, e, usa)] = rate;
            }
        });
    }

    [Theory]
    [InlineData(DeficitCase.Zero)]
    [InlineData(DeficitCase.Data)]
    public void Unchanged_tariffs_change_nothing(DeficitCase deficits)
    {
        var m = fixture.Model;
        var c = m.Run(fixture.Data.Tariffs, fixture.Data.Tariffs, deficits);
        var worst = c.Countries.Max(o => new[] { o.TermsOfTradePct, o.VolumeOfTradePct, o.WelfarePct, o.RealWagePct, o.RealIncomePct }.Max(Math.Abs));
        TestContext.Current.TestOutputHelper?.WriteLine($"unchanged tariffs, {deficits} deficits: max |Δ| = {worst:E2} pp");
        worst.ShouldBeLessThan(1e-9);
        c.Flows.ShouldAllBe(f => Math.Abs(f.Counterfactual - f.Reference) <= 1e-9 * (f.Reference + 1));
    }

    [Fact]
    public void The_2014_data_are_an_equilibrium_with_their_own_deficits()
    {
        // Domestic flows are in the data and there is no input–output block to calibrate, so nothing needs clipping and
        // the reference run with the data deficits reproduces the data: ŵ = 1 and every flow as read.
        var m = fixture.Model;
        var c = m.Run(fixture.Data.Tariffs, fixture.Data.Tariffs, DeficitCase.Data);
        c.Reference.WageHat.ShouldAllBe(w => Math.Abs(w - 1) < 1e-9);
        var flows = m.FlowsOf(c.Reference);
        var data = fixture.Data.Trade;
        for (var k = 0; k < data.Values.Length; k++)
        {
            Math.Abs(flows.Values[k] - data.Values[k]).ShouldBeLessThan(1e-6 * (data.Values[k] + 1));
        }
    }

    [Fact]
    public void World_trade_adds_up_and_each_country_keeps_its_surplus()
    {
        var m = fixture.Model;
        var c = m.Run(fixture.Data.Tariffs, UsTariffOn(fixture.Data, "MEX", 0.25, "transport"), DeficitCase.Data);
        var flows = m.FlowsOf(c.Counterfactual);
        var world = flows.SumOverSectors();
        int n = world.Countries.Count;
        double exportsTotal = 0, importsTotal = 0;
        var worldVa = m.Baseline.ValueAdded.Sum() / 1e6;
        for (var i = 0; i < n; i++)
        {
            var exports = world.RowSum(i) - world[i, i];
            var imports = world.ColumnSum(i) - world[i, i];
            exportsTotal += exports;
            importsTotal += imports;
            (exports - imports).ShouldBe(c.Counterfactual.Surplus[i] / 1e6, 1e-7 * worldVa);

            // Sales, domestic ones included, are gross output; with a value-added share of one they are value added.
            var output = Enumerable.Range(0, m.Baseline.J).Sum(s => c.Counterfactual.GrossOutput[(i * m.Baseline.J) + s]) / 1e6;
            world.RowSum(i).ShouldBe(output, 1e-9 * worldVa);
            world.RowSum(i).ShouldBe(c.Counterfactual.WageHat[i] * m.Baseline.ValueAdded[i] / 1e6, 1e-7 * worldVa);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"world exports − imports: {exportsTotal - importsTotal:E2} of {exportsTotal:E3} million USD");
        (exportsTotal - importsTotal).ShouldBe(0, 1e-9 * exportsTotal);
        c.Counterfactual.WageHat.Select((w, i) => w * m.Baseline.ValueAdded[i]).Sum().ShouldBe(m.Baseline.ValueAdded.Sum(), 1e-9 * worldVa * 1e6);
    }

    [Fact]
    public void Reordering_countries_and_sectors_changes_nothing()
    {
        var data = fixture.Data;
        var rng = new Random(14);
        var countryOrder = Enumerable.Range(0, data.Countries.Count).OrderBy(_ => rng.Next()).ToArray();
        var sectorOrder = Enumerable.Range(0, data.Sectors.Count).OrderBy(_ => rng.Next()).ToArray();
        var permuted = data.Permute(countryOrder, sectorOrder);
        var a = fixture.Model.Run(data.Tariffs, UsTariffOn(data, "MEX", 0.25, "transport", "metals"), DeficitCase.Zero);
        var pm = CpSectoralModel.Build(permuted);
        var b = pm.Run(permuted.Tariffs, UsTariffOn(permuted, "MEX", 0.25, "transport", "metals"), DeficitCase.Zero);
        var worst = 0.0;
        foreach (var o in a.Countries)
        {
            var p = b.For(o.Country.Iso3);
            worst = new[]
            {
                worst, Math.Abs(o.WelfarePct - p.WelfarePct), Math.Abs(o.TermsOfTradePct - p.TermsOfTradePct),
                Math.Abs(o.VolumeOfTradePct - p.VolumeOfTradePct), Math.Abs(o.RealWagePct - p.RealWagePct), Math.Abs(o.RealIncomePct - p.RealIncomePct),
            }.Max();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"reordered countries and sectors: max |Δ| = {worst:E2} pp");
        worst.ShouldBeLessThan(1e-6);
        var flowsB = b.Flows.ToDictionary(f => (f.Sector.Code, f.Exporter.Iso3, f.Importer.Iso3));
        foreach (var f in a.Flows)
        {
            var g = flowsB[(f.Sector.Code, f.Exporter.Iso3, f.Importer.Iso3)];
            Math.Abs(f.Counterfactual - g.Counterfactual).ShouldBeLessThan(1e-6 * (f.Counterfactual + 1e6));
        }
    }

    /// <summary>
    /// The 2014 data rebuilt so that every sector has the aggregate's sourcing pattern and tariffs: sector s's flow from
    /// e to i is the aggregate flow times s's share of world flows, and every sector carries the pair's aggregate tariff.
    /// </summary>
    private static WiodSectoral2014Data ProportionalSectors(WiodSectoral2014Data data, double theta)
    {
        var one = data.AggregateToOneSector(theta);
        int n = data.Countries.Count, j = data.Sectors.Count;
        var total = data.Trade.Values.ToArray().Sum();
        var flows = new double[j * n * n];
        var rates = new double[j * n * n];
        for (var s = 0; s < j; s++)
        {
            var share = data.Trade.Sector(s).Values.ToArray().Sum() / total;
            for (var k = 0; k < n * n; k++)
            {
                flows[(s * n * n) + k] = one.Trade.Values[k] * share;
                rates[(s * n * n) + k] = one.Tariffs.Values[k];
            }
        }

        return data.WithElasticity(theta) with
        {
            Trade = new SectoralPairMatrix(data.Sectors, data.Countries, flows, data.Trade.Unit),
            Tariffs = new SectoralPairMatrix(data.Sectors, data.Countries, rates, PairUnit.Fraction),
        };
    }

    [Theory]
    [InlineData(DeficitCase.Zero)]
    [InlineData(DeficitCase.Data)]
    public void With_one_elasticity_and_the_same_sourcing_in_every_sector_sixteen_sectors_equal_one(DeficitCase deficits)
    {
        const double theta = 4;
        var sixteen = ProportionalSectors(fixture.Data, theta);
        var one = sixteen.AggregateToOneSector(theta);
        var multi = CpSectoralModel.Build(sixteen).Run(sixteen.Tariffs, UsTariffOn(sixteen, "MEX", 0.25), deficits);
        var single = CpSectoralModel.Build(one).Run(one.Tariffs, UsTariffOn(one, "MEX", 0.25), deficits);
        var worst = 0.0;
        foreach (var o in multi.Countries)
        {
            var p = single.For(o.Country.Iso3);
            worst = new[]
            {
                worst, Math.Abs(o.WelfarePct - p.WelfarePct), Math.Abs(o.TermsOfTradePct - p.TermsOfTradePct),
                Math.Abs(o.VolumeOfTradePct - p.VolumeOfTradePct), Math.Abs(o.RealWagePct - p.RealWagePct), Math.Abs(o.RealIncomePct - p.RealIncomePct),
            }.Max();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"16 vs 1 sector, proportional sourcing, {deficits} deficits: max |Δ| = {worst:E2} pp");
        multi.For("MEX").WelfarePct.ShouldBeLessThan(-0.5);
        worst.ShouldBeLessThan(1e-9);
    }

    [Fact]
    public void On_the_real_sourcing_one_sector_misses_the_composition_effect_but_stays_close()
    {
        // Same θ and a uniform new tariff, but each sector keeps its own import shares: a 25% US tariff raises sectoral
        // prices by different amounts, which an aggregate one-sector model cannot see. The gap is measured, not zero.
        const double theta = 4;
        var data = fixture.Data.WithElasticity(theta);
        var one = data.AggregateToOneSector(theta);
        var multi = CpSectoralModel.Build(data).Run(data.Tariffs, UsTariffOn(data, "MEX", 0.25), DeficitCase.Zero);
        var single = CpSectoralModel.Build(one).Run(one.Tariffs, UsTariffOn(one, "MEX", 0.25), DeficitCase.Zero);
        foreach (var iso in new[] { "MEX", "USA", "CAN" })
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{iso}: welfare 16 sectors {multi.For(iso).WelfarePct:F4}, 1 sector {single.For(iso).WelfarePct:F4}; real income {multi.For(iso).RealIncomePct:F4} vs {single.For(iso).RealIncomePct:F4}");
        }

        var mex = multi.For("MEX").WelfarePct;
        Math.Sign(single.For("MEX").WelfarePct).ShouldBe(Math.Sign(mex));
        Math.Abs(single.For("MEX").WelfarePct - mex).ShouldBeLessThan(0.5 * Math.Abs(mex));
    }

    [Fact]
    public void Tariff_tables_from_another_ordering_are_refused()
    {
        var permuted = fixture.Data.Permute(Enumerable.Range(0, fixture.Data.Countries.Count).Reverse().ToArray(), Enumerable.Range(0, 16).ToArray());
        Should.Throw<ArgumentException>(() => fixture.Model.FactorsOf(permuted.Tariffs)).Message.ShouldContain("same order");
    }
}
