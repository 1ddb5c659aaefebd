using System.Runtime.CompilerServices;

namespace Tightrope.Bargaining.Bdm;

/// <summary>How the capitulation region of the offer classification is tested.</summary>
public enum CapitulationTest
{
    /// <summary>The intended test b &gt; 0 &gt; a and b &lt; |a|: the receiver capitulates to the proposer.</summary>
    Corrected,

    /// <summary>The R1 reference code's test (b compared with |b|), which is never true: capitulation never happens.</summary>
    R1Bug,
}

/// <summary>
/// Options of the expected-utility model. The defaults are profile R1 of the specification exactly (Scholz et al. 2011 as
/// coded in R1), including its capitulation test that never fires; set <see cref="Capitulation"/> to
/// <see cref="CapitulationTest.Corrected"/> for the intended test.
/// </summary>
public sealed record BdmOptions
{
    /// <summary>Number of rounds (R1 runs a fixed number; 10 for the EC-10 log).</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Stop early after a round without moves (an exact fixed point: the next round would repeat it).</summary>
    public bool StopWhenNoMoves { get; init; }

    /// <summary>Capitulation test; the default <see cref="CapitulationTest.R1Bug"/> reproduces R1 on any data.</summary>
    public CapitulationTest Capitulation { get; init; } = CapitulationTest.R1Bug;
}

/// <summary>How a receiver moves in response to the offer it accepts.</summary>
public enum OfferKind
{
    /// <summary>The receiver expects to lose a confrontation and moves to the proposer's position.</summary>
    Conflict,

    /// <summary>The proposer has the upper hand; the receiver moves part of the way.</summary>
    Compromise,

    /// <summary>The receiver is compelled and moves to the proposer's position.</summary>
    Capitulation,
}

/// <summary>One accepted offer: in <paramref name="Round"/>, actor <paramref name="Receiver"/> moves toward <paramref name="Proposer"/> (indices in input order).</summary>
/// <param name="Round">Round, from 1.</param>
/// <param name="Receiver">Index of the actor that moves.</param>
/// <param name="Proposer">Index of the actor whose offer is accepted.</param>
/// <param name="Kind">Region of the offer.</param>
/// <param name="A">The receiver's expected utility of challenging the proposer, E^i(i→j).</param>
/// <param name="B">The receiver's perception of the proposer's expected utility of challenging it, E^i(j→i).</param>
/// <param name="NewPosition">Position after the round.</param>
public sealed record BdmMove(int Round, int Receiver, int Proposer, OfferKind Kind, double A, double B, double NewPosition);

/// <summary>The path of one issue under the expected-utility model.</summary>
/// <param name="Positions">Positions[t][k]: actor k's position after round t (t = 0 is the input).</param>
/// <param name="RiskExponents">RiskExponents[t-1][k]: the risk exponent r_k used in round t.</param>
/// <param name="Moves">Every accepted offer, by round and receiver order.</param>
/// <param name="Means">c·s-weighted mean after each round (index 0 = initial).</param>
/// <param name="Medians">c·s-weighted median after each round (index 0 = initial).</param>
public sealed record BdmResult(
    IReadOnlyList<double[]> Positions,
    IReadOnlyList<double[]> RiskExponents,
    IReadOnlyList<BdmMove> Moves,
    IReadOnlyList<double> Means,
    IReadOnlyList<double> Medians)
{
    /// <summary>Number of rounds run.</summary>
    public int RoundsRun => Positions.Count - 1;

    /// <summary>Final positions.</summary>
    public double[] Final => Positions[^1];
}

/// <summary>
/// Bueno de Mesquita's expected-utility model in the formulation of Scholz, Calbert &amp; Smith (2011), profile R1 of
/// ../shared/specs/bdm-expected-utility.md: fixed initial range Δ, q = 1, P-R1 probabilities with the n³ denominator,
/// two-pass risk exponents, offers seen from the receiver, R1 compromise fraction and R1 selection key, simultaneous updates.
/// </summary>
public static class BdmModel
{
    /// <summary>Runs the model on one issue.</summary>
    public static BdmResult Run(IssueStakes issue, BdmOptions? options = null) =>
        Run(issue.Capabilities(), issue.Saliences(), issue.Positions(), options ?? new BdmOptions());

