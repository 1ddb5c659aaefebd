using System.Numerics;
using System.Runtime.CompilerServices;
using Tightrope.Numerics;

namespace Tightrope.Gravity.Estimation;

/// <summary>
/// Sample hygiene before a fit: singletons, fixed-effect groups whose outcome is all zero, and separation induced by any
/// combination of regressors and fixed effects (iterated rectifier: repeated weighted least squares of a rectified target).
/// </summary>
internal static class Separation
{
    /// <summary>
    /// Marks singletons and (for PPML) observations in all-zero fixed-effect groups, repeating until nothing changes.
    /// <paramref name="status"/> is indexed like <paramref name="rows"/>; only Used entries are examined.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DropSingletonsAndZeroGroups(int[] rows, double[] y, int[][] codes, int[] levels, ObservationStatus[] status, bool singletons, bool zeroGroups)
    {
        var changed = true;
        var count = new int[levels.Length == 0 ? 0 : levels.Max()];
        var positive = new bool[count.Length];
        while (changed)
        {
            changed = false;
            if (singletons)
            {
                // Singletons first, so that an observation alone in its group is reported as a singleton, not as separated.
                for (var k = 0; k < levels.Length; k++)
                {
                    Array.Clear(count, 0, levels[k]);
                    var c = codes[k];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        if (status[i] == ObservationStatus.Used)
                        {
                            count[c[rows[i]]]++;
                        }
                    }

                    for (var i = 0; i < rows.Length; i++)
                    {
                        if (status[i] == ObservationStatus.Used && count[c[rows[i]]] == 1)
                        {
                            status[i] = ObservationStatus.Singleton;
                            changed = true;
                        }
                    }
                }
            }

            if (zeroGroups)
            {
                for (var k = 0; k < levels.Length; k++)
                {
                    Array.Clear(positive, 0, levels[k]);
                    var c = codes[k];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        if (status[i] == ObservationStatus.Used && y[i] > 0)
                        {
                            positive[c[rows[i]]] = true;
                        }
                    }

                    for (var i = 0; i < rows.Length; i++)
                    {
                        if (status[i] == ObservationStatus.Used && !positive[c[rows[i]]])
                        {
                            status[i] = ObservationStatus.Separated;
                            changed = true;
                        }
                    }
                }
            }

        }
    }

    /// <summary>
    /// Iterated rectifier: finds z = Xγ + Σ fixed effects with z = 0 where y &gt; 0 and z ≥ 0 where y = 0; observations with z &gt; 0
    /// are separated. Returns their positions in the given arrays (empty when none).
    /// </summary>
    public static List<int> Rectifier(double[] y, double[][] x, int[][] codes, int[] levels, double tolerance = 1e-6, int maxIterations = 1000) =>
        Rectifier(y, x, codes, levels, FixedEffectSolver.Auto, tolerance, maxIterations).Separated;

    /// <summary>The rectifier with the fixed-effect solver given; reports the solver's passes over the data and the solver it ended with.
    /// A projection that reaches its iteration limit is an error (<see cref="SolverDidNotConvergeException"/>), never a silent result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RectifierResult Rectifier(double[] y, double[][] x, int[][] codes, int[] levels, FixedEffectSolver solver, double tolerance = 1e-6, int maxIterations = 1000)
    {
        var n = y.Length;
        var zeros = 0;
        for (var i = 0; i < n; i++)
        {
            if (y[i] == 0)
            {
                zeros++;
            }
        }

        if (zeros == 0)
        {
            return new RectifierResult([], 0, solver == FixedEffectSolver.ConjugateGradient ? solver : FixedEffectSolver.AlternatingProjections);
        }

        // Positive outcomes carry a large weight, which forces the fitted combination to (numerically) zero on them.
        var heavy = Math.Max(1e6, 100.0 * n);
        var w = new double[n];
        var u = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = y[i] > 0 ? heavy : 1.0;
            u[i] = y[i] > 0 ? 0.0 : 1.0;
        }

        // Small problems: explicit dummies and a direct solve, exact whatever the weights. Large ones: projections, which
        // converge slowly when the weights differ by orders of magnitude, so the direct path is preferred whenever it fits.
        // The dummies are never stored: their cross products are level sums, formed in one pass per pair of factors.
        var parameters = x.Length + levels.Sum();
        var direct = levels.Length > 0 && (double)n * parameters * parameters <= 2e9;
        var design = direct
            ? (IRectifierDesign)new DummyDesign(x, codes, levels, w)
            : new ProjectedDesign(x, codes, levels, w, solver);
        RectifierResult Result(List<int> separated) => new(separated, design.Passes, design.Solver, (design as ProjectedDesign)?.Projector);
        design.Prepare(u);
        var ut = new double[n];
        var resid = new double[n];
        var fitted = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var sw = design.ProjectTarget(u, ut, iteration == 0);
            if (Environment.GetEnvironmentVariable("TIGHTROPE_TRACE") is not null)
            {
                Console.Error.WriteLine($"relu {iteration}: sweeps {sw}");
            }

            // fitted = u − residual of the weighted regression of ũ on x̃ (and the dummies)
            design.Residual(ut, resid);
            for (var i = 0; i < n; i++)
            {
                fitted[i] = u[i] - resid[i];
            }

            // The heavy weights leave the fit slightly off zero on positive outcomes; values below ten times that level are noise.
            var noise = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (y[i] > 0)
                {
                    noise = Math.Max(noise, Math.Abs(fitted[i]));
                }
            }

            var zero = Math.Max(tolerance, 10 * noise);
            var allNonNegative = true;
            var anyPositive = false;
            for (var i = 0; i < n; i++)
            {
                if (y[i] > 0 || Math.Abs(fitted[i]) < zero)
                {
                    fitted[i] = 0;
                }

                if (y[i] == 0)
                {
                    if (fitted[i] < 0)
                    {
                        allNonNegative = false;
                    }
                    else if (fitted[i] > 0)
                    {
                        anyPositive = true;
                    }
                }
            }

            // Stop at a fixed point of the rectified iteration: observations that are not separated decay geometrically to zero,
            // separated ones settle at a positive value.
            var step = 0.0;
            var maxU = 0.0;
            for (var i = 0; i < n; i++)
            {
                var next = y[i] > 0 ? 0.0 : Math.Max(fitted[i], 0.0);
                step = Math.Max(step, Math.Abs(next - u[i]));
                u[i] = next;
                maxU = Math.Max(maxU, next);
            }

            if (allNonNegative && (!anyPositive || step < 1e-3 * tolerance * Math.Max(maxU, 1e-300)))
            {
                var separated = new List<int>();
                for (var i = 0; i < n; i++)
                {
                    if (y[i] == 0 && fitted[i] > tolerance * 10 * maxU)
                    {
                        separated.Add(i);
                    }
                }

                return Result(separated);
            }

            if (maxU < tolerance)
            {
                return Result([]);
            }
        }

        throw new SolverDidNotConvergeException($"separation check (iterated rectifier) did not settle in {maxIterations} iterations", maxIterations, double.NaN);
    }

    /// <summary>The solver's name as users read it.</summary>
    public static string Describe(FixedEffectSolver solver) => solver switch
    {
        FixedEffectSolver.ConjugateGradient => "conjugate gradients",
        FixedEffectSolver.AlternatingProjections => "alternating projections",
        _ => "automatic",
    };

    public static double[] CrossProduct(double[][] xt, double[] w)
    {
        var k = xt.Length;
        var m = new double[k * k];
        if (k == 0)
        {
            return m;
        }

        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                var v = WeightedDot(xt[a], w, xt[b]);
                m[(a * k) + b] = v;
                m[(b * k) + a] = v;
            }
        }

        return m;
    }

    /// <summary>Σ a_i w_i b_i in one pass, without a temporary vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double WeightedDot(ReadOnlySpan<double> a, ReadOnlySpan<double> w, ReadOnlySpan<double> b)
    {
        if (a.Length != w.Length || b.Length != w.Length)
        {
            throw new ArgumentException("Vector lengths differ.");
        }

        var n = a.Length;
        var i = 0;
        double s0 = 0, s1 = 0;
        if (Vector.IsHardwareAccelerated && n >= 4 * Vector<double>.Count)
        {
            var v0 = Vector<double>.Zero;
            var v1 = Vector<double>.Zero;
            var width = Vector<double>.Count;
            for (; i <= n - (2 * width); i += 2 * width)
            {
                v0 += new Vector<double>(a[i..]) * new Vector<double>(w[i..]) * new Vector<double>(b[i..]);
                v1 += new Vector<double>(a[(i + width)..]) * new Vector<double>(w[(i + width)..]) * new Vector<double>(b[(i + width)..]);
            }

            s0 = Vector.Sum(v0 + v1);
        }

        for (; i < n; i++)
        {
            s1 += a[i] * w[i] * b[i];
        }

        return s0 + s1;
    }
}

/// <summary>Positions of the separated observations, the fixed-effect solver's passes over the data, and the solver it ended with.</summary>
internal sealed record RectifierResult(List<int> Separated, long Iterations, FixedEffectSolver Solver, FixedEffectProjector? Projector = null);
