using System.Numerics.Tensors;

namespace Tightrope.Numerics;

/// <summary>A map G whose fixed point x = G(x) is sought: writes G(<paramref name="x"/>) into <paramref name="result"/>.</summary>
public delegate void FixedPointMap(ReadOnlySpan<double> x, Span<double> result);

/// <summary>How the size of the fixed-point residual G(x) − x is measured.</summary>
public enum ResidualNorm
{
    /// <summary>Largest absolute component.</summary>
    Max,

    /// <summary>Sum of absolute components.</summary>
    Sum,
}

/// <summary>Stopping rules, damping and acceleration for <see cref="FixedPointIterator"/>.</summary>
public sealed record FixedPointOptions
{
    /// <summary>Converged when the norm of G(x) − x is at most this.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Norm used for <see cref="Tolerance"/>.</summary>
    public ResidualNorm Norm { get; init; } = ResidualNorm.Max;

    /// <summary>Iteration limit; reaching it is an error, not a result.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Step fraction β in x ← x + β (G(x) − x); 1 is plain iteration.</summary>
    public double Damping { get; init; } = 1.0;

    /// <summary>Anderson acceleration depth (previous residuals mixed into each step); 0 switches acceleration off.</summary>
    public int AndersonDepth { get; init; }

    /// <summary>Plain damped iteration to <paramref name="tolerance"/>.</summary>
    public static FixedPointOptions Plain(double tolerance, double damping = 1.0) => new() { Tolerance = tolerance, Damping = damping };
}

/// <summary>The outcome of a converged fixed-point iteration.</summary>
/// <param name="Solution">The point x at which the residual met the tolerance.</param>
/// <param name="ResidualNorm">Norm of G(x) − x at <paramref name="Solution"/>.</param>
/// <param name="Iterations">Map evaluations used (one per iteration).</param>
public sealed record FixedPointResult(double[] Solution, double ResidualNorm, int Iterations);

/// <summary>
/// Solves x = G(x) by damped iteration, optionally with Anderson (type II) acceleration. Acceleration mixes the last
/// few residuals in a least-squares step and falls back to a plain damped step when the mix is ill-conditioned or
/// the residual grows; non-convergence throws <see cref="SolverDidNotConvergeException"/>.
/// </summary>
public static class FixedPointIterator
{
    /// <summary>Iterates from <paramref name="initialGuess"/>; throws <see cref="SolverDidNotConvergeException"/> on failure.</summary>
    public static FixedPointResult Solve(FixedPointMap map, ReadOnlySpan<double> initialGuess, FixedPointOptions? options = null)
    {
        options ??= new FixedPointOptions();
        if (options.Damping is <= 0 or > 1)
        {
            throw new ArgumentException($"Damping must be in (0, 1]; got {options.Damping}.");
        }

        if (options.AndersonDepth < 0 || options.MaxIterations < 1 || !(options.Tolerance > 0))
        {
            throw new ArgumentException("Anderson depth must be ≥ 0, the iteration limit ≥ 1 and the tolerance > 0.");
        }

        var n = initialGuess.Length;
        var x = initialGuess.ToArray();
        var g = new double[n];
        var f = new double[n];
        var history = options.AndersonDepth > 0 ? new AndersonHistory(n, options.AndersonDepth) : null;
        var best = double.PositiveInfinity;
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            map(x, g);
            TensorPrimitives.Subtract(g, x, f);
            var norm = Measure(f, options.Norm);
            if (!double.IsFinite(norm))
            {
                throw new SolverDidNotConvergeException("the fixed-point residual is not finite", iteration, norm);
            }

            if (norm <= options.Tolerance)
            {
                return new FixedPointResult(x, norm, iteration);
            }

            if (history is not null)
            {
                // A residual far above the best seen means the mixed steps went astray: restart from plain steps here.
                if (norm > 10 * best)
                {
                    history.Clear();
                }

                best = Math.Min(best, norm);
                history.Push(x, f);
                if (history.TryStep(x, f, options.Damping))
                {
                    continue;
                }
            }

            TensorPrimitives.MultiplyAdd(f, options.Damping, x, x);
        }

        map(x, g);
        TensorPrimitives.Subtract(g, x, f);
        throw new SolverDidNotConvergeException(
            $"fixed-point iteration limit {options.MaxIterations} reached", options.MaxIterations, Measure(f, options.Norm));
    }

    private static double Measure(ReadOnlySpan<double> f, ResidualNorm norm) => f.Length == 0
        ? 0
        : norm == ResidualNorm.Max ? Math.Abs(TensorPrimitives.MaxMagnitude(f)) : TensorPrimitives.SumOfMagnitudes(f);

    /// <summary>The last few iterates and residuals, as differences, for the Anderson least-squares step.</summary>
    private sealed class AndersonHistory(int n, int depth)
    {
        private readonly double[][] _dx = Enumerable.Range(0, depth).Select(_ => new double[n]).ToArray();
        private readonly double[][] _df = Enumerable.Range(0, depth).Select(_ => new double[n]).ToArray();
        private readonly double[] _lastX = new double[n];
        private readonly double[] _lastF = new double[n];
        private bool _hasLast;
        private int _count;
        private int _next;

        public void Clear()
        {
            _count = 0;
            _next = 0;
            _hasLast = false;
        }

        public void Push(ReadOnlySpan<double> x, ReadOnlySpan<double> f)
        {
            if (_hasLast)
            {
                TensorPrimitives.Subtract(x, _lastX, _dx[_next]);
                TensorPrimitives.Subtract(f, _lastF, _df[_next]);
                _next = (_next + 1) % depth;
                _count = Math.Min(_count + 1, depth);
            }

            x.CopyTo(_lastX);
            f.CopyTo(_lastF);
            _hasLast = true;
        }

        /// <summary>Replaces x by the accelerated iterate; false when there is no usable history.</summary>
        public bool TryStep(Span<double> x, ReadOnlySpan<double> f, double damping)
        {
            var m = _count;
            if (m == 0)
            {
                return false;
            }

            // Normal equations (ΔFᵀΔF + λI) γ = ΔFᵀ f, with a small relative ridge against near-collinear residuals.
            var normal = new DenseMatrix(m, m);
            var rhs = new double[m];
            var trace = 0.0;
            for (var a = 0; a < m; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    var v = TensorPrimitives.Dot(_df[a], _df[b]);
                    normal[a, b] = v;
                    normal[b, a] = v;
                }

                trace += normal[a, a];
                rhs[a] = TensorPrimitives.Dot(_df[a], f);
            }

            if (!(trace > 0))
            {
                return false;
            }

            for (var a = 0; a < m; a++)
            {
                normal[a, a] += 1e-12 * trace;
            }

            var lu = LuDecomposition.FactorInPlace(normal);
            if (lu.IsSingular)
            {
                return false;
            }

            lu.Solve(rhs);
            if (!rhs.All(double.IsFinite))
            {
                return false;
            }

            // x⁺ = x + β f − Σ γ_a (Δx_a + β Δf_a)
            TensorPrimitives.MultiplyAdd(f, damping, x, x);
            for (var a = 0; a < m; a++)
            {
                TensorPrimitives.MultiplyAdd(_dx[a], -rhs[a], x, x);
                TensorPrimitives.MultiplyAdd(_df[a], -rhs[a] * damping, x, x);
            }

            return true;
        }
    }
}
