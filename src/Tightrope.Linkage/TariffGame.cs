using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Linkage;

/// <summary>A threat and the status quo it is made against (spec §1, §3).</summary>
/// <param name="StatusQuo">q = (τ_q, r_q, κ_q).</param>
/// <param name="Threat">τ̄, the effective US tariff on Mexico Washington says it will impose.</param>
public sealed record ThreatSpec(Instruments StatusQuo, double Threat)
{
    /// <summary>Throws an error naming the field when the threat is below the status quo or a rate is not a fraction in [0, 10].</summary>
    public void Validate()
    {
        RequireRate(StatusQuo.Tau, "statusQuo.tau");
        RequireRate(StatusQuo.R, "statusQuo.r");
        RequireRate(StatusQuo.Kappa, "statusQuo.kappa");
        RequireRate(Threat, "threat");
        if (Threat < StatusQuo.Tau)
        {
            throw new ArgumentOutOfRangeException("threat", Threat, $"the threat τ̄ = {Threat} is below the status-quo tariff τ_q = {StatusQuo.Tau}; a threat must be at least the tariff already in force.");
        }
    }

    internal static void RequireRate(double rate, string field)
    {
        if (!(rate >= 0 && rate <= 10))
        {
            throw new ArgumentOutOfRangeException(field, rate, $"{field} = {rate} is not a tariff: rates are fractions in [0, 10] (0.25 = 25%).");
        }
    }
}

/// <summary>What a threat costs each side and what it can buy (spec §3).</summary>
/// <param name="Spec">The threat and status quo.</param>
/// <param name="StatusQuo">Welfare at q.</param>
/// <param name="Deadlock">Welfare when the threat is carried out and Mexico answers with r^BR(τ̄).</param>
/// <param name="Retaliation">Mexico's best response to τ̄.</param>
/// <param name="CostSenderUsdBn">c_s = V_USA(q) − V_USA(deadlock), USD bn (negative: the tariff raises US welfare).</param>
/// <param name="CostTargetUsdBn">c_m = V_MEX(q) − V_MEX(deadlock), USD bn.</param>
/// <param name="MexicoGdpUsdBn">Mexico's GDP in the model, USD bn, for the %-of-GDP figures.</param>
public sealed record ThreatAssessment(
    ThreatSpec Spec, Payoff StatusQuo, Payoff Deadlock, BestResponse Retaliation, double CostSenderUsdBn, double CostTargetUsdBn, double MexicoGdpUsdBn)
{
    /// <summary>The coercion game at conflict expectation B.</summary>
    public CoercionOutcome At(double conflictExpectation) => Coercion.Evaluate(CostSenderUsdBn, CostTargetUsdBn, conflictExpectation);

    /// <summary>D* as a percentage of Mexico's GDP.</summary>
    public double DemandPctGdpMex(double conflictExpectation) => 100 * At(conflictExpectation).DemandUsdBn / MexicoGdpUsdBn;
}

/// <summary>
/// The tariff game between Washington and Mexico City on the 194-economy model: what a threat costs each side, whether it
/// is credible and what it can demand (D*), plus best responses and the tariff war. This is the entry point for anything
/// that needs D* for a threat (e.g. a timeline of postponements).
/// </summary>
public static class TariffGame
{
    /// <summary>
    /// Assesses a threat τ̄ against a status quo on the surface's background: Mexico's best retaliation r^BR(τ̄), the costs
    /// of deadlock c_s and c_m (USD bn), and through <see cref="ThreatAssessment.At"/> credibility and D* for any B.
    /// </summary>
    public static ThreatAssessment Assess(TariffPayoffs payoffs, ThreatSpec spec)
    {
        spec.Validate();
        var q = spec.StatusQuo;
        var sq = payoffs.At(q);
        var retaliation = spec.Threat == q.Tau
            ? new BestResponse(q.R, sq.WelfarePctMex, 0, false)
            : BestResponses.Mexico(payoffs, spec.Threat, q.Kappa);

        // With no threat there is no deadlock to price: the status quo stands.
        var deadlock = spec.Threat == q.Tau ? sq : payoffs.At(spec.Threat, retaliation.Rate, q.Kappa);
        return new ThreatAssessment(spec, sq, deadlock, retaliation, sq.UsdBnUsa - deadlock.UsdBnUsa, sq.UsdBnMex - deadlock.UsdBnMex, payoffs.MexicoGdpUsdBn);
    }

    /// <summary>Convenience: D* and credibility for a threat on a baseline and background, in one call.</summary>
    public static (ThreatAssessment Assessment, CoercionOutcome Outcome) Demand(
        OneSectorBaseline baseline, BilateralTariffs background, ThreatSpec spec, double conflictExpectation, TariffModelParameters? parameters = null)
    {
        Coercion.RequireConflictExpectation(conflictExpectation, "conflictExpectation");
        var assessment = Assess(new TariffPayoffs(baseline, background, parameters), spec);
        return (assessment, assessment.At(conflictExpectation));
    }
}
