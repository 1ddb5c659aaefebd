using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Scenarios.Tests.StructuralGravity;

/// <summary>Yotov et al. (2016), Chapter 2 Application 1 (trade without borders) against the addendum's checks.</summary>
public sealed class YotovNoBordersReferenceTests
{
    private static readonly Lazy<CrossSectionCostEstimate> Costs = new(() =>
    {
        var panel = GravityPanel.Read(DataLocation.Resolve("yotov2016", "TradeWithoutBorder2006.dta"), aliases: new Dictionary<string, string> { ["ZZZ"] = "DEU" });
        return CrossSectionTradeCosts.Estimate(panel, 2006, ["ln_DIST", "CNTG", "INTL_BRDR"], MoneyUnit.MillionUsd);
    });

    private static GravityEconomy Economy() => new(Costs.Value.Flows, Costs.Value.Costs(Costs.Value.Coefficients), "DEU", 7);

    private static PairMatrix Counterfactual() => Costs.Value.Costs(Costs.Value.Coefficients, ["INTL_BRDR"]);

    private static void Close(double actual, double expected, double relative, string what)
    {
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(relative * Math.Abs(expected), $"{what}: actual {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Estimation_matches_the_log()
    {
        var c = Costs.Value;
        c.Fit.Statistics.Observations.ShouldBe(4_761);
        Close(c.Coefficients[0], -0.7912879, 1e-6, "ln_DIST");
        Close(c.Coefficients[1], 0.6736456, 1e-6, "CNTG");
        Close(c.Coefficients[2], -2.4744505, 1e-6, "INTL_BRDR");
        Close(c.Fit["ln_DIST"].StdError, 0.0501494, 1e-5, "s.e. ln_DIST");
        Close(c.Fit["CNTG"].StdError, 0.1073719, 1e-5, "s.e. CNTG");
        Close(c.Fit["INTL_BRDR"].StdError, 0.1193816, 1e-5, "s.e. INTL_BRDR");
        Close(c.Fit.Statistics.Deviance, 4_542_201.97, 1e-8, "deviance");
    }

    [Fact]
    public void Cost_matrices_and_baseline_levels_match_the_addendum()
    {
        var countries = Costs.Value.Flows.Countries;
        int I(string iso) => countries.Require(iso);
        var bln = Economy().BaselineCosts;
        var cfl = Counterfactual();
        Close(bln[I("CAN"), I("USA")], 3.9128499e-4, 1e-6, "t BLN CAN-USA");
        Close(cfl[I("CAN"), I("USA")], 4.6465794e-3, 1e-6, "t CFL CAN-USA");
        Close(bln[I("DEU"), I("FRA")], 8.4187033e-4, 1e-6, "t BLN DEU-FRA");
        Close(cfl[I("DEU"), I("FRA")], 9.9973612e-3, 1e-6, "t CFL DEU-FRA");
        Close(bln[I("USA"), I("USA")], 2.5943042e-3, 1e-6, "t USA-USA");
        cfl[I("USA"), I("USA")].ShouldBe(bln[I("USA"), I("USA")]);

        var economy = Economy();
        var (y, e) = GravityGeModel.OutputAndExpenditure(economy);
        var r = I("DEU");
        Close(e[r], 1_771_970.0083, 1e-9, "E_R");
        var mr = MultilateralResistances.Solve(economy.BaselineCosts, y, e, r);
        var xi = mr.Exports();
        foreach (var (iso, omr, imr, x) in new[]
        {
            ("CAN", 13_465.2647, 0.24520751, 260_368.501), ("MEX", 14_427.4865, 0.26321981, 167_336.802),
            ("USA", 34_042.8303, 0.47358291, 526_165.499), ("DEU", 29_929.0364, 1.0, 708_438.240),
            ("CHN", 18_255.2533, 0.96436578, 893_070.286), ("JPN", 21_210.4887, 1.23838283, 495_263.554),
        })
        {
            Close(mr.Omr[I(iso)], omr, 1e-6, iso + " OMR_BLN");
            Close(mr.Imr[I(iso)], imr, 1e-6, iso + " IMR_BLN");
            Close(xi[I(iso)], x, 1e-6, iso + " Xi_BLN");
        }
    }

    [Fact]
    public void Iterative_ppml_stops_where_the_log_does()
    {
        var result = GravityGeModel.Solve(Economy(), Counterfactual(), FullEndowmentMethod.IterativePpml, convention: IndicatorConvention.EffectOfCounterfactual);
        result.Iterations.ShouldBe(5);
        var expected = new[]
        {
            (1.305293, 0.0796225, 0.9666225, 1.468882), (-0.3126514, 0.0902139, -0.4959582, 0.0765771),
            (0.0074778, 0.0139545, -0.0659928, 0.0318213), (0.0009588, 0.0067648, -0.005722, 0.0355494),
            (-0.0022108, 0.0044307, -0.0200164, 0.0032467),
        };
        result.Checks.Count.ShouldBe(5);
        for (var k = 0; k < 5; k++)
        {
            var c = result.Checks[k];
            // The log prints 7 significant digits.
            Math.Abs(c.Mean - expected[k].Item1).ShouldBeLessThanOrEqualTo(1e-6 * Math.Max(1, Math.Abs(expected[k].Item1)), $"check {k + 1} mean {c.Mean}");
            Math.Abs(c.StandardDeviation - expected[k].Item2).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} sd {c.StandardDeviation}");
            Math.Abs(c.Min - expected[k].Item3).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} min {c.Min}");
            Math.Abs(c.Max - expected[k].Item4).ShouldBeLessThanOrEqualTo(1e-6, $"check {k + 1} max {c.Max}");
        }

        // Structural identities of the sign convention (addendum §8).
        var deu = result.For("DEU");
        deu.ChangeImrFull.ShouldBe(0, 1e-12);
        deu.ChangeRgdpFull.ShouldBe(deu.ChangePriceFull, 1e-9);
    }

    [Fact]
    public void Direct_fixed_point_converges_and_clears_markets()
    {
        var result = GravityGeModel.Solve(Economy(), Counterfactual(), convention: IndicatorConvention.EffectOfCounterfactual);
        result.Iterations.ShouldBeLessThanOrEqualTo(20);
        var n = result.Economy.Countries.Count;
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, n).Sum(j => result.FlowsFull[i, j]);
            Math.Abs((row / result.OutputFull[i]) - 1).ShouldBeLessThan(1e-12);
        }

        result.For("DEU").ChangeRgdpFull.ShouldBe(result.For("DEU").ChangePriceFull, 1e-9);
        result.For("CAN").ChangeXiCdl.ShouldBeGreaterThan(0);
    }
}
