using Tightrope.Gravity.Data;
using Tightrope.Numerics;

namespace Tightrope.Gravity.Estimation;

/// <summary>One estimated coefficient with its standard error, test statistic (z for PPML, t for OLS) and two-sided p-value.</summary>
public sealed record CoefficientEstimate(string Term, double Estimate, double StdError, double Statistic, double PValue);

/// <summary>A regressor dropped before estimation, and why.</summary>
public sealed record DroppedTerm(string Term, string Reason);

/// <summary>Fit statistics and sample accounting of an estimation.</summary>
public sealed record FitStatistics
{
    /// <summary>Input rows.</summary>
    public required int Rows { get; init; }

    /// <summary>Observations used.</summary>
    public required int Observations { get; init; }

    /// <summary>Rows outside the subset.</summary>
    public required int Excluded { get; init; }

    /// <summary>Rows dropped because a model variable is missing.</summary>
    public required int DroppedMissing { get; init; }

    /// <summary>Rows dropped as singletons.</summary>
    public required int DroppedSingletons { get; init; }

    /// <summary>Rows dropped as separated.</summary>
    public required int DroppedSeparated { get; init; }

    /// <summary>IRLS iterations (1 for OLS).</summary>
    public required int Iterations { get; init; }

    /// <summary>Poisson deviance (PPML) or residual sum of squares (OLS).</summary>
    public required double Deviance { get; init; }

    /// <summary>Log-likelihood (Poisson, with the −ln Γ(y+1) term; Gaussian concentrated for OLS).</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>McFadden pseudo-R² against a constant-only model (PPML) or R² (OLS).</summary>
    public required double PseudoR2 { get; init; }

    /// <summary>Squared correlation of the outcome and its fitted value (the R² Stata's ppml prints).</summary>
    public required double SquaredCorrelation { get; init; }

    /// <summary>Number of fixed-effect coefficients absorbed, net of the redundant ones detected (connected components).</summary>
    public required int AbsorbedDegreesOfFreedom { get; init; }

    /// <summary>Number of clusters in each cluster dimension (empty unless clustered).</summary>
    public required IReadOnlyList<int> Clusters { get; init; }

    /// <summary>The fixed-effect solver the fit ended with (alternating projections or conjugate gradients).</summary>
    public FixedEffectSolver FixedEffectSolver { get; init; } = FixedEffectSolver.AlternatingProjections;

    /// <summary>Passes over the data by the fixed-effect solver in the fit (sweeps plus conjugate-gradient iterations).</summary>
    public long FixedEffectIterations { get; init; }

    /// <summary>Passes over the data by the fixed-effect solver in the separation check (0 when not run).</summary>
    public long SeparationIterations { get; init; }

    /// <summary>Parameters counted in the small-sample factor (K, regressors plus absorbed fixed effects, under the chosen convention).</summary>
    public int ParametersCounted { get; init; }
}

