namespace Tightrope.Numerics;

/// <summary>The maximum of a function of one variable on an interval, with how it was found.</summary>
/// <param name="Argument">The maximiser.</param>
/// <param name="Value">The function value there.</param>
/// <param name="Evaluations">Function evaluations used.</param>
/// <param name="AtLowerBound">True when the maximiser is the interval's lower end.</param>
/// <param name="AtUpperBound">True when the maximiser is the interval's upper end.</param>
public sealed record ScalarMaximum(double Argument, double Value, int Evaluations, bool AtLowerBound, bool AtUpperBound);

/// <summary>
/// Maximises a function of one variable on [lower, upper]: a coarse grid brackets the best point, then Brent's method
/// (golden section with parabolic steps) refines it inside the bracket. Suited to expensive functions: each evaluation
/// is counted, and the grid is scanned in order so a caller can warm-start each evaluation from the previous one.
/// </summary>
public static class ScalarMaximizer
{
    private const double Golden = 0.3819660112501051;

    /// <summary>Brackets on a grid of step <paramref name="gridStep"/> over the whole interval, then refines to <paramref name="tolerance"/>.</summary>
    public static ScalarMaximum Maximize(Func<double, double> f, double lower, double upper, double gridStep = 0.02, double tolerance = 1e-6)
    {
        if (!(upper >= lower))
        {
            throw new ArgumentException($"The interval [{lower}, {upper}] is empty.");
        }

        if (upper == lower)
        {
            return new ScalarMaximum(lower, f(lower), 1, true, true);
        }

        var count = Math.Max(2, (int)Math.Ceiling((upper - lower) / gridStep - 1e-9) + 1);
        var xs = new double[count];
        var fs = new double[count];
        var best = 0;
        for (var k = 0; k < count; k++)
        {
            xs[k] = k == count - 1 ? upper : lower + (k * gridStep);
            fs[k] = f(xs[k]);
            if (fs[k] > fs[best])
            {
                best = k;
            }
        }

        return Refine(f, xs, fs, best, count, lower, upper, tolerance);
    }

    /// <summary>
    /// Brackets locally: starts at <paramref name="guess"/> and walks in steps of <paramref name="gridStep"/> uphill until
    /// the function falls (or a bound is hit), then refines. For a unimodal function this finds the same maximum as
    /// <see cref="Maximize"/> with far fewer evaluations when the guess is close (e.g. the previous best response).
    /// </summary>
    public static ScalarMaximum MaximizeFrom(Func<double, double> f, double guess, double lower, double upper, double gridStep = 0.02, double tolerance = 1e-6)
    {
        if (!(upper > lower))
        {
            return Maximize(f, lower, upper, gridStep, tolerance);
        }

        var x0 = Math.Clamp(guess, lower, upper);
        var points = new SortedDictionary<double, double> { [x0] = f(x0) };
        var evaluations = 1;
        double Eval(double x)
        {
            if (!points.TryGetValue(x, out var v))
            {
                v = f(x);
                points[x] = v;
                evaluations++;
            }

            return v;
        }

        var right = Math.Min(upper, x0 + gridStep);
        var left = Math.Max(lower, x0 - gridStep);
        var fr = right > x0 ? Eval(right) : double.NegativeInfinity;
        var fl = left < x0 ? Eval(left) : double.NegativeInfinity;
        var f0 = points[x0];
        var direction = fr > f0 ? 1 : fl > f0 ? -1 : 0;
        var center = x0;
        while (direction != 0)
        {
            var next = Math.Clamp(center + (direction * gridStep), lower, upper);
            if (next == center)
            {
                break;
            }

            var fn = Eval(next);
            if (fn <= points[center])
            {
                break;
            }

            center = next;
        }

        var xs = points.Keys.ToArray();
        var fs = points.Values.ToArray();
        var best = Array.IndexOf(xs, center);
        var result = Refine(f, xs, fs, best, xs.Length, lower, upper, tolerance);
        return result with { Evaluations = result.Evaluations - xs.Length + evaluations };
    }

    private static ScalarMaximum Refine(Func<double, double> f, double[] xs, double[] fs, int best, int count, double lower, double upper, double tolerance)
    {
        var a = best > 0 ? xs[best - 1] : xs[best];
        var b = best < count - 1 ? xs[best + 1] : xs[best];
        var (x, fx, used) = Brent(f, a, b, xs[best], fs[best], tolerance);
        if (fs[best] >= fx)
        {
            (x, fx) = (xs[best], fs[best]);
        }

        return new ScalarMaximum(x, fx, count + used, x <= lower, x >= upper);
    }

    /// <summary>
    /// Brent's minimisation of −f on [a, b] from the interior point x with value fx (Brent 1973, ch. 5): parabolic
    /// interpolation when it is well inside the bracket, golden section otherwise. Stops when the bracket is within
    /// 2·tolerance of the current best point.
    /// </summary>
    public static (double X, double Value, int Evaluations) Brent(Func<double, double> f, double a, double b, double x, double fx, double tolerance)
    {
        var evaluations = 0;
        if (b - a <= 2 * tolerance)
        {
            return (x, fx, 0);
        }

        // Work with g = −f so the textbook minimisation applies.
        var gx = -fx;
        double w = x, v = x, gw = gx, gv = gx, d = 0, e = 0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var m = 0.5 * (a + b);
            var tol1 = (1e-10 * Math.Abs(x)) + tolerance / 2;
            var tol2 = 2 * tol1;
            if (Math.Abs(x - m) <= tol2 - (0.5 * (b - a)))
            {
                break;
            }

            var golden = true;
            if (Math.Abs(e) > tol1)
            {
                var r = (x - w) * (gx - gv);
                var q = (x - v) * (gx - gw);
                var p = ((x - v) * q) - ((x - w) * r);
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                var etemp = e;
                e = d;
                if (Math.Abs(p) < Math.Abs(0.5 * q * etemp) && p > q * (a - x) && p < q * (b - x))
                {
                    d = p / q;
                    var u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2)
                    {
                        d = m >= x ? tol1 : -tol1;
                    }

                    golden = false;
                }
            }

            if (golden)
            {
                e = (x >= m ? a : b) - x;
                d = Golden * e;
            }

            var u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            var gu = -f(u);
            evaluations++;
            if (gu <= gx)
            {
                if (u >= x)
                {
                    a = x;
                }
                else
                {
                    b = x;
                }

                (v, gv) = (w, gw);
                (w, gw) = (x, gx);
                (x, gx) = (u, gu);
            }
            else
            {
                if (u < x)
                {
                    a = u;
                }
                else
                {
                    b = u;
                }

                if (gu <= gw || w == x)
                {
                    (v, gv) = (w, gw);
                    (w, gw) = (u, gu);
                }
                else if (gu <= gv || v == x || v == w)
                {
                    (v, gv) = (u, gu);
                }
            }
        }

        return (x, -gx, evaluations);
    }
}
