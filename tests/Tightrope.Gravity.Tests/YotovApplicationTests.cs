using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

/// <summary>Yotov et al. (2016), Chapter 2 Application 2: the two-stage estimation of bilateral trade costs (RTAsEffects.log).</summary>
public sealed class YotovApplicationTests
{
    private static readonly Lazy<(ColumnarTable Data, GravityFit Stage1)> Stage1 = new(() =>
    {
        var data = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "Chapter2Application2.dta"));
        var year = data.Numeric("year").Values;
        var subset = year.Select(y => y is 1986 or 1990 or 1994 or 1998 or 2002 or 2006).ToArray();
        var fit = GravityEstimator.Fit(data, "trade ~ RTA | exporter^year + importer^year + pair_id", new EstimationOptions { Subset = subset });
        return (data, fit);
    });

    private static void Close(double actual, double expected, double relative)
    {
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(relative * Math.Abs(expected), $"actual {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Stage1_panel_ppml_with_pair_effects_matches_the_log()
    {
        var fit = Stage1.Value.Stage1;
        fit.Statistics.Observations.ShouldBe(28_482);
        fit.Statistics.DroppedSeparated.ShouldBe(84);
        Close(fit["RTA"].Estimate, 0.5571853, 1e-6);

        // The log prints the standard error to five significant digits (0.055771), i.e. ±5e-7 absolute.
        Math.Abs(fit["RTA"].StdError - 0.055771).ShouldBeLessThanOrEqualTo(5e-7);
        Close(fit.Statistics.Deviance, 2_630_486.72, 1e-8);
    }

    [Fact]
    public void Stage2_cross_section_on_recovered_pair_effects_matches_the_log()
    {
        var (data, fit) = Stage1.Value;
        var gamma = PairEffects(data, fit);
        var withT = data.With(new NumericColumn("tij", gamma.Select(Math.Exp).ToArray()));
        var year = data.Numeric("year").Values;
        var exporter = (TextColumn)data.Column("exporter");
        var importer = (TextColumn)data.Column("importer");
        var subset = Enumerable.Range(0, data.RowCount).Select(i => year[i] == 1994 && exporter.Values[i] != importer.Values[i]).ToArray();
        var stage2 = GravityEstimator.Fit(withT, "tij ~ log(DIST) + CNTG + LANG + CLNY | exporter + importer",
            new EstimationOptions { Subset = subset, Vcov = VcovSpec.Cluster("pair_id") });
        stage2.Statistics.Observations.ShouldBe(4_678);
        stage2.Statistics.Clusters.ShouldBe([2_339]);
        Close(stage2["log(DIST)"].Estimate, -0.8475027, 1e-6);
        Close(stage2["CNTG"].Estimate, 0.2940831, 1e-6);
        Close(stage2["LANG"].Estimate, 0.3632659, 1e-6);
        Close(stage2["CLNY"].Estimate, 0.2394163, 1e-6);
        Close(stage2["log(DIST)"].StdError, 0.0346902, 2e-6);
        Close(stage2["CNTG"].StdError, 0.0948405, 1e-6);
        Close(stage2["LANG"].StdError, 0.0826225, 1e-6);
        Close(stage2["CLNY"].StdError, 0.114736, 5e-6);
        Close(stage2.Statistics.Deviance, 4.573687, 1e-6);
    }

    [Fact]
    public void Recovered_pair_effects_match_the_spec_checks()
    {
        var (data, fit) = Stage1.Value;
        var gamma = PairEffects(data, fit);
        var exporter = (TextColumn)data.Column("exporter");
        var importer = (TextColumn)data.Column("importer");
        var year = data.Numeric("year").Values;
        double Gamma(string i, string j) => gamma[Enumerable.Range(0, data.RowCount).First(r => year[r] == 1994 && exporter.Values[r] == i && importer.Values[r] == j)];
        Gamma("CAN", "USA").ShouldBe(-2.378298, 5e-7);
        Gamma("USA", "CAN").ShouldBe(-2.378298, 5e-7);
        Gamma("MEX", "USA").ShouldBe(-2.629336, 5e-7);
        Gamma("CAN", "MEX").ShouldBe(-4.460715, 5e-7);
        Gamma("DEU", "FRA").ShouldBe(-2.690566, 5e-7);
        double.IsNaN(Gamma("CMR", "NPL")).ShouldBeTrue();
    }

    [Fact]
    public void Recovered_fixed_effects_reproduce_the_fitted_values()
    {
        var (data, fit) = Stage1.Value;
        var predicted = fit.Predict(data);
        var fitted = fit.Fitted();
        var worst = 0.0;
        for (var i = 0; i < data.RowCount; i++)
        {
            if (!double.IsNaN(fitted[i]))
            {
                worst = Math.Max(worst, Math.Abs(predicted[i] / fitted[i] - 1));
            }
        }

        worst.ShouldBeLessThan(1e-9);
    }

    /// <summary>
    /// The book's pair effects: domestic pairs share one effect fixed at 0. With country-specific domestic pair ids the same fit
    /// gives γ_ij − (γ_ii + γ_jj)/2, which is invariant to the normalisation of the fixed effects.
    /// </summary>
    private static double[] PairEffects(ColumnarTable data, GravityFit fit)
    {
        var pair = fit.FixedEffects().Single(f => f.Name == "pair_id").Values;
        var exporter = (TextColumn)data.Column("exporter");
        var importer = (TextColumn)data.Column("importer");
        var domestic = new Dictionary<string, double>();
        for (var i = 0; i < data.RowCount; i++)
        {
            if (exporter.Values[i] == importer.Values[i] && pair.TryGetValue(data.Column("pair_id").Text(i), out var g))
            {
                domestic[exporter.Values[i]!] = g;
            }
        }

        var result = new double[data.RowCount];
        for (var i = 0; i < data.RowCount; i++)
        {
            var label = data.Column("pair_id").Text(i);
            result[i] = pair.TryGetValue(label, out var g)
                ? g - ((domestic[exporter.Values[i]!] + domestic[importer.Values[i]!]) / 2)
                : double.NaN;
        }

        return result;
    }
}
