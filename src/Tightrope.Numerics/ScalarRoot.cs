namespace Tightrope.Numerics;

/// <summary>A root of a function of one variable, with the evaluations it took.</summary>
public sealed record ScalarRootResult(double Argument, double Value, int Evaluations);

/// <summary>Brent's root finder (bisection, secant and inverse quadratic steps) on a bracket with a sign change.</summary>
public static class ScalarRoot
{
    /// <summary>
    /// Finds x in [a, b] with f(x) = 0 to within <paramref name="tolerance"/> in x; returns null when f(a) and f(b) have
    /// the same sign (no bracketed root).
    /// </summary>
    public static ScalarRootResult? Find(Func<double, double> f, double a, double b, double tolerance = 1e-10, int maxIterations = 100)
    {
        var fa = f(a);
        var fb = f(b);
        var evaluations = 2;
        if (fa == 0)
        {
            return new ScalarRootResult(a, 0, evaluations);
        }

        if (fb == 0)
        {
            return new ScalarRootResult(b, 0, evaluations);
        }

        if (Math.Sign(fa) == Math.Sign(fb))
        {
            return null;
        }

        double c = a, fc = fa, d = b - a, e = d;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                (c, fc) = (a, fa);
                d = e = b - a;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, fa) = (b, fb);
                (b, fb) = (c, fc);
                (c, fc) = (a, fa);
            }

            var tol = (2 * 1e-16 * Math.Abs(b)) + (tolerance / 2);
            var m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0)
            {
                return new ScalarRootResult(b, fb, evaluations);
            }

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var s = fb / fa;
                if (a == c)
                {
                    p = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    var qa = fa / fc;
                    var r = fb / fc;
                    p = s * ((2 * m * qa * (qa - r)) - ((b - a) * (r - 1)));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }

                if (p > 0)
                {
                    q = -q;
                }
                else
                {
                    p = -p;
                }

                if (2 * p < Math.Min((3 * m * q) - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }

            (a, fa) = (b, fb);
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
            evaluations++;
        }

        return new ScalarRootResult(b, fb, evaluations);
    }
}
