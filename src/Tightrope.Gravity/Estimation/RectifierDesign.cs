using System.Runtime.CompilerServices;
using Tightrope.Numerics;

namespace Tightrope.Gravity.Estimation;

/// <summary>
/// The weighted least squares the iterated rectifier repeats: the target u regressed on the regressors and the fixed effects,
/// returning the residual. Two forms with the same answer: explicit (never stored) dummies with a direct solve for small
/// problems, fixed effects partialled out by projections for large ones.
/// </summary>
internal interface IRectifierDesign
{
    /// <summary>Fixed-effect solver passes over the data so far.</summary>
    long Passes { get; }

    /// <summary>The fixed-effect solver in use at the end.</summary>
    FixedEffectSolver Solver { get; }

    /// <summary>Sets up the regression (projects the regressors, factors the normal equations); <paramref name="firstTarget"/>
    /// may be projected alongside.</summary>
    void Prepare(double[] firstTarget);

    /// <summary>Partials the fixed effects out of <paramref name="target"/> into <paramref name="projected"/>; returns the passes
    /// it took. <paramref name="first"/>: the target given to <see cref="Prepare"/>, possibly projected there already.</summary>
    int ProjectTarget(double[] target, double[] projected, bool first);

    /// <summary>The residual of the regression of the projected target on the (projected) regressors.</summary>
    void Residual(double[] projected, double[] residual);
}

/// <summary>Fixed effects partialled out by a <see cref="FixedEffectProjector"/>; the regressors once, the target every iteration
/// (warm-started from the previous iteration's fixed-effect coefficients).</summary>
internal sealed class ProjectedDesign(double[][] x, int[][] codes, int[] levels, double[] w, FixedEffectSolver solver) : IRectifierDesign
{
    // Separated observations settle at fitted values of order one against 1e-5 for the decision (ten times the rectifier's
    // tolerance), so projections to 1e-7 of each variable's weighted scale (about 1e-4 for the target under the heavy weights,
    // so about 1e-11 in absolute terms) decide the same observations as tighter ones (the reference cases, the Yotov samples
    // and the difficult design are unchanged) at a fraction of the iterations.
    private const double ProjectionTolerance = 1e-7;

    // A smaller probe budget than the fit's: the check projects each vector only a few times, so sweeps that cannot finish soon are
    // given up earlier (on well-connected panels the check needs a handful of sweeps and stays with them).
    private readonly FixedEffectProjector _projector = new(w.Length, codes, levels, solver) { ProbeSweeps = 20 };
    private readonly double[][] _xt = [.. x.Select(_ => new double[w.Length])];
    private double[] _alphaU = [];
    private int _firstSweeps;
    private double[]? _first;
    private SymmetricSolver? _regression;

    public long Passes => _projector.TotalIterations;

    public FixedEffectSolver Solver => _projector.ActiveSolver;

    /// <summary>The projector, for a fit on the same observations (its sorted layout and coarse space depend only on the codes).</summary>
    public FixedEffectProjector Projector => _projector;

    public void Prepare(double[] firstTarget)
    {
        _projector.SetWeights(w);
        var k = x.Length;
        var alpha = new double[k][];
        for (var j = 0; j < k; j++)
        {
            alpha[j] = new double[_projector.CoefficientCount];
        }

        // The regressors and the first rectified target are projected side by side (the target does not depend on them).
        _alphaU = new double[_projector.CoefficientCount];
        var first = new double[w.Length];
        var sweeps = new int[k + 1];
        Parallel.For(0, k + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, j =>
        {
            sweeps[j] = j < k
                ? _projector.Project(x[j], _xt[j], alpha[j], ProjectionTolerance)
                : _projector.Project(firstTarget, first, _alphaU, ProjectionTolerance);
        });
        foreach (var s in sweeps)
        {
            Check(s);
        }

        _firstSweeps = sweeps[k];
        _first = first;
        var reference = new double[k];
        for (var j = 0; j < k; j++)
        {
            reference[j] = Separation.WeightedDot(x[j], w, x[j]);
        }

        _regression = k == 0 ? null : SymmetricSolver.Factor(Separation.CrossProduct(_xt, w), k, 1e-9, reference);
    }

    public int ProjectTarget(double[] target, double[] projected, bool first)
    {
        if (first && _first is { } done)
        {
            done.CopyTo(projected, 0);
            _first = null;
            return _firstSweeps;
        }

        var sweeps = _projector.Project(target, projected, _alphaU, ProjectionTolerance);
        Check(sweeps);
        return sweeps;
    }

