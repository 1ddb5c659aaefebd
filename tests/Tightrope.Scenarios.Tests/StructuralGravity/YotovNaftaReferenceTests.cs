using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Gravity.Data;

namespace Tightrope.Scenarios.Tests.StructuralGravity;

/// <summary>Yotov et al. (2016), Chapter 2 Application 2 (removing NAFTA) against the spec's checks and the published results.</summary>
public sealed class YotovNaftaReferenceTests
{
    private static void Close(double actual, double expected, double relative, string what = "")
    {
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(relative * Math.Abs(expected), $"{what} actual {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Stage1_and_stage2_give_the_logged_coefficients_and_pair_costs()
    {
        var c = YotovNafta.Costs.Value;
        Close(c.Beta, 0.5571853, 1e-6, "β");
        c.Stage1.Statistics.Observations.ShouldBe(28_482);
        Close(c.Gamma("CAN", "USA"), -2.378298, 1e-6, "γ CAN-USA");
        Close(c.Gamma("USA", "CAN"), -2.378298, 1e-6, "γ USA-CAN");
        Close(c.Gamma("MEX", "USA"), -2.629336, 1e-6, "γ MEX-USA");
        Close(c.Gamma("CAN", "MEX"), -4.460715, 1e-6, "γ CAN-MEX");
        Close(c.Gamma("DEU", "FRA"), -2.690566, 1e-6, "γ DEU-FRA");
        c.Gamma("USA", "USA").ShouldBe(0);
        c.Filled.Count(f => f).ShouldBe(14);
        c.Stage2.ShouldNotBeNull();
        Close(c.Stage2["log(DIST)"].Estimate, -0.8475027, 1e-6, "ln DIST");
        Close(c.Stage2["CNTG"].Estimate, 0.2940831, 1e-6, "CNTG");
        Close(c.Stage2["LANG"].Estimate, 0.3632659, 1e-6, "LANG");
        Close(c.Stage2["CLNY"].Estimate, 0.2394163, 1e-6, "CLNY");
        var n = c.Countries.Count;
        Close(c.PairCost[(c.Countries.Require("CMR") * n) + c.Countries.Require("NPL")], 4.81016e-5, 1e-5, "t̄ CMR-NPL");
        var bln = YotovNafta.Economy().BaselineCosts;
        var cfl = YotovNafta.Counterfactual();
        int I(string iso) => c.Countries.Require(iso);
        Close(bln[I("CAN"), I("USA")], 0.161846, 5e-6, "t BLN CAN-USA");
        Close(cfl[I("CAN"), I("USA")], 0.0927083, 5e-6, "t CFL CAN-USA");
        bln[I("USA"), I("USA")].ShouldBe(1);
    }

    [Fact]
    public void Baseline_levels_match_the_spec_table()
    {
        var economy = YotovNafta.Economy();
        var (y, e) = GravityGeModel.OutputAndExpenditure(economy);
        var r = economy.Countries.Require("DEU");
        var mr = MultilateralResistances.Solve(economy.BaselineCosts, y, e, r);
        var xi = mr.Exports();
        Close(e[r], 1_133_906.93, 1e-8, "E_R");
        foreach (var (iso, yv, ev, omr, imr, x) in new[]
        {
            ("CAN", 306_345.06, 299_434.06, 1_100_150.0, 0.5133277, 143_915.34),
            ("MEX", 145_282.73, 159_656.51, 859_156.17, 0.3478417, 67_667.51),
            ("USA", 3_323_183.0, 3_438_596.7, 3_007_324.1, 1.3240896, 453_473.71),
        })
        {
            var i = economy.Countries.Require(iso);
            Close(y[i], yv, 1e-7, iso + " Y");
            Close(e[i], ev, 1e-7, iso + " E");
            Close(mr.Omr[i], omr, 1e-6, iso + " OMR");
            Close(mr.Imr[i], imr, 1e-6, iso + " IMR");
            Close(xi[i], x, 1e-7, iso + " Xi");
        }
    }

    [Fact]
    public void Iterative_ppml_reproduces_the_published_per_country_values()
    {
        var result = YotovNafta.Iterative.Value;
        result.Iterations.ShouldBe(3);
        result.Checks.Count.ShouldBe(3);
        // The three convergence checks of the log (lines 4373–4392), printed to 7 significant digits.
        var logged = new[]
        {
            (0.9994758, 0.0031412, 0.978553, 1.000545), (0.0006048, 0.0036707, -0.0006441, 0.025059), (-0.0001521, 0.000977, -0.0066189, 0.0001341),
        };
        for (var k = 0; k < 3; k++)
        {
            var c = result.Checks[k];
            Math.Abs(c.Mean - logged[k].Item1).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} mean {c.Mean}");
            Math.Abs(c.StandardDeviation - logged[k].Item2).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} sd {c.StandardDeviation}");
            Math.Abs(c.Min - logged[k].Item3).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} min {c.Min}");
            Math.Abs(c.Max - logged[k].Item4).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} max {c.Max}");
        }

        var prod = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "reference", "RTAsEffects_FULL_PROD.dta"));
        var cons = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "reference", "RTAsEffects_FULL_CONS.dta"));
        var worst = PublishedComparison.Worst(result, prod, cons);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, worst.Select(w => $"{w.Key}: {w.Value.Gap:E3} ({w.Value.Country})")));
        foreach (var (indicator, (gap, country)) in worst)
        {
            gap.ShouldBeLessThanOrEqualTo(1e-4, $"{indicator} differs by {gap:E3} pp for {country}");
        }

        Close(result.PriceChange[result.Economy.Countries.Require("CAN")], 0.98163072, 1e-7, "p̂ CAN");
        Close(result.OutputFull[result.Economy.Countries.Require("USA")], 3_318_229.25, 2e-8, "Y FULL USA");
    }

    [Fact]
    public void Direct_fixed_point_matches_the_spec_table()
    {
        var result = YotovNafta.Direct.Value;
        foreach (var (iso, xi, rgdp, imr, omr, price) in new[]
        {
            ("CAN", 36.7079, 3.4401, -1.4034, -2.2708, 1.9496),
            ("MEX", 42.8706, 3.8292, -2.3193, -1.6328, 1.4012),
            ("USA", 14.8843, 0.3340, -0.1581, -0.2041, 0.1750),
            ("DEU", -0.1322, -0.0103, 0.0000, 0.0120, -0.0103),
            ("CHN", -0.3207, -0.0172, -0.0049, 0.0258, -0.0221),
            ("JPN", -0.3318, -0.0078, -0.0220, 0.0347, -0.0298),
        })
        {
            var g = result.For(iso);
            // The table has four decimals: agreement to its rounding (5e-5) is what it can confirm.
            Math.Abs(g.ChangeXiFull - xi).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " Xi_FULL " + g.ChangeXiFull);
            Math.Abs(g.ChangeRgdpFull - rgdp).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " rGDP_FULL " + g.ChangeRgdpFull);
            Math.Abs(g.ChangeImrFull - imr).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " IMR_FULL " + g.ChangeImrFull);
            Math.Abs(g.ChangeOmrFull - omr).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " OMR_FULL " + g.ChangeOmrFull);
            Math.Abs(g.ChangePriceFull - price).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " price_FULL " + g.ChangePriceFull);
        }

        foreach (var (iso, xiCdl, omrCdl, imrCdl) in new[]
        {
            ("CAN", 34.9918, -2.1447, -1.2696), ("MEX", 41.6408, -1.5292, -2.2366), ("USA", 14.4809, -0.1875, -0.1421),
            ("DEU", -0.1382, 0.0112, 0.0000), ("CHN", -0.3382, 0.0265, -0.0075), ("JPN", -0.3526, 0.0352, -0.0266),
        })
        {
            var g = result.For(iso);
            Math.Abs(g.ChangeXiCdl - xiCdl).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " Xi_CDL");
            Math.Abs(g.ChangeOmrCdl - omrCdl).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " OMR_CDL");
            Math.Abs(g.ChangeImrCdl - imrCdl).ShouldBeLessThanOrEqualTo(5e-5 + 1e-6, iso + " IMR_CDL");
        }

        result.Iterations.ShouldBeLessThan(30);
    }
}

