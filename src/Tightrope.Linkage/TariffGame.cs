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
            throw new LinkageInputException("threat", $"the threat τ̄ = {Threat} is below the status-quo tariff τ_q = {StatusQuo.Tau}; a threat must be at least the tariff already in force.");
        }
    }

    internal static void RequireRate(double rate, string field)
    {
        if (!(rate >= 0 && rate <= 10))
        {
            throw new LinkageInputException(field, $"{field} = {rate} is not a tariff: rates are fractions in [0, 10] (0.25 = 25%).");
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
        OneSectorBaseline baseline, PairMatrix background, ThreatSpec spec, double conflictExpectation, TariffModelParameters? parameters = null)
    {
        Coercion.RequireConflictExpectation(conflictExpectation, "conflictExpectation");
        var assessment = Assess(new TariffPayoffs(baseline, background, parameters), spec);
        return (assessment, assessment.At(conflictExpectation));
    }
}

/// <summary>The quick tariff game of the command line: best responses, the tariff war and the coercion game for one threat.</summary>
/// <param name="Assessment">Threat, retaliation and costs of deadlock.</param>
/// <param name="UsBestResponse">τ^BR(r_q): the US's best tariff on Mexico when Mexico does not retaliate.</param>
/// <param name="War">The tariff war from the status quo.</param>
/// <param name="WarProblem">Why the war did not converge, if it did not (the war is then its last iterate).</param>
/// <param name="ConflictExpectation">The B the headline rows use.</param>
/// <param name="Grid">Coercion outcomes over the standard grid of B and the chosen B.</param>
/// <param name="Solves">GE solves used.</param>
/// <param name="SolveTime">Time in the tariff model.</param>
public sealed record TariffGameResult(
    ThreatAssessment Assessment, BestResponse UsBestResponse, TariffWar War, string? WarProblem, double ConflictExpectation, IReadOnlyList<CoercionOutcome> Grid, int Solves, TimeSpan SolveTime)
{
    /// <summary>The headline quantities as (name, value) rows, in the order of game.csv.</summary>
    public IReadOnlyList<(string Quantity, double Value)> Rows()
    {
        var own = Assessment.At(ConflictExpectation);
        return
        [
            ("threat", Assessment.Spec.Threat),
            ("status_quo", Assessment.Spec.StatusQuo.Tau),
            ("conflict_expectation", ConflictExpectation),
            ("r_best_response", Assessment.Retaliation.Rate),
            ("tau_best_response", UsBestResponse.Rate),
            ("tau_nash", War.Tau),
            ("r_nash", War.R),
            ("tariff_war_rounds", War.Rounds.Count),
            ("tariff_war_converged", War.Converged ? 1 : 0),
            ("welfare_usa_pct_status_quo", Assessment.StatusQuo.WelfarePctUsa),
            ("welfare_mex_pct_status_quo", Assessment.StatusQuo.WelfarePctMex),
            ("welfare_usa_pct_deadlock", Assessment.Deadlock.WelfarePctUsa),
            ("welfare_mex_pct_deadlock", Assessment.Deadlock.WelfarePctMex),
            ("c_us_usd_bn", Assessment.CostSenderUsdBn),
            ("c_mex_usd_bn", Assessment.CostTargetUsdBn),
            ("credible", own.Credible ? 1 : 0),
            ("demand_usd_bn", own.DemandUsdBn),
            ("demand_pct_gdp_mex", Assessment.DemandPctGdpMex(ConflictExpectation)),
            ("ge_solves", Solves),
        ];
    }
}

/// <summary>Plays the quick game.</summary>
public static class QuickTariffGame
{
    /// <summary>Mexico's best retaliation, the US best tariff without retaliation, the tariff war, costs, credibility and D*.</summary>
    public static TariffGameResult Play(TariffPayoffs payoffs, ThreatSpec spec, double conflictExpectation)
    {
        Coercion.RequireConflictExpectation(conflictExpectation, "conflict");
        var assessment = TariffGame.Assess(payoffs, spec);
        var us = BestResponses.UnitedStates(payoffs, spec.StatusQuo.R, spec.StatusQuo.Kappa);
        TariffWar war;
        string? problem = null;
        try
        {
            war = BestResponses.War(payoffs, spec.StatusQuo);
        }
        catch (TariffWarDidNotConvergeException e)
        {
            war = e.Last;
            problem = e.Message;
        }

        var grid = Coercion.StandardGrid.Append(conflictExpectation).Distinct().Order().Select(assessment.At).ToList();
        return new TariffGameResult(assessment, us, war, problem, conflictExpectation, grid, payoffs.Solves, payoffs.SolveTime);
    }
}
