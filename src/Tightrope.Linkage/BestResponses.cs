using Tightrope.Numerics;

namespace Tightrope.Linkage;

/// <summary>A best response: the maximising tariff, the welfare it gives (percent) and how many evaluations it took.</summary>
/// <param name="Rate">The best tariff (fraction).</param>
/// <param name="WelfarePct">The responder's welfare change there, percent.</param>
/// <param name="Evaluations">Welfare evaluations (each a GE solve unless cached).</param>
/// <param name="AtBound">True when the best tariff is an end of the search interval.</param>
public sealed record BestResponse(double Rate, double WelfarePct, int Evaluations, bool AtBound);

/// <summary>One round of the tariff war: the US best response to r, then Mexico's to that τ.</summary>
public sealed record TariffWarRound(int Round, double Tau, double R, double Change);

/// <summary>The tariff war (spec §2): the fixed point of the two best responses, with the path that reached it.</summary>
/// <param name="Tau">τ^N.</param>
/// <param name="R">r^N.</param>
/// <param name="Rounds">The iterates.</param>
/// <param name="Converged">Whether the last change was below the tolerance.</param>
/// <param name="Payoff">Welfare at the fixed point (or the last iterate).</param>
public sealed record TariffWar(double Tau, double R, IReadOnlyList<TariffWarRound> Rounds, bool Converged, Payoff Payoff)
{
    /// <summary>The change of the last round (max of |Δτ|, |Δr|).</summary>
    public double FinalChange => Rounds.Count == 0 ? 0 : Rounds[^1].Change;
}

/// <summary>The tariff war did not settle in the allowed rounds; carries the last iterate.</summary>
public sealed class TariffWarDidNotConvergeException(TariffWar last)
    : Exception($"the tariff war did not converge in {last.Rounds.Count} rounds: last iterate τ = {last.Tau:0.######}, r = {last.R:0.######}, last change {last.FinalChange:E2}.")
{
    /// <summary>The last iterate.</summary>
    public TariffWar Last { get; } = last;
}

/// <summary>
/// Best responses on the GE payoff surface (spec §2): a coarse grid (step 0.02) brackets the maximum, Brent refines it
/// to |Δ| &lt; 10⁻⁶. Each evaluation is one GE solve, warm-started from the nearest solved point.
/// </summary>
public static class BestResponses
{
    /// <summary>Upper end of both best-response searches (spec §2: r_max = τ_max = 1).</summary>
    public const double MaxRate = 1.0;

    /// <summary>Grid step of the bracketing scan.</summary>
    public const double GridStep = 0.02;

    /// <summary>Tolerance on the best tariff.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Mexico's best retaliation r^BR(τ) = argmax_r W_MEX(τ, r, κ) over [0, r_max].</summary>
    /// <param name="payoffs">The payoff surface.</param>
    /// <param name="tau">The US tariff on Mexico.</param>
    /// <param name="kappa">Mexico's tariff on China.</param>
    /// <param name="guess">A previous best response to bracket around (null: scan the whole grid).</param>
    public static BestResponse Mexico(TariffPayoffs payoffs, double tau, double kappa, double? guess = null) =>
        Maximize(r => payoffs.At(tau, r, kappa).WelfarePctMex, guess);

    /// <summary>The US best tariff τ^BR(r) = argmax_τ W_USA(τ, r, κ) over [0, τ_max].</summary>
    public static BestResponse UnitedStates(TariffPayoffs payoffs, double r, double kappa, double? guess = null) =>
        Maximize(tau => payoffs.At(tau, r, kappa).WelfarePctUsa, guess);

    /// <summary>
    /// Iterates best responses from the status quo until neither tariff moves by more than <paramref name="tolerance"/>;
    /// throws <see cref="TariffWarDidNotConvergeException"/> with the last iterate after <paramref name="maxRounds"/>.
    /// </summary>
    public static TariffWar War(TariffPayoffs payoffs, Instruments statusQuo, double tolerance = 1e-5, int maxRounds = 50)
    {
        var (tau, r) = (statusQuo.Tau, statusQuo.R);
        double? tauGuess = null, rGuess = null;
        var rounds = new List<TariffWarRound>();
        for (var k = 1; k <= maxRounds; k++)
        {
            var us = UnitedStates(payoffs, r, statusQuo.Kappa, tauGuess);
            var mx = Mexico(payoffs, us.Rate, statusQuo.Kappa, rGuess);
            var change = Math.Max(Math.Abs(us.Rate - tau), Math.Abs(mx.Rate - r));
            (tau, r, tauGuess, rGuess) = (us.Rate, mx.Rate, us.Rate, mx.Rate);
            rounds.Add(new TariffWarRound(k, tau, r, change));
            if (change < tolerance)
            {
                return new TariffWar(tau, r, rounds, true, payoffs.At(tau, r, statusQuo.Kappa));
            }
        }

        throw new TariffWarDidNotConvergeException(new TariffWar(tau, r, rounds, false, payoffs.At(tau, r, statusQuo.Kappa)));
    }

    private static BestResponse Maximize(Func<double, double> welfare, double? guess)
    {
        var m = guess is { } g
            ? ScalarMaximizer.MaximizeFrom(welfare, g, 0, MaxRate, GridStep, Tolerance)
            : ScalarMaximizer.Maximize(welfare, 0, MaxRate, GridStep, Tolerance);
        return new BestResponse(m.Argument, m.Value, m.Evaluations, m.AtLowerBound || m.AtUpperBound);
    }
}