/// <summary>Largest gap per indicator between a result and the published Stata files (rGDP by the .do formula).</summary>
public static class PublishedComparison
{
    public static Dictionary<string, (double Gap, string Country)> Worst(GravityGeResult result, ColumnarTable prod, ColumnarTable cons)
    {
        var worst = new Dictionary<string, (double, string)>();
        void Track(string name, double gap, string country)
        {
            if (!worst.TryGetValue(name, out var w) || gap > w.Item1 || double.IsNaN(gap))
            {
                worst[name] = (double.IsNaN(gap) ? double.PositiveInfinity : gap, country);
            }
        }

        var e = 1 / (1 - result.Economy.Sigma);
        var imrByCountry = new Dictionary<string, (double Bln, double Full)>();
        for (var row = 0; row < cons.RowCount; row++)
        {
            var iso = cons.Column("country").Text(row);
            var g = result.For(iso);
            Track("change_IMR_CDL", Math.Abs(g.ChangeImrCdl - cons.Numeric("change_IMR_CDL").Values[row]), iso);
            Track("change_IMR_FULL", Math.Abs(g.ChangeImrFull - cons.Numeric("change_IMR_FULL").Values[row]), iso);
            imrByCountry[iso] = (cons.Numeric("IMR_BLN").Values[row], cons.Numeric("IMR_FULL").Values[row]);
        }

        prod.RowCount.ShouldBe(result.Economy.Countries.Count);
        cons.RowCount.ShouldBe(result.Economy.Countries.Count);
        for (var row = 0; row < prod.RowCount; row++)
        {
            var iso = prod.Column("country").Text(row);
            var g = result.For(iso);
            Track("change_Xi_CDL", Math.Abs(g.ChangeXiCdl - prod.Numeric("change_Xi_CDL").Values[row]), iso);
            Track("change_Xi_FULL", Math.Abs(g.ChangeXiFull - prod.Numeric("change_Xi_FULL").Values[row]), iso);
            Track("change_OMR_CDL", Math.Abs(g.ChangeOmrCdl - prod.Numeric("change_OMR_CDL").Values[row]), iso);
            Track("change_OMR_FULL", Math.Abs(g.ChangeOmrFull - prod.Numeric("change_OMR_FULL").Values[row]), iso);
            Track("change_price_FULL", Math.Abs(g.ChangePriceFull - prod.Numeric("change_price_FULL").Values[row]), iso);
            var (imrBln, imrFull) = imrByCountry[iso];
            var rgdpBln = prod.Numeric("Y_BLN").Values[row] / Math.Pow(imrBln, e);
            var rgdpFull = prod.Numeric("Y_FULL").Values[row] / Math.Pow(imrFull, e);
            var published = result.Economy.Sigma > 0 && result.Indicators.Count > 0
                ? (IsEffectOfBaseline(result) ? 100 * (rgdpBln - rgdpFull) / rgdpFull : 100 * (rgdpFull - rgdpBln) / rgdpBln)
                : double.NaN;
            Track("change_rGDP_FULL", Math.Abs(g.ChangeRgdpFull - published), iso);
        }

        return worst;
    }

    private static bool IsEffectOfBaseline(GravityGeResult result) => result.Convention == IndicatorConvention.EffectOfBaseline;
}
