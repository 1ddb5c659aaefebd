using Tightrope.Numerics;

namespace Tightrope.Linkage;

/// <summary>A two-player bargaining problem over a box of instruments: gains G₁(x), G₂(x) (USD bn) and a threat point d.</summary>
/// <param name="Gains">G₁ and G₂ at a point of the box.</param>
/// <param name="Threat">(d₁, d₂).</param>
/// <param name="Alpha">Player 1's bargaining power α in (0, 1).</param>
/// <param name="Lower">Lower bounds of the instruments.</param>
/// <param name="Upper">Upper bounds (equal to the lower bound for a fixed instrument).</param>
/// <param name="Names">Instrument names, for messages and reports.</param>
public sealed record BargainingProblem(
    Func<double[], (double G1, double G2)> Gains, (double D1, double D2) Threat, double Alpha, double[] Lower, double[] Upper, IReadOnlyList<string> Names)
{
    /// <summary>Throws naming the field when α is outside (0, 1) or a box is empty.</summary>
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new LinkageInputException("alpha", $"the bargaining power alpha must lie in (0, 1), found {Alpha}.");
        }

        for (var i = 0; i < Lower.Length; i++)
        {
            if (!(Upper[i] >= Lower[i]))
            {
                throw new ArgumentException($"instrument {Names[i]}: the range [{Lower[i]}, {Upper[i]}] is empty.");
            }
        }
    }
}

/// <summary>The Nash bargaining solution of a <see cref="BargainingProblem"/>.</summary>
/// <param name="Agreement">False when no point of the box gives both players more than the threat point.</param>
/// <param name="Argument">The package (the threat point's instruments are not in the box; null without agreement).</param>
/// <param name="G1">Player 1's payoff at the package (USD bn).</param>
/// <param name="G2">Player 2's payoff.</param>
/// <param name="Bounds">Which bound each instrument sits on.</param>
/// <param name="FocResidual">Per instrument, the relative first-order-condition residual |α∂G₁/(G₁−d₁) + (1−α)∂G₂/(G₂−d₂)| / (sum of the absolute terms); meaningful for interior instruments.</param>
/// <param name="Evaluations">Gain evaluations.</param>
/// <param name="Converged">Whether the optimiser met its stopping rule.</param>
public sealed record BargainingSolution(bool Agreement, double[]? Argument, double G1, double G2, BoundState[] Bounds, double[] FocResidual, int Evaluations, bool Converged);

