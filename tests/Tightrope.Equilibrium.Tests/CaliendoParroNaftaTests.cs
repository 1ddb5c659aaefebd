namespace Tightrope.Equilibrium.Tests;

/// <summary>The NAFTA experiment against the published and replicated numbers (spec §9).</summary>
public class CaliendoParroNaftaTests(CaliendoParroFixture fixture) : IClassFixture<CaliendoParroFixture>
{
    private readonly ITestOutputHelper _output = TestContext.Current.TestOutputHelper!;

    [Theory]
    [InlineData("CAN", -0.06)]
    [InlineData("MEX", 1.31)]
    [InlineData("USA", 0.08)]
    public void Welfare_matches_the_published_headline_at_printed_precision(string iso3, double published)
    {
        var welfare = fixture.NaftaZeroDeficit.For(iso3).WelfarePct;
        _output.WriteLine($"{iso3} welfare {welfare:F6}");
        Math.Round(welfare, 2).ShouldBe(published);
    }

    [Theory]
    [InlineData("CAN", -0.1081, 0.0443, -0.0638, 0.3228)]
    [InlineData("MEX", -0.4118, 1.7239, 1.3121, 1.7153)]
    [InlineData("USA", 0.0435, 0.0412, 0.0848, 0.1124)]
    public void Decomposition_matches_the_four_decimal_replication(string iso3, double tot, double vot, double welfare, double realWage)
    {
        var o = fixture.NaftaZeroDeficit.For(iso3);
        _output.WriteLine($"{iso3} tot {o.TermsOfTradePct:F6} vot {o.VolumeOfTradePct:F6} welfare {o.WelfarePct:F6} real wage {o.RealWagePct:F6} real income {o.RealIncomePct:F6} w {o.WageHat:F6} P {o.PriceIndexHat:F6}");
        o.TermsOfTradePct.ShouldBe(tot, 5e-4);
        o.VolumeOfTradePct.ShouldBe(vot, 5e-4);
        o.WelfarePct.ShouldBe(welfare, 5e-4);
        o.RealWagePct.ShouldBe(realWage, 5e-4);
    }

    [Theory]
    [InlineData("CAN", 0.998731, 0.995517)]
    [InlineData("MEX", 1.008231, 0.991228)]
    [InlineData("USA", 1.003121, 1.001994)]
    public void Wage_and_price_changes_match_the_replication(string iso3, double wage, double price)
    {
        var o = fixture.NaftaZeroDeficit.For(iso3);
        o.WageHat.ShouldBe(wage, 2e-6);
        o.PriceIndexHat.ShouldBe(price, 2e-6);
    }

    [Fact]
    public void Exact_real_income_is_reported_separately_from_the_decomposition()
    {
        var c = fixture.NaftaZeroDeficit;
        foreach (var iso in new[] { "CAN", "MEX", "USA" })
        {
            _output.WriteLine($"{iso} exact real income {c.For(iso).RealIncomePct:F4}");
        }

        Math.Round(c.For("CAN").RealIncomePct, 2).ShouldBe(-0.11);
        Math.Round(c.For("MEX").RealIncomePct, 2).ShouldBe(0.01);
        Math.Round(c.For("USA").RealIncomePct, 2).ShouldBe(0.07);
    }

    [Fact]
    public void Mexico_tariff_revenue_and_imports_from_the_US_match_the_spec_checks()
    {
        var c = fixture.NaftaZeroDeficit;
        var mex = c.For("MEX");
        (100 * mex.RevenueShareReference).ShouldBe(2.04, 0.005);
        (100 * mex.RevenueShareCounterfactual).ShouldBe(0.37, 0.005);
        var fromUs = c.Flows.Where(f => f.Importer.Iso3 == "MEX" && f.Exporter.Iso3 == "USA").ToList();
        var ratio = fromUs.Sum(f => f.Counterfactual) / fromUs.Sum(f => f.Reference);
        _output.WriteLine($"MEX imports from USA x{ratio:F4}");
        ratio.ShouldBe(2.18, 0.005);
    }

    [Fact]
    public void Baseline_accounts_match_the_spec_checks()
    {
        var b = fixture.Baseline;
        var can = b.Countries.Require("CAN");
        var mex = b.Countries.Require("MEX");
        var usa = b.Countries.Require("USA");
        b.Surplus[can].ShouldBe(1.0741e10, 1e6);
        b.Surplus[mex].ShouldBe(-8.7307e9, 1e6);
        b.Surplus[usa].ShouldBe(-1.23319e11, 1e6);
        b.ValueAdded[can].ShouldBe(5.65308e11, 1e6);
        b.ValueAdded[mex].ShouldBe(3.89994e11, 1e6);
        b.ValueAdded[usa].ShouldBe(6.54582e12, 1e7);
        b.ValueAdded.Sum().ShouldBe(2.4915e13, 1e9);
        b.ClippedFinalShares.ShouldBe(185);
        fixture.Data.Adjustments.Count.ShouldBe(26);
    }

    [Fact]
    public void Data_deficit_case_converges_and_reports_every_region()
    {
        var c = fixture.NaftaDataDeficit;
        foreach (var iso in new[] { "CAN", "MEX", "USA" })
        {
            var o = c.For(iso);
            _output.WriteLine($"{iso} tot {o.TermsOfTradePct:F4} vot {o.VolumeOfTradePct:F4} welfare {o.WelfarePct:F4} real wage {o.RealWagePct:F4}");
        }

        c.Countries.Count.ShouldBe(31);
        c.Countries.ShouldAllBe(o => double.IsFinite(o.WelfarePct) && double.IsFinite(o.RealWagePct));
        c.Reference.Diagnostics.Residual.ShouldBeLessThan(1e-9);
    }
}
