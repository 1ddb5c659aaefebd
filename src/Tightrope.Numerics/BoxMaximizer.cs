namespace Tightrope.Numerics;

/// <summary>Settings of <see cref="BoxMaximizer"/>.</summary>
public sealed record BoxMaximizerOptions
{
    /// <summary>Finite-difference step for each coordinate, as a fraction of that coordinate's box width.</summary>
    public double RelativeStep { get; init; } = 1e-4;

    /// <summary>Stop when every free coordinate's |∂f/∂x_i|·width_i is below this.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Stop when a step moves no coordinate by more than this fraction of its width.</summary>
    public double StepTolerance { get; init; } = 1e-11;

    /// <summary>Newton iterations before giving up.</summary>
    public int MaxIterations { get; init; } = 60;
}

/// <summary>Where a coordinate of a box-constrained optimum sits.</summary>
public enum BoundState
{
    /// <summary>Strictly inside its interval (or the interval has zero width and the coordinate is fixed).</summary>
    Interior,

    /// <summary>At its lower bound, with the objective wanting to go lower.</summary>
    Lower,

    /// <summary>At its upper bound, with the objective wanting to go higher.</summary>
    Upper,

    /// <summary>Fixed: lower and upper bounds coincide.</summary>
    Fixed,
}

/// <summary>The result of a box-constrained maximisation.</summary>
/// <param name="Argument">The maximiser.</param>
/// <param name="Value">The objective there.</param>
/// <param name="Gradient">The finite-difference gradient at the maximiser.</param>
/// <param name="Bounds">Which bound each coordinate sits on.</param>
/// <param name="Iterations">Newton iterations.</param>
/// <param name="Evaluations">Objective evaluations.</param>
/// <param name="Converged">Whether the stopping rule was met (else the last iterate).</param>
public sealed record BoxMaximum(double[] Argument, double Value, double[] Gradient, BoundState[] Bounds, int Iterations, int Evaluations, bool Converged);

