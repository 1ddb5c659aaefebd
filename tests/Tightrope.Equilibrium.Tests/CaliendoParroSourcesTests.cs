using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;

namespace Tightrope.Equilibrium.Tests;

/// <summary>The authors' matrices and the tidy CSV files must give the same baseline and the same NAFTA result.</summary>
public class CaliendoParroSourcesTests(CaliendoParroFixture fixture) : IClassFixture<CaliendoParroFixture>
{
    private readonly ITestOutputHelper _output = TestContext.Current.TestOutputHelper!;

    private static double MaxRelativeGap(double[] a, double[] b, double floor)
    {
        a.Length.ShouldBe(b.Length);
        var worst = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(a[k] - b[k]) / Math.Max(Math.Abs(a[k]), floor));
        }

        return worst;
    }

    [Fact]
    public void Original_and_tidy_files_give_the_same_baseline()
    {
        var original = fixture.Baseline;
        var tidy = CpBaseline.Build(CaliendoParroData.Load(CaliendoParroSource.Tidy));
        tidy.Countries.Select(c => c.Iso3).ShouldBe(original.Countries.Select(c => c.Iso3));
        tidy.Sectors.ShouldBe(original.Sectors);
        tidy.Tradable.ShouldBe(original.Tradable);
        tidy.Theta.ShouldBe(original.Theta);

        var gaps = new Dictionary<string, double>
        {
            ["pi"] = MaxRelativeGap(original.Pi, tidy.Pi, 1e-6),
            ["tariff factors"] = MaxRelativeGap(original.TariffFactor, tidy.TariffFactor, 1),
            ["spending X"] = MaxRelativeGap(original.Spending, tidy.Spending, 1e3),
            ["value added"] = MaxRelativeGap(original.ValueAdded, tidy.ValueAdded, 1e3),
            ["value-added shares"] = MaxRelativeGap(original.ValueAddedShare, tidy.ValueAddedShare, 1e-6),
            ["input shares"] = MaxRelativeGap(original.InputShare, tidy.InputShare, 1e-6),
            ["final shares"] = MaxRelativeGap(original.FinalShare, tidy.FinalShare, 1e-6),
            ["surplus"] = MaxRelativeGap(original.Surplus, tidy.Surplus, 1e9),
        };
        foreach (var (name, gap) in gaps)
        {
            _output.WriteLine($"{name}: largest relative gap {gap:E2}");
            gap.ShouldBeLessThan(1e-6, name);
        }
    }

    [Fact]
    public void Original_and_tidy_files_give_the_same_nafta_result()
    {
        var tidy = CpBaseline.Build(CaliendoParroData.Load(CaliendoParroSource.Tidy));
        var fromTidy = CpExperiment.Nafta(tidy, DeficitCase.Zero);
        foreach (var (a, b) in fixture.NaftaZeroDeficit.Countries.Zip(fromTidy.Countries))
        {
            b.WelfarePct.ShouldBe(a.WelfarePct, 1e-6, a.Country.Iso3);
            b.RealWagePct.ShouldBe(a.RealWagePct, 1e-6, a.Country.Iso3);
        }
    }
}