/// <summary>
/// Nash bargaining (spec §4): maximise α ln(G₁ − d₁) + (1 − α) ln(G₂ − d₂) on the box subject to G_i &gt; d_i. A coarse
/// grid finds a feasible start (and the best grid point); projected Newton with finite differences refines it. Without a
/// feasible grid point, the largest smooth minimum of the two surpluses is sought before declaring no agreement.
/// </summary>
public static class NashBargaining
{
    /// <summary>Solves the problem; <paramref name="gridPoints"/> grid values per free instrument for the start.</summary>
    public static BargainingSolution Solve(BargainingProblem problem, int gridPoints = 5, BoxMaximizerOptions? options = null)
    {
        problem.Validate();
        var n = problem.Lower.Length;
        var (d1, d2) = problem.Threat;
        var alpha = problem.Alpha;
        var evaluations = 0;
        (double, double) G(double[] x)
        {
            evaluations++;
            return problem.Gains(x);
        }

        double Objective(double[] x)
        {
            var (g1, g2) = G(x);
            var (s1, s2) = (g1 - d1, g2 - d2);
            return s1 > 0 && s2 > 0 ? (alpha * Math.Log(s1)) + ((1 - alpha) * Math.Log(s2)) : double.NegativeInfinity;
        }

        // Grid start: the best feasible grid point, else the one with the largest smaller surplus.
        double[]? bestFeasible = null;
        var bestValue = double.NegativeInfinity;
        double[] bestMaximin = (double[])problem.Lower.Clone();
        var bestMin = double.NegativeInfinity;
        foreach (var x in Grid(problem.Lower, problem.Upper, gridPoints))
        {
            var (g1, g2) = G(x);
            var min = Math.Min(g1 - d1, g2 - d2);
            if (min > bestMin)
            {
                (bestMin, bestMaximin) = (min, x);
            }

            if (min > 0)
            {
                var v = (alpha * Math.Log(g1 - d1)) + ((1 - alpha) * Math.Log(g2 - d2));
                if (v > bestValue)
                {
                    (bestValue, bestFeasible) = (v, x);
                }
            }
        }

        if (bestFeasible is null)
        {
            var scale = Math.Max(1e-6, Math.Abs(bestMin));
            var maximin = BoxMaximizer.Maximize(
                x =>
                {
                    var (g1, g2) = G(x);
                    var (a, b) = ((g1 - d1) / scale, (g2 - d2) / scale);
                    var m = Math.Min(a, b);
                    return scale * (m - Math.Log(Math.Exp(a - m) + Math.Exp(b - m)) + Math.Log(2));
                },
                problem.Lower, problem.Upper, bestMaximin, options);
            var (m1, m2) = G(maximin.Argument);
            if (Math.Min(m1 - d1, m2 - d2) <= 0)
            {
                return new BargainingSolution(false, null, d1, d2, new BoundState[n], new double[n], evaluations, true);
            }

            bestFeasible = maximin.Argument;
        }

        var result = BoxMaximizer.Maximize(Objective, problem.Lower, problem.Upper, bestFeasible, options);
        var (r1, r2) = G(result.Argument);
        var foc = FocResiduals(problem, result.Argument, r1 - d1, r2 - d2, ref evaluations);
        return new BargainingSolution(true, result.Argument, r1, r2, result.Bounds, foc, evaluations, result.Converged);
    }

    /// <summary>Relative FOC residual of each instrument at <paramref name="x"/> (central differences, step 10⁻⁴ of the range).</summary>
    public static double[] FocResiduals(BargainingProblem problem, double[] x, double s1, double s2, ref int evaluations)
    {
        var n = x.Length;
        var foc = new double[n];
        for (var i = 0; i < n; i++)
        {
            var width = problem.Upper[i] - problem.Lower[i];
            if (width == 0)
            {
                continue;
            }

            // Central differences on a stencil kept inside the box.
            var h = 1e-4 * width;
            var c = Math.Clamp(x[i], problem.Lower[i] + h, problem.Upper[i] - h);
            var p = (double[])x.Clone();
            p[i] = c + h;
            var m = (double[])x.Clone();
            m[i] = c - h;
            var (p1, p2) = problem.Gains(p);
            var (m1, m2) = problem.Gains(m);
            evaluations += 2;
            var t1 = problem.Alpha * (p1 - m1) / (2 * h) / s1;
            var t2 = (1 - problem.Alpha) * (p2 - m2) / (2 * h) / s2;
            var denominator = Math.Abs(t1) + Math.Abs(t2);
            foc[i] = denominator == 0 ? 0 : Math.Abs(t1 + t2) / denominator;
        }

        return foc;
    }

    private static IEnumerable<double[]> Grid(double[] lower, double[] upper, int points)
    {
        var n = lower.Length;
        var counts = Enumerable.Range(0, n).Select(i => upper[i] > lower[i] ? Math.Max(2, points) : 1).ToArray();
        var index = new int[n];
        while (true)
        {
            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = counts[i] == 1 ? lower[i] : lower[i] + ((upper[i] - lower[i]) * index[i] / (counts[i] - 1));
            }

            yield return x;
            var k = 0;
            while (k < n && ++index[k] == counts[k])
            {
                index[k] = 0;
                k++;
            }

            if (k == n)
            {
                yield break;
            }
        }
    }
}