/// <summary>
/// Maximises a smooth function of a few variables on a box by projected Newton steps with finite-difference gradient
/// and Hessian. Coordinates on a bound whose gradient points outward are held there; the Newton system on the free
/// coordinates is regularised until it is a descent system for −f; steps are projected onto the box and backtracked
/// (Armijo). The function is only sampled inside the box and may return −∞ where it is infeasible.
/// </summary>
public static class BoxMaximizer
{
    /// <summary>Maximises <paramref name="f"/> over [lower, upper] from <paramref name="start"/>.</summary>
    public static BoxMaximum Maximize(Func<double[], double> f, double[] lower, double[] upper, double[] start, BoxMaximizerOptions? options = null)
    {
        options ??= new BoxMaximizerOptions();
        var n = start.Length;
        if (lower.Length != n || upper.Length != n)
        {
            throw new ArgumentException("start, lower and upper must have the same length.");
        }

        for (var i = 0; i < n; i++)
        {
            if (!(upper[i] >= lower[i]))
            {
                throw new ArgumentException($"Coordinate {i}: the interval [{lower[i]}, {upper[i]}] is empty.");
            }
        }

        var evaluations = 0;
        double F(double[] x)
        {
            evaluations++;
            return f(x);
        }

        var width = new double[n];
        var h = new double[n];
        for (var i = 0; i < n; i++)
        {
            width[i] = upper[i] - lower[i];
            h[i] = options.RelativeStep * (width[i] > 0 ? width[i] : 1);
        }

        var x = start.Select((v, i) => Math.Clamp(v, lower[i], upper[i])).ToArray();
        var fx = F(x);
        if (double.IsNegativeInfinity(fx) || double.IsNaN(fx))
        {
            throw new ArgumentException("The objective is not finite at the starting point.");
        }

        var g = new double[n];
        var hess = new double[n * n];
        var bounds = new BoundState[n];
        var converged = false;
        var iteration = 0;
        for (; iteration < options.MaxIterations; iteration++)
        {
            Derivatives(F, x, fx, h, width, lower, upper, g, hess);
            var free = new List<int>();
            for (var i = 0; i < n; i++)
            {
                bounds[i] = Classify(x[i], g[i], lower[i], upper[i], h[i]);
                if (bounds[i] == BoundState.Interior)
                {
                    free.Add(i);
                }
            }

            var projected = free.Count == 0 ? 0 : free.Max(i => Math.Abs(g[i]) * width[i]);
            if (projected < options.GradientTolerance)
            {
                converged = true;
                break;
            }

            var direction = NewtonDirection(free, g, hess, n, width);
            var t = 1.0;
            var accepted = false;
            double[] trial = x;
            double ft = fx;
            for (var backtrack = 0; backtrack < 40; backtrack++)
            {
                trial = new double[n];
                for (var i = 0; i < n; i++)
                {
                    trial[i] = Math.Clamp(x[i] + (t * direction[i]), lower[i], upper[i]);
                }

                ft = F(trial);
                var predicted = 0.0;
                for (var i = 0; i < n; i++)
                {
                    predicted += g[i] * (trial[i] - x[i]);
                }

                if (!double.IsNaN(ft) && ft >= fx + (1e-4 * Math.Max(0, predicted)) && ft >= fx)
                {
                    accepted = true;
                    break;
                }

                t *= 0.5;
            }

            if (!accepted)
            {
                // No ascent along the projected Newton direction: the finite-difference noise floor is reached.
                converged = projected < 1e3 * options.GradientTolerance;
                break;
            }

            var moved = 0.0;
            for (var i = 0; i < n; i++)
            {
                moved = Math.Max(moved, Math.Abs(trial[i] - x[i]) / (width[i] > 0 ? width[i] : 1));
            }

            x = trial;
            fx = ft;
            if (moved < options.StepTolerance)
            {
                converged = true;
                iteration++;
                break;
            }
        }

        Derivatives(F, x, fx, h, width, lower, upper, g, hess, gradientOnly: true);
        for (var i = 0; i < n; i++)
        {
            bounds[i] = Classify(x[i], g[i], lower[i], upper[i], h[i]);
        }

        return new BoxMaximum(x, fx, g.ToArray(), bounds.ToArray(), iteration, evaluations, converged);
    }

    private static BoundState Classify(double x, double g, double lower, double upper, double h)
    {
        if (upper == lower)
        {
            return BoundState.Fixed;
        }

        if (x <= lower + (1e-3 * h) && g <= 0)
        {
            return BoundState.Lower;
        }

        return x >= upper - (1e-3 * h) && g >= 0 ? BoundState.Upper : BoundState.Interior;
    }

    /// <summary>
    /// Finite-difference gradient and Hessian that never sample outside [lower, upper]: central differences inside, second-
    /// order one-sided differences within a step of a bound, and second derivatives on a stencil shifted inside the box.
    /// </summary>
    private static void Derivatives(Func<double[], double> f, double[] x, double fx, double[] h, double[] width, double[] lower, double[] upper, double[] g, double[] hess, bool gradientOnly = false)
    {
        var n = x.Length;
        var center = new double[n];
        var fc = new double[n];
        var fp = new double[n];
        var fm = new double[n];
        double At(int i, double value)
        {
            var y = (double[])x.Clone();
            y[i] = value;
            return f(y);
        }

        for (var i = 0; i < n; i++)
        {
            if (width[i] == 0)
            {
                g[i] = 0;
                continue;
            }

            center[i] = Math.Clamp(x[i], lower[i] + h[i], upper[i] - h[i]);
            if (center[i] == x[i])
            {
                fc[i] = fx;
                fp[i] = At(i, x[i] + h[i]);
                fm[i] = At(i, x[i] - h[i]);
                g[i] = (fp[i] - fm[i]) / (2 * h[i]);
            }
            else
            {
                // One-sided: x, x ± h, x ± 2h toward the inside.
                var s = center[i] > x[i] ? 1 : -1;
                var f1 = At(i, x[i] + (s * h[i]));
                var f2 = At(i, x[i] + (2 * s * h[i]));
                g[i] = s * ((-3 * fx) + (4 * f1) - f2) / (2 * h[i]);
                (fm[i], fc[i], fp[i]) = s > 0 ? (fx, f1, f2) : (f2, f1, fx);
            }
        }

        if (gradientOnly)
        {
            return;
        }

        Array.Clear(hess);
        for (var i = 0; i < n; i++)
        {
            if (width[i] == 0)
            {
                continue;
            }

            hess[(i * n) + i] = (fp[i] - (2 * fc[i]) + fm[i]) / (h[i] * h[i]);
            for (var j = i + 1; j < n; j++)
            {
                if (width[j] == 0)
                {
                    continue;
                }

                double Corner(int si, int sj)
                {
                    var y = (double[])x.Clone();
                    y[i] = center[i] + (si * h[i]);
                    y[j] = center[j] + (sj * h[j]);
                    return f(y);
                }

                var v = (Corner(1, 1) - Corner(1, -1) - Corner(-1, 1) + Corner(-1, -1)) / (4 * h[i] * h[j]);
                hess[(i * n) + j] = hess[(j * n) + i] = v;
            }
        }
    }