    /// <summary>Runs the model on arrays in input order (capability &gt; 0, salience in [0,1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BdmResult Run(ReadOnlySpan<double> capability, ReadOnlySpan<double> salience, ReadOnlySpan<double> initial, BdmOptions options)
    {
        var n = initial.Length;
        if (capability.Length != n || salience.Length != n)
        {
            throw new ArgumentException("capability, salience and position arrays must have the same length.");
        }

        if (options.Rounds < 0)
        {
            throw new ArgumentException($"rounds must be non-negative, found {options.Rounds}.");
        }

        var w = new double[n];
        for (var k = 0; k < n; k++)
        {
            w[k] = capability[k] * salience[k];
        }

        var x = initial.ToArray();
        var s = salience.ToArray();
        var c = capability.ToArray();
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in x)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var delta = max - min;
        var positions = new List<double[]> { x.ToArray() };
        var exponents = new List<double[]>();
        var moves = new List<BdmMove>();
        var means = new List<double> { WeightedStats.Mean(c, s, x) };
        var medians = new List<double> { WeightedStats.Median(c, s, x) };
        var work = new Workspace(n);

        for (var t = 1; t <= options.Rounds; t++)
        {
            var r = delta > 0 ? RiskExponents(x, s, w, delta, work) : Enumerable.Repeat(1.0, n).ToArray();
            exponents.Add(r);
            var next = x.ToArray();
            var moved = 0;
            if (delta > 0)
            {
                Probabilities(x, r, w, delta, work, work.P);
                for (var i = 0; i < n; i++)
                {
                    if (BestOffer(i, x, s, r[i], delta, work.P, options.Capitulation) is { } offer)
                    {
                        next[i] = offer.NewPosition;
                        moves.Add(offer with { Round = t });
                        moved++;
                    }
                }
            }

            x = next;
            positions.Add(x.ToArray());
            means.Add(WeightedStats.Mean(c, s, x));
            medians.Add(WeightedStats.Median(c, s, x));
            if (moved == 0 && options.StopWhenNoMoves)
            {
                break;
            }
        }

