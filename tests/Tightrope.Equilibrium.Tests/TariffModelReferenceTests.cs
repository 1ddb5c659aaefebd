using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Equilibrium.Tests;

/// <summary>Reproduces Ignatenko, Macedoni, Lashkaripour &amp; Simonovska (2025) from the raw 2023 data.</summary>
public class TariffModelReferenceTests(OneSectorFixture fixture) : IClassFixture<OneSectorFixture>
{
    [Fact]
    public void Baseline_matches_the_spec_checks()
    {
        var b = fixture.Baseline;
        var us = b.UnitedStates;
        b.RestOfWorldCostShare.ShouldBe(0.1143352, 5e-8);
        b.UnitedStatesCostShare.ShouldBe(0.2704710, 5e-8);
        b.ClippedDomesticSales.ShouldBe(["GMB", "MHL"], ignoreOrder: true);
        b.Expenditure[us].ShouldBe(28_759_865_050, 1.0);
        b.Income[us].ShouldBe(28_288_534_732, 1.0);
        b.Deficit[us].ShouldBe(471_330_318, 1.0);
        b.Share(us, us).ShouldBe(0.899074, 5e-7);
        b.Expenditure.Sum().ShouldBe(107_720_936_147, 1.0);
        b.Income.Sum().ShouldBe(b.Expenditure.Sum(), 1e-3);
        b.Deficit.Sum().ShouldBe(0, 1e-3);
        var p = TariffModelParameters.Default;
        p.DemandExponent(b.RestOfWorldCostShare).ShouldBe(1.150719, 5e-7);
        p.DemandExponent(b.UnitedStatesCostShare).ShouldBe(1.432848, 5e-7);
    }

    [Fact]
    public void Case1_reproduces_output_map_for_every_country_and_column()
    {
        var published = OneSectorFixture.PublishedCase1();
        published.Count.ShouldBe(194);
        var worst = 0.0;
        var where = string.Empty;
        foreach (var o in fixture.Case1.Outcomes)
        {
            var ours = OneSectorFixture.Values(o);
            var theirs = published[o.Country.Iso3];
            for (var c = 0; c < 7; c++)
            {
                var d = Math.Abs(ours[c] - theirs[c]);
                if (d > worst)
                {
                    worst = d;
                    where = $"{o.Country.Iso3} Value_{c + 1}";
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"largest |ours − published| over 194×7 values: {worst:E2} ({where})");
        worst.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Case1_intermediate_values_match_the_independent_replication()
    {
        var us = fixture.Case1.Changes[fixture.Baseline.UnitedStates];
        us.Wage.ShouldBe(1.1236368, 5e-8);
        us.Expenditure.ShouldBe(1.1364273, 5e-8);
        us.Employment.ShouldBe(1.0031785, 5e-8);
        us.PriceIndex.ShouldBe(1.1281006, 5e-8);
        us.IncomeTaxRate.ShouldBe(0.0102588, 5e-8);
        us.TariffRevenue.ShouldBe(327_124_023, 1.0);
        Math.Round(fixture.Case1.Global.TradeToGdpPct, 2).ShouldBe(-9.43);
        Math.Round(fixture.Case1.Global.EmploymentPct, 3).ShouldBe(-0.024);
    }

    [Fact]
    public void Optimal_tariffs_match_the_spec()
    {
        var b = fixture.Baseline;
        var p = TariffModelParameters.Default;
        OptimalTariffs.UnitedStates(b, p).ShouldBe(0.2179882, 5e-8);
        OptimalTariffs.UnitedStates(b, p, OptimalTariffs.UsDenominator.IncomeLessDomestic).ShouldBe(0.1854321, 5e-8);
        OptimalTariffs.Retaliation(b, p).ShouldBe(0.2274219, 5e-8);
    }
}
