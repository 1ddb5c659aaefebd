using Tightrope.Data;

namespace Tightrope.Equilibrium.StructuralGravity;

/// <summary>How the full-endowment equilibrium is computed.</summary>
public enum FullEndowmentMethod
{
    /// <summary>(B) the direct fixed point in changes (exact hat algebra), iterated to convergence: the default.</summary>
    Direct,

    /// <summary>(A) the iterative PPML procedure of Yotov et al. (2016) with its published stopping rule.</summary>
    IterativePpml,
}

/// <summary>Which way the percentage changes are stated.</summary>
public enum IndicatorConvention
{
    /// <summary>Baseline relative to counterfactual, 100(BLN − CFL)/CFL, price 100(1 − p̂): the "effect of NAFTA" of Application 2.</summary>
    EffectOfBaseline,

    /// <summary>Counterfactual relative to baseline, 100(CFL − BLN)/BLN, price 100(p̂ − 1): the "effect of removing borders" of Application 1.</summary>
    EffectOfCounterfactual,
}

/// <summary>
/// Per-country indicators, each the effect of the baseline relative to the counterfactual in percent (Yotov et al.
/// 2016 sign convention: "effect of NAFTA" = with relative to without).
/// </summary>
public sealed record GravityIndicators(
    Country Country,
    double ChangeXiCdl,
    double ChangeXiFull,
    double ChangeRgdpFull,
    double ChangeImrCdl,
    double ChangeImrFull,
    double ChangeOmrCdl,
    double ChangeOmrFull,
    double ChangePriceFull);

/// <summary>One lagged convergence check of the iterative PPML procedure: statistics of the change in price changes.</summary>
public sealed record ConvergenceCheck(int Fit, double Mean, double StandardDeviation, double Min, double Max);

/// <summary>The outcome of a structural-gravity counterfactual.</summary>
/// <param name="Economy">The baseline economy.</param>
/// <param name="Counterfactual">Counterfactual trade costs.</param>
/// <param name="Method">How the full-endowment step was computed.</param>
/// <param name="Indicators">Per-country indicators, in country order.</param>
/// <param name="PriceChange">Factory-gate price change p̂ (counterfactual over baseline).</param>
/// <param name="OutputFull">Output in the full-endowment counterfactual.</param>
/// <param name="FlowsFull">Trade flows in the full-endowment counterfactual, exporter → importer, in the units of the data.</param>
/// <param name="Iterations">Outer iterations of the full-endowment step (fits for (A), fixed-point steps for (B)).</param>
/// <param name="Checks">Convergence checks of (A); empty for (B).</param>
/// <param name="Convention">Which way the indicators are stated.</param>
public sealed record GravityGeResult(
    GravityEconomy Economy,
    PairMatrix Counterfactual,
    FullEndowmentMethod Method,
    IReadOnlyList<GravityIndicators> Indicators,
    double[] PriceChange,
    double[] OutputFull,
    PairMatrix FlowsFull,
    int Iterations,
    IReadOnlyList<ConvergenceCheck> Checks,
    IndicatorConvention Convention = IndicatorConvention.EffectOfBaseline)
{
    /// <summary>Indicators of one country.</summary>
    public GravityIndicators For(string iso3) => Indicators[Economy.Countries.Require(iso3)];
}