        return new BdmResult(positions, exponents, moves, means, medians);
    }

    /// <summary>Scratch arrays reused across rounds.</summary>
    internal sealed class Workspace(int n)
    {
        public readonly double[,] V = new double[n, n];
        public readonly double[,] P = new double[n, n];
    }

    /// <summary>
    /// P-R1 (spec §5): P[i,j] = Σ_k max(0, w_k[(d_kj)^r_k − (d_ki)^r_k]) / Σ_k Σ_a Σ_b w_k |(d_kb)^r_k − (d_ka)^r_k|,
    /// with d the normalised distance and r_k the voter's own exponent; 0 when x_i = x_j.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Probabilities(double[] x, double[] r, double[] w, double delta, Workspace work, double[,] p)
    {
        var n = x.Length;
        var v = work.V;
        for (var k = 0; k < n; k++)
        {
            for (var a = 0; a < n; a++)
            {
                v[k, a] = Pow(Math.Abs(x[k] - x[a]) / delta, r[k]);
            }
        }

        double denominator = 0;
        for (var k = 0; k < n; k++)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    denominator += w[k] * Math.Abs(v[k, b] - v[k, a]);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (x[i] == x[j])
                {
                    p[i, j] = 0;
                    continue;
                }

                double numerator = 0;
                for (var k = 0; k < n; k++)
                {
                    numerator += Math.Max(0, w[k] * (v[k, j] - v[k, i]));
                }

                p[i, j] = numerator / denominator;
            }
        }
    }

    /// <summary>x^r; Math.Pow(x, 1) is exactly x, so the common r = 1 case skips the call without changing any bit.</summary>
    private static double Pow(double x, double r) => r == 1 ? x : Math.Pow(x, r);

    /// <summary>
    /// Expected utility, seen by an actor with risk exponent <paramref name="r"/>, of a challenge by i against j
    /// (spec §6, q = 1): s_j(P U_s + (1−P) U_f) + (1−s_j) U_s − U_sq; 0 when the positions coincide.
    /// </summary>
    internal static double ExpectedUtility(double xi, double xj, double sj, double pij, double r, double delta)
    {
        if (xi == xj)
        {
            return 0;
        }

        var d = Math.Abs(xi - xj) / delta;
        var us = 2 - (4 * Pow(0.5 - (0.5 * d), r));
        var uf = 2 - (4 * Pow(0.5 + (0.5 * d), r));
        var usq = 2 - (4 * Pow(0.5, r));
        return Combine(us, uf, usq, sj, pij);
    }

    /// <summary>The expected utility from its parts: s_j(P U_s + (1−P) U_f) + (1−s_j) U_s − U_sq.</summary>
    private static double Combine(double us, double uf, double usq, double sj, double pij) =>
        (sj * ((pij * us) + ((1 - pij) * uf))) + ((1 - sj) * us) - usq;

    /// <summary>
    /// Two-pass risk exponents (spec §7): with every exponent 1, the danger D_i = Σ_{j≠i} E^i(j→i); then
    /// R_i = (2D_i − Dmax − Dmin)/(Dmax − Dmin), r_i = (1 − R_i/3)/(1 + R_i/3), all assigned together.
    /// If every actor faces the same danger, all exponents stay 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[] RiskExponents(double[] x, double[] s, double[] w, double delta, Workspace work)
    {
        var n = x.Length;
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        Probabilities(x, ones, w, delta, work, work.P);
        var danger = new double[n];
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    sum += ExpectedUtility(x[j], x[i], s[i], work.P[j, i], 1.0, delta);
                }
            }

            danger[i] = sum;
        }

        var dMax = danger.Max();
        var dMin = danger.Min();
        var r = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (dMax == dMin)
            {
                r[i] = 1;
                continue;
            }

            var big = ((2 * danger[i]) - dMax - dMin) / (dMax - dMin);
            r[i] = (1 - (big / 3)) / (1 + (big / 3));
        }

        return r;
    }

    /// <summary>
    /// Classifies every proposer j (x_j ≠ x_i) from the receiver's view (spec §8.1: a = E^i(i→j), b = E^i(j→i), both at r_i)
    /// and selects one offer (spec §8.3): the nearest conflict; else the compromise with the smallest key
    /// (|a| x_i + |b| x_j)/(|a| + |b|); else the nearest capitulation. Ties go to the first proposer in input order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BdmMove? BestOffer(int i, double[] x, double[] s, double ri, double delta, double[,] p, CapitulationTest capitulation)
    {
        var n = x.Length;
        int conflict = -1, compromise = -1, capitulate = -1;
        double conflictDist = double.PositiveInfinity, compromiseKey = double.PositiveInfinity, capitulateDist = double.PositiveInfinity;
        double ca = 0, cb = 0, pa = 0, pb = 0, qa = 0, qb = 0;
        var usq = 2 - (4 * Pow(0.5, ri));
        for (var j = 0; j < n; j++)
        {
            if (x[j] == x[i])
            {
                continue;
            }

            // a and b are seen from i with the same exponent and distance, so they share U_s, U_f and U_sq.
            var d = Math.Abs(x[i] - x[j]) / delta;
            var us = 2 - (4 * Pow(0.5 - (0.5 * d), ri));
            var uf = 2 - (4 * Pow(0.5 + (0.5 * d), ri));
            var a = Combine(us, uf, usq, s[j], p[i, j]);
            var b = Combine(us, uf, usq, s[i], p[j, i]);
            var dist = Math.Abs(x[i] - x[j]);
            if (b > a && a > 0)
            {
                if (dist < conflictDist)
                {
                    (conflict, conflictDist, ca, cb) = (j, dist, a, b);
                }
            }
            else if (b > 0 && 0 > a && b > Math.Abs(a))
            {
                var key = ((Math.Abs(a) * x[i]) + (Math.Abs(b) * x[j])) / (Math.Abs(a) + Math.Abs(b));
                if (key < compromiseKey)
                {
                    (compromise, compromiseKey, pa, pb) = (j, key, a, b);
                }
            }
            else if (b > 0 && 0 > a && (capitulation == CapitulationTest.Corrected ? b < Math.Abs(a) : b < Math.Abs(b)))
            {
                if (dist < capitulateDist)
                {
                    (capitulate, capitulateDist, qa, qb) = (j, dist, a, b);
                }
            }
        }

        if (conflict >= 0)
        {
            return new BdmMove(0, i, conflict, OfferKind.Conflict, ca, cb, x[conflict]);
        }

        if (compromise >= 0)
        {
            var moved = x[i] + ((x[compromise] - x[i]) * Math.Abs(pa / pb));
            return new BdmMove(0, i, compromise, OfferKind.Compromise, pa, pb, moved);
        }

        return capitulate >= 0 ? new BdmMove(0, i, capitulate, OfferKind.Capitulation, qa, qb, x[capitulate]) : null;
    }
}
