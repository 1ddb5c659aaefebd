using Tightrope.Numerics;

namespace Tightrope.Gravity.Estimation;

/// <summary>
/// Weighted least squares of a dependent vector on regressors with the fixed effects partialled out (Frisch–Waugh–Lovell).
/// Keeps every column's fixed-effect coefficients between calls so that each projection starts from the previous solution.
/// </summary>
internal sealed class AbsorbedRegression
{
    private readonly double[][] _x;
    private double[] _w = [];
    private int[]? _kept;

    public AbsorbedRegression(FixedEffectProjector projector, double[][] x)
    {
        Projector = projector;
        _x = x;
        var n = projector.Length;
        Xt = [.. x.Select(_ => new double[n])];
        AlphaX = [.. x.Select(_ => new double[projector.CoefficientCount])];
        AlphaZ = new double[projector.CoefficientCount];
    }

    public FixedEffectProjector Projector { get; }

    /// <summary>Demeaned regressors.</summary>
    public double[][] Xt { get; }

    public double[][] AlphaX { get; }

    public double[] AlphaZ { get; }

    /// <summary>Regressor indices kept (set by the first <see cref="Solve"/>).</summary>
    public IReadOnlyList<int> Kept => _kept ?? [];

    /// <summary>Regressor indices dropped as collinear with others or with the fixed effects.</summary>
    public List<int> Dropped { get; } = [];

    /// <summary>Largest number of projection sweeps in the last call (negative = a projection hit its limit).</summary>
    public int LastSweeps { get; private set; }

    public void SetWeights(double[] w)
    {
        _w = w;
        Projector.SetWeights(w);
    }

    /// <summary>Demeans <paramref name="z"/> into <paramref name="zt"/> and every regressor, in parallel.</summary>
    public void Demean(double[]? z, double[]? zt, double tolerance, bool regressors = true)
    {
        var k = regressors ? _x.Length : 0;
        var jobs = k + (z is null ? 0 : 1);
        var sweeps = new int[jobs];
        Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, j =>
        {
            sweeps[j] = j < k
                ? Projector.Project(_x[j], Xt[j], AlphaX[j], tolerance)
                : Projector.Project(z!, zt!, AlphaZ, tolerance);
        });
        LastSweeps = sweeps.Length == 0 ? 0 : (sweeps.Any(s => s < 0) ? sweeps.Min() : sweeps.Max());
        if (LastSweeps < 0)
        {
            throw new SolverDidNotConvergeException(
                $"fixed-effect projections ({Separation.Describe(Projector.ActiveSolver)}) reached their limit of {-LastSweeps} iterations without converging", -LastSweeps, double.NaN);
        }
    }

    /// <summary>Solves the normal equations on the demeaned data; returns the coefficients of the kept regressors and writes residuals.</summary>
    public double[] Solve(double[] zt, double[] residual)
    {
        var k = _x.Length;
        zt.CopyTo(residual, 0);
        if (k == 0)
        {
            _kept ??= [];
            return [];
        }

        if (_kept is null)
        {
            // A column the fixed effects absorb keeps only projection noise: compare with its weighted sum of squares before demeaning.
            var reference = new double[k];
            for (var j = 0; j < k; j++)
            {
                reference[j] = Separation.WeightedDot(_x[j], _w, _x[j]);
            }

            var full = SymmetricSolver.Factor(Separation.CrossProduct(Xt, _w), k, 1e-9, reference);
            _kept = [.. full.Kept];
            Dropped.AddRange(full.Dropped);
        }

        var kept = _kept;
        if (kept.Length == 0)
        {
            return [];
        }

        var xk = kept.Select(j => Xt[j]).ToArray();
        var solver = SymmetricSolver.Factor(Separation.CrossProduct(xk, _w), kept.Length, 1e-14);
        if (solver.Dropped.Count > 0)
        {
            throw new SolverDidNotConvergeException("the regressors became collinear during the iterations", 0, double.NaN);
        }

        var rhs = new double[kept.Length];
        for (var a = 0; a < kept.Length; a++)
        {
            rhs[a] = Separation.WeightedDot(xk[a], _w, zt);
        }

        solver.Solve(rhs);
        for (var a = 0; a < kept.Length; a++)
        {
            GravityEstimator.AddScaled(xk[a], -rhs[a], residual);
        }

        return rhs;
    }

    /// <summary>Whether regressor <paramref name="j"/> lost (almost) all its variation to the fixed effects, rather than being collinear with other regressors.</summary>
    public bool IsAbsorbed(int j) =>
        Separation.WeightedDot(Xt[j], _w, Xt[j]) <= 1e-9 * Separation.WeightedDot(_x[j], _w, _x[j]);

    /// <summary>Inverse of X̃'WX̃ over the kept regressors, with the current weights and demeaned regressors.</summary>
    public double[] InverseCrossProduct()
    {
        var xk = Kept.Select(j => Xt[j]).ToArray();
        return xk.Length == 0 ? [] : SymmetricSolver.Factor(Separation.CrossProduct(xk, _w), xk.Length, 0).Inverse();
    }
}
