namespace Tightrope.Linkage;

/// <summary>The outcome of the coercion game for one conflict expectation.</summary>
/// <param name="ConflictExpectation">B in [0, 1] (1 = ally: absolute gains only).</param>
/// <param name="Credible">Whether carrying out the threat is better for the sender than backing down: −c_s + (1 − B)c_m ≥ 0.</param>
/// <param name="DemandUsdBn">D*, the largest concession the target accepts rather than face the threat (0 if not credible), USD bn.</param>
public sealed record CoercionOutcome(double ConflictExpectation, bool Credible, double DemandUsdBn);

/// <summary>
/// Drezner's conflict-expectations coercion game (The Sanctions Paradox, 1999, ch. 2), spec §3. Payoffs relative to the
/// status quo: concession (D, −D), deadlock (−c_s, −c_m); each player weighs the other's gains by 1 − B.
/// </summary>
public static class Coercion
{
    /// <summary>Solves the game backwards for costs of deadlock c_s (sender), c_m (target) and conflict expectation B.</summary>
    /// <param name="costSenderUsdBn">c_s = V_s(q) − V_s(deadlock); negative when the tariff raises the sender's welfare.</param>
    /// <param name="costTargetUsdBn">c_m = V_m(q) − V_m(deadlock).</param>
    /// <param name="conflictExpectation">B in [0, 1].</param>
    public static CoercionOutcome Evaluate(double costSenderUsdBn, double costTargetUsdBn, double conflictExpectation)
    {
        RequireConflictExpectation(conflictExpectation, "conflictExpectation");
        if (!double.IsFinite(costSenderUsdBn) || !double.IsFinite(costTargetUsdBn))
        {
            throw new ArgumentException($"The costs of deadlock must be finite numbers, found c_s = {costSenderUsdBn}, c_m = {costTargetUsdBn}.");
        }

        var b = conflictExpectation;
        var credible = CredibilityMargin(costSenderUsdBn, costTargetUsdBn, b) >= 0;
        var demand = credible ? Math.Max(0, (costTargetUsdBn - ((1 - b) * costSenderUsdBn)) / (2 - b)) : 0;
        return new CoercionOutcome(b, credible, demand);
    }

    /// <summary>The sender's utility of carrying out the threat relative to backing down: −c_s + (1 − B)c_m.</summary>
    public static double CredibilityMargin(double costSenderUsdBn, double costTargetUsdBn, double conflictExpectation) =>
        -costSenderUsdBn + ((1 - conflictExpectation) * costTargetUsdBn);

    /// <summary>The conflict expectations reported by default: 0, 0.25, 0.5, 0.75, 1.</summary>
    public static IReadOnlyList<double> StandardGrid { get; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>Throws naming <paramref name="field"/> unless B lies in [0, 1].</summary>
    public static void RequireConflictExpectation(double b, string field)
    {
        if (!(b >= 0 && b <= 1))
        {
            throw new LinkageInputException(field, $"the conflict expectation {field} must lie in [0, 1] (1 = ally, absolute gains only), found {b}.");
        }
    }
}