/// <summary>Fixed effects of one dimension: level label (component values joined by '^') → value on the linear-predictor scale.</summary>
public sealed record FixedEffectDimension(string Name, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// The result of a gravity estimation (<see cref="GravityEstimator"/>): coefficients and covariance, fit statistics, what happened to every input row,
/// and (on demand) the fixed effects and predictions the general-equilibrium models need.
/// </summary>
public sealed class GravityFit
{
    private readonly FitState _state;
    private IReadOnlyList<FixedEffectDimension>? _fixedEffects;

    internal GravityFit(GravityFormula formula, EstimationOptions options, IReadOnlyList<CoefficientEstimate> coefficients, double[,] covariance,
        IReadOnlyList<DroppedTerm> dropped, FitStatistics statistics, ObservationStatus[] status, IReadOnlyList<string> messages, FitState state)
    {
        Formula = formula;
        Options = options;
        Coefficients = coefficients;
        Covariance = covariance;
        DroppedTerms = dropped;
        Statistics = statistics;
        Status = status;
        Messages = messages;
        _state = state;
    }

    /// <summary>The formula estimated.</summary>
    public GravityFormula Formula { get; }

    /// <summary>The options used.</summary>
    public EstimationOptions Options { get; }

    /// <summary>Estimated coefficients in formula order (dropped terms omitted).</summary>
    public IReadOnlyList<CoefficientEstimate> Coefficients { get; }

    /// <summary>Covariance of <see cref="Coefficients"/>, same order.</summary>
    public double[,] Covariance { get; }

    /// <summary>Regressors dropped as collinear.</summary>
    public IReadOnlyList<DroppedTerm> DroppedTerms { get; }

    /// <summary>Fit statistics and sample accounting.</summary>
    public FitStatistics Statistics { get; }

    /// <summary>What happened to each input row (index = 0-based row of the table).</summary>
    public IReadOnlyList<ObservationStatus> Status { get; }

    /// <summary>Human-readable notes on drops and choices, one per line.</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>The coefficient of a term (e.g. "RTA", "log(DIST)"); a <see cref="KeyNotFoundException"/> if absent or dropped.</summary>
    public CoefficientEstimate this[string term] =>
        Coefficients.FirstOrDefault(c => c.Term == term) ?? throw new KeyNotFoundException($"no estimated coefficient '{term}'.");

    /// <summary>Fitted means (PPML) or fitted values (OLS) by input row; NaN for rows not used.</summary>
    public double[] Fitted()
    {
        var result = new double[Status.Count];
        Array.Fill(result, double.NaN);
        for (var i = 0; i < _state.Rows.Length; i++)
        {
            result[_state.Rows[i]] = _state.Fitted[i];
        }

        return result;
    }

    /// <summary>
    /// The fixed effects, normalised so that in every dimension after the first, the first level (in data order) of each connected
    /// component (with the first dimension) is 0; the first dimension absorbs the level. Fitted values do not depend on the normalisation.
    /// </summary>
    public IReadOnlyList<FixedEffectDimension> FixedEffects() => _fixedEffects ??= RecoverFixedEffects();

    /// <summary>
    /// Predicts for every row of <paramref name="data"/>: exp(η) for PPML or η for OLS, where η = x'b + offset + fixed effects.
    /// Rows with a missing variable or a fixed-effect level not seen in estimation give NaN. Without fixed effects
    /// (<paramref name="includeFixedEffects"/> false) only x'b + offset enters.
    /// </summary>
    public double[] Predict(ColumnarTable data, bool includeFixedEffects = true)
    {
        var n = data.RowCount;
        var eta = new double[n];
        foreach (var c in Coefficients)
        {
            if (c.Term == GravityEstimator.InterceptName)
            {
                for (var i = 0; i < n; i++)
                {
                    eta[i] += c.Estimate;
                }

                continue;
            }

            var term = Formula.Regressors.First(r => r.Label == c.Term);
            var values = GravityEstimator.TermValues(data, term);
            for (var i = 0; i < n; i++)
            {
                eta[i] += c.Estimate * values[i];
            }
        }

        if (Options.Offset is { } offsetText)
        {
            var values = GravityEstimator.TermValues(data, GravityEstimator.ParseOffset(offsetText));
            for (var i = 0; i < n; i++)
            {
                eta[i] += values[i];
            }
        }

        if (includeFixedEffects)
        {
            var fes = FixedEffects();
            for (var k = 0; k < fes.Count; k++)
            {
                var vars = Formula.FixedEffects[k];
                for (var i = 0; i < n; i++)
                {
                    var label = FactorEncoding.Label(data, vars, i);
                    eta[i] += fes[k].Values.TryGetValue(label, out var v) ? v : double.NaN;
                }
            }
        }

        if (Options.Model == GravityModel.Ppml)
        {
            for (var i = 0; i < n; i++)
            {
                eta[i] = Math.Exp(eta[i]);
            }
        }

        return eta;
    }

    private List<FixedEffectDimension> RecoverFixedEffects()
    {
        var s = _state;
        var p = s.Projector;
        if (p.FactorCount == 0)
        {
            return [];
        }

        var alpha = (double[])s.WarmStart.Clone();
        var residual = new double[p.Length];
        p.SetWeights(null);
        var sweeps = p.Project(s.FixedEffectPart, residual, alpha, 1e-14, 1_000_000);
        if (sweeps < 0)
        {
            throw new SolverDidNotConvergeException("fixed-effect recovery did not converge", -sweeps, residual.Max(Math.Abs));
        }

        Normalise(alpha, s.Codes, s.Levels, p);
        var result = new List<FixedEffectDimension>();
        for (var k = 0; k < s.Levels.Length; k++)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            var offset = p.CoefficientOffset(k);
            for (var g = 0; g < s.Levels[k]; g++)
            {
                values[s.LevelLabels[k][g]] = alpha[offset + g];
            }

            result.Add(new FixedEffectDimension(string.Join("^", Formula.FixedEffects[k]), values));
        }

        return result;
    }

    private static void Normalise(double[] alpha, int[][] codes, int[] levels, FixedEffectProjector p)
    {
        var n = codes[0].Length;
        for (var k = 1; k < levels.Length; k++)
        {
            var component = ConnectedComponents.Label(codes[0], levels[0], codes[k], levels[k], out var count);
            var shift = new double[count];
            var set = new bool[count];
            var ok = p.CoefficientOffset(k);
            var o0 = p.CoefficientOffset(0);
            for (var i = 0; i < n; i++)
            {
                var c = component[codes[0][i]];
                if (!set[c])
                {
                    set[c] = true;
                    shift[c] = alpha[ok + codes[k][i]];
                }
            }

            for (var g = 0; g < levels[k]; g++)
            {
                alpha[ok + g] -= shift[component[levels[0] + g]];
            }

            for (var g = 0; g < levels[0]; g++)
            {
                alpha[o0 + g] += shift[component[g]];
            }
        }
    }
}

/// <summary>What a fit keeps for fixed-effect recovery and fitted values.</summary>
internal sealed record FitState(
    int[] Rows,
    double[] Fitted,
    FixedEffectProjector Projector,
    int[][] Codes,
    int[] Levels,
    string[][] LevelLabels,
    double[] FixedEffectPart,
    double[] WarmStart);

/// <summary>Connected components of the bipartite graph linking levels of two factors that share an observation.</summary>
internal static class ConnectedComponents
{
    /// <summary>Component of each node: nodes 0..levelsA-1 are factor A's levels, then factor B's.</summary>
    public static int[] Label(int[] a, int levelsA, int[] b, int levelsB, out int count)
    {
        var parent = new int[levelsA + levelsB];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (var i = 0; i < a.Length; i++)
        {
            var ra = Find(a[i]);
            var rb = Find(levelsA + b[i]);
            if (ra != rb)
            {
                parent[ra] = rb;
            }
        }

        var id = new int[parent.Length];
        Array.Fill(id, -1);
        count = 0;
        var result = new int[parent.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            var r = Find(i);
            if (id[r] < 0)
            {
                id[r] = count++;
            }

            result[i] = id[r];
        }

        return result;
    }
}