    /// <summary>Solves (−H_FF + λD) d = g_F on the free set, raising λ until the Cholesky factorisation succeeds.</summary>
    private static double[] NewtonDirection(List<int> free, double[] g, double[] hess, int n, double[] width)
    {
        var direction = new double[n];
        var m = free.Count;
        if (m == 0)
        {
            return direction;
        }

        var a = new double[m * m];
        var scale = 0.0;
        for (var r = 0; r < m; r++)
        {
            for (var c = 0; c < m; c++)
            {
                a[(r * m) + c] = -hess[(free[r] * n) + free[c]];
            }

            scale = Math.Max(scale, Math.Abs(a[(r * m) + r]));
        }

        var lambda = 0.0;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var l = new double[m * m];
            Array.Copy(a, l, a.Length);
            for (var r = 0; r < m; r++)
            {
                l[(r * m) + r] += lambda;
            }

            if (Cholesky(l, m))
            {
                var y = new double[m];
                for (var r = 0; r < m; r++)
                {
                    var s = g[free[r]];
                    for (var c = 0; c < r; c++)
                    {
                        s -= l[(r * m) + c] * y[c];
                    }

                    y[r] = s / l[(r * m) + r];
                }

                for (var r = m - 1; r >= 0; r--)
                {
                    var s = y[r];
                    for (var c = r + 1; c < m; c++)
                    {
                        s -= l[(c * m) + r] * direction[free[c]];
                    }

                    direction[free[r]] = s / l[(r * m) + r];
                }

                // Never step further than the box in one go.
                var longest = free.Max(i => Math.Abs(direction[i]) / width[i]);
                if (longest > 0.5)
                {
                    foreach (var i in free)
                    {
                        direction[i] *= 0.5 / longest;
                    }
                }

                return direction;
            }

            lambda = lambda == 0 ? Math.Max(1e-8 * scale, 1e-12) : lambda * 10;
        }

        foreach (var i in free)
        {
            direction[i] = g[i] * width[i] * width[i] * 1e-3;
        }

        return direction;
    }

    private static bool Cholesky(double[] a, int m)
    {
        for (var j = 0; j < m; j++)
        {
            var d = a[(j * m) + j];
            for (var k = 0; k < j; k++)
            {
                d -= a[(j * m) + k] * a[(j * m) + k];
            }

            if (!(d > 0))
            {
                return false;
            }

            a[(j * m) + j] = Math.Sqrt(d);
            for (var i = j + 1; i < m; i++)
            {
                var s = a[(i * m) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= a[(i * m) + k] * a[(j * m) + k];
                }

                a[(i * m) + j] = s / a[(j * m) + j];
            }
        }

        return true;
    }
}