    public void Residual(double[] projected, double[] residual)
    {
        projected.CopyTo(residual, 0);
        if (_regression is not { Kept.Count: > 0 } regression)
        {
            return;
        }

        var kept = regression.Kept;
        var rhs = new double[kept.Count];
        for (var a = 0; a < kept.Count; a++)
        {
            rhs[a] = Separation.WeightedDot(_xt[kept[a]], w, projected);
        }

        regression.Solve(rhs);
        for (var a = 0; a < kept.Count; a++)
        {
            GravityEstimator.AddScaled(_xt[kept[a]], -rhs[a], residual);
        }
    }

    private void Check(int sweeps)
    {
        if (sweeps < 0)
        {
            throw new SolverDidNotConvergeException(
                $"separation check: a fixed-effect projection ({Separation.Describe(_projector.ActiveSolver)}) reached its limit of {-sweeps} iterations without converging", -sweeps, double.NaN);
        }
    }
}

/// <summary>
/// The regressors and one dummy per fixed-effect level, solved directly (exact whatever the weights). Columns in order: the
/// regressors, then each factor's levels. The dummies' cross products are level sums of the weights, formed in one pass per pair
/// of factors (O(n·F²) instead of O(n·p²) for p columns), and their products with a vector are level sums too.
/// </summary>
internal sealed class DummyDesign(double[][] x, int[][] codes, int[] levels, double[] w) : IRectifierDesign
{
    private readonly int[] _offsets = Offsets(x.Length, levels);
    private SymmetricSolver? _regression;

    public long Passes => 0;

    public FixedEffectSolver Solver => FixedEffectSolver.AlternatingProjections;

    public void Prepare(double[] firstTarget)
    {
        var k = x.Length;
        var p = k + levels.Sum();
        var n = w.Length;
        var m = new double[p * p];
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                var v = Separation.WeightedDot(x[a], w, x[b]);
                m[(a * p) + b] = v;
                m[(b * p) + a] = v;
            }
        }

        for (var f = 0; f < levels.Length; f++)
        {
            var cf = codes[f];
            var of = _offsets[f];
            for (var a = 0; a < k; a++)
            {
                var xa = x[a];
                for (var i = 0; i < n; i++)
                {
                    m[(a * p) + of + cf[i]] += w[i] * xa[i];
                }
            }

            for (var i = 0; i < n; i++)
            {
                m[((of + cf[i]) * p) + of + cf[i]] += w[i];
            }

            for (var h = f + 1; h < levels.Length; h++)
            {
                var ch = codes[h];
                var oh = _offsets[h];
                for (var i = 0; i < n; i++)
                {
                    m[((of + cf[i]) * p) + oh + ch[i]] += w[i];
                }
            }
        }

        // Mirror the upper triangle (regressor–dummy and dummy–dummy blocks were accumulated above the diagonal).
        for (var a = 0; a < p; a++)
        {
            for (var b = a + 1; b < p; b++)
            {
                if (a >= k || b >= k)
                {
                    m[(b * p) + a] = m[(a * p) + b];
                }
            }
        }

        var reference = new double[p];
        for (var a = 0; a < p; a++)
        {
            reference[a] = m[(a * p) + a];
        }

        _regression = SymmetricSolver.Factor(m, p, 1e-9, reference);
    }

    public int ProjectTarget(double[] target, double[] projected, bool first)
    {
        target.CopyTo(projected, 0);
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Residual(double[] projected, double[] residual)
    {
        projected.CopyTo(residual, 0);
        var regression = _regression!;
        var kept = regression.Kept;
        if (kept.Count == 0)
        {
            return;
        }

        var k = x.Length;
        var n = w.Length;
        var p = k + levels.Sum();
        var products = new double[p];
        for (var a = 0; a < k; a++)
        {
            products[a] = Separation.WeightedDot(x[a], w, projected);
        }

        for (var f = 0; f < levels.Length; f++)
        {
            var cf = codes[f];
            var of = _offsets[f];
            for (var i = 0; i < n; i++)
            {
                products[of + cf[i]] += w[i] * projected[i];
            }
        }

        var rhs = new double[kept.Count];
        for (var a = 0; a < kept.Count; a++)
        {
            rhs[a] = products[kept[a]];
        }

        regression.Solve(rhs);
        var coefficient = new double[p];
        for (var a = 0; a < kept.Count; a++)
        {
            coefficient[kept[a]] = rhs[a];
        }

        for (var a = 0; a < k; a++)
        {
            if (coefficient[a] != 0)
            {
                GravityEstimator.AddScaled(x[a], -coefficient[a], residual);
            }
        }

        for (var f = 0; f < levels.Length; f++)
        {
            var cf = codes[f];
            var of = _offsets[f];
            for (var i = 0; i < n; i++)
            {
                residual[i] -= coefficient[of + cf[i]];
            }
        }
    }

    private static int[] Offsets(int k, int[] levels)
    {
        var offsets = new int[levels.Length];
        var at = k;
        for (var f = 0; f < levels.Length; f++)
        {
            offsets[f] = at;
            at += levels[f];
        }

        return offsets;
    }
}
