using Tightrope.Numerics;

namespace Tightrope.Gravity.Estimation;

/// <summary>Small-sample conventions of the standard errors (formulas in docs/gravity.md).</summary>
public enum SmallSampleConvention
{
    /// <summary>Stata's (<c>glm</c>/<c>ppml</c> for PPML, <c>regress</c>/<c>reghdfe</c>-style with every absorbed effect counted for OLS).</summary>
    Stata,

    /// <summary>fixest's defaults: (n−1)/(n−K) with K counting fixed effects not nested in a cluster, G/(G−1) with the smallest G.</summary>
    Fixest,
}

/// <summary>The estimator: Poisson pseudo-maximum likelihood or ordinary least squares.</summary>
public enum GravityModel
{
    /// <summary>Poisson pseudo-maximum likelihood (IRLS), the outcome in levels, zeros allowed.</summary>
    Ppml,

    /// <summary>Ordinary (weighted) least squares.</summary>
    Ols,
}

/// <summary>The kind of variance–covariance estimator.</summary>
public enum VcovKind
{
    /// <summary>Model-based (Poisson variance, or homoskedastic errors for OLS).</summary>
    Iid,

    /// <summary>Heteroskedasticity-robust sandwich (Eicker–Huber–White) with a small-sample factor.</summary>
    Hetero,

    /// <summary>Cluster-robust, one-way or multi-way (Cameron–Gelbach–Miller).</summary>
    Cluster,
}

/// <summary>Which standard errors to compute; <see cref="ClusterVariables"/> lists the cluster dimensions for <see cref="VcovKind.Cluster"/>.</summary>
public sealed record VcovSpec(VcovKind Kind, IReadOnlyList<string> ClusterVariables)
{
    /// <summary>Heteroskedasticity-robust.</summary>
    public static VcovSpec Hetero { get; } = new(VcovKind.Hetero, []);

    /// <summary>Model-based.</summary>
    public static VcovSpec Iid { get; } = new(VcovKind.Iid, []);

    /// <summary>Clustered by the given variables (several = multi-way).</summary>
    public static VcovSpec Cluster(params string[] variables) => new(VcovKind.Cluster, variables);

    /// <summary>Parses <c>iid</c>, <c>hetero</c> (or <c>robust</c>), <c>cluster:VAR[,VAR]</c>.</summary>
    public static VcovSpec Parse(string text)
    {
        var t = text.Trim();
        if (t.Equals("iid", StringComparison.OrdinalIgnoreCase))
        {
            return Iid;
        }

        if (t.Equals("hetero", StringComparison.OrdinalIgnoreCase) || t.Equals("robust", StringComparison.OrdinalIgnoreCase))
        {
            return Hetero;
        }

        if (t.StartsWith("cluster:", StringComparison.OrdinalIgnoreCase))
        {
            var vars = t["cluster:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (vars.Length > 0)
            {
                return Cluster(vars);
            }
        }

        throw new ArgumentException($"vcov '{text}': expected iid, hetero or cluster:VAR[,VAR].");
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == VcovKind.Cluster ? "cluster:" + string.Join(",", ClusterVariables) : Kind.ToString().ToLowerInvariant();
}

/// <summary>Everything that defines an estimation besides the data. Defaults: PPML, robust standard errors, tight convergence.</summary>
public sealed record EstimationOptions
{
    /// <summary>The estimator.</summary>
    public GravityModel Model { get; init; } = GravityModel.Ppml;

    /// <summary>The standard errors.</summary>
    public VcovSpec Vcov { get; init; } = VcovSpec.Hetero;

    /// <summary>Variable holding observation weights (null = unweighted).</summary>
    public string? Weights { get; init; }

    /// <summary>Variable (or <c>log(var)</c>) entering the linear predictor with coefficient 1 (null = none).</summary>
    public string? Offset { get; init; }

    /// <summary>Rows to consider (null = all); the others are reported as excluded.</summary>
    public IReadOnlyList<bool>? Subset { get; init; }

    /// <summary>Convergence: relative change of the deviance between IRLS iterations.</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>How the fixed effects are solved for (automatic choice by default).</summary>
    public FixedEffectSolver FixedEffectSolver { get; init; } = FixedEffectSolver.Auto;

    /// <summary>Small-sample conventions of the standard errors.</summary>
    public SmallSampleConvention SmallSample { get; init; } = SmallSampleConvention.Stata;

    /// <summary>Final tolerance of the fixed-effect projections (relative to the scale of each variable).</summary>
    public double InnerTolerance { get; init; } = 1e-12;

    /// <summary>Maximum IRLS iterations before a non-convergence error.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>Drop observations alone in a fixed-effect group (they carry no information and distort the small-sample factors).</summary>
    public bool DropSingletons { get; init; } = true;

    /// <summary>Detect and drop separated observations (PPML only).</summary>
    public bool CheckSeparation { get; init; } = true;
}

/// <summary>What happened to one input row.</summary>
public enum ObservationStatus
{
    /// <summary>In the estimation sample.</summary>
    Used,

    /// <summary>Alone in a fixed-effect group.</summary>
    Singleton,

    /// <summary>Separated: its conditional mean is zero at the (non-existent) maximum; dropped so that the estimates exist.</summary>
    Separated,

    /// <summary>A variable of the model is missing (or its log is undefined).</summary>
    Missing,

    /// <summary>Outside the requested subset.</summary>
    Excluded,
}

/// <summary>Progress of a running fit, for a progress line.</summary>
public sealed record FitProgress(int Iteration, double Deviance, double RelativeChange, TimeSpan Elapsed);
