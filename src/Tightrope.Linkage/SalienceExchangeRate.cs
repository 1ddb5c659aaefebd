using Tightrope.Bargaining;

namespace Tightrope.Linkage;

/// <summary>A stakeholder set with each actor's bloc (US, MX, CN, CA), as the linkage calibration needs.</summary>
/// <param name="Set">The stakeholders.</param>
/// <param name="BlocOf">Actor id → bloc.</param>
public sealed record BlocStakeholders(StakeholderSet Set, IReadOnlyDictionary<string, string> BlocOf)
{
    /// <summary>The US bloc's name.</summary>
    public const string Us = "US";

    /// <summary>Mexico's bloc.</summary>
    public const string Mx = "MX";

    /// <summary>The stakes on an issue; throws naming <paramref name="field"/> when the id is not in the set.</summary>
    public IssueStakes Issue(string id, string field = "issue") =>
        Set.Issues.FirstOrDefault(i => i.Issue.Id == id)
        ?? throw new ArgumentException($"{field}: issue id '{id}' is not in the stakeholder set; known: {string.Join(", ", Set.Issues.Select(i => i.Issue.Id))}.");

    private IEnumerable<Stake> Of(string issue, string bloc, string field) =>
        Issue(issue, field).Stakes.Where(s => BlocOf.TryGetValue(s.Actor.Id, out var b) && b == bloc && s.Salience.Value > 0);

    /// <summary>S_{b,k}: the capability-weighted mean salience of bloc b's actors on issue k (salience-0 actors left out), on 0–1.</summary>
    public double Salience(string bloc, string issue, string field = "issue")
    {
        var stakes = Of(issue, bloc, field).ToList();
        var weight = stakes.Sum(s => s.Capability.Value);
        return weight > 0
            ? stakes.Sum(s => s.Capability.Value * s.Salience.Value) / weight
            : throw new ArgumentException($"{field}: no actor of bloc {bloc} has a salience above 0 on issue '{issue}'.");
    }

    /// <summary>The bloc's position on an issue: the c·s-weighted mean of its actors' positions.</summary>
    public double Position(string bloc, string issue, string field = "issue")
    {
        var stakes = Of(issue, bloc, field).ToList();
        var weight = stakes.Sum(s => s.Capability.Value * s.Salience.Value);
        return weight > 0
            ? stakes.Sum(s => s.Capability.Value * s.Salience.Value * s.Position.Value) / weight
            : throw new ArgumentException($"{field}: no actor of bloc {bloc} takes part in issue '{issue}'.");
    }

    /// <summary>α: the US share of capability × salience on an issue among US and Mexican actors (spec §4).</summary>
    public double BargainingPower(string issue, string field = "issue")
    {
        double Weight(string bloc) => Of(issue, bloc, field).Sum(s => s.Capability.Value * s.Salience.Value);
        var us = Weight(Us);
        var mx = Weight(Mx);
        return us + mx > 0 ? us / (us + mx) : throw new ArgumentException($"{field}: neither US nor Mexican actors take part in issue '{issue}'.");
    }
}

/// <summary>How ω, the US political premium on concessions, is set.</summary>
public enum PremiumMode
{
    /// <summary>ω is given (default 1).</summary>
    Fixed,

    /// <summary>ω is the smallest value at which the observed 2025 package leaves the US at least as well off as the threat point.</summary>
    Revealed,
}

/// <summary>The observed 2025 movement on one concession issue, for the revealed premium (spec §5).</summary>
/// <param name="Issue">Issue id.</param>
/// <param name="PreviousPosition">q^pre, the position before 2025.</param>
/// <param name="Position">q, the position by November 2025 (the status quo).</param>
public sealed record ObservedConcession(string Issue, double PreviousPosition, double Position);

/// <summary>The salience exchange rate: dollar values of concessions from the stakeholder data and the GE (spec §5).</summary>
/// <param name="MuUs">μ_US, USD bn per point of issue T.</param>
/// <param name="MuMx">μ_MX.</param>
/// <param name="Omega">ω used.</param>
/// <param name="OmegaHow">How ω was obtained.</param>
/// <param name="TariffStatusQuoPosition">q_T.</param>
/// <param name="TariffThreatPosition">x_T(τ̄).</param>
/// <param name="SalienceUs">S_US,k per issue (T and the concession issues).</param>
/// <param name="SalienceMx">S_MX,k per issue.</param>
public sealed record SalienceRates(
    double MuUs, double MuMx, double Omega, string OmegaHow, double TariffStatusQuoPosition, double TariffThreatPosition,
    IReadOnlyDictionary<string, double> SalienceUs, IReadOnlyDictionary<string, double> SalienceMx)
{
    /// <summary>v_k = ω μ_US S_US,k / S_US,T.</summary>
    public double ValueToUs(string issue) => Omega * MuUs * SalienceUs[issue] / SalienceUs["T"];

    /// <summary>φ_k = μ_MX S_MX,k / S_MX,T.</summary>
    public double CostToMexico(string issue) => MuMx * SalienceMx[issue] / SalienceMx["T"];
}

/// <summary>Calibrates v_k and φ_k from saliences and the tariff stakes (spec §5).</summary>
public static class SalienceExchangeRate
{
    /// <summary>
    /// μ_b = |V_b(deadlock) − V_b(q)| / |x_T(τ̄) − q_T|, with q_T the highest position the T map sends to τ_q (unless
    /// given) and x_T(τ̄) the lowest position it sends to τ̄.
    /// </summary>
    public static (double MuUs, double MuMx, double QT, double XT) Stakes(ThreatAssessment threat, IssueMapping tariffMap, double? statusQuoPosition = null)
    {
        var q = threat.Spec.StatusQuo.Tau;
        var qT = statusQuoPosition ?? tariffMap.HighestPositionAt(q)
            ?? throw new ArgumentException($"mappings.T: no position of issue T maps to the status-quo tariff {q}; give statusQuoPositions.T.");
        var xT = tariffMap.LowestPositionAt(threat.Spec.Threat)
            ?? throw new ArgumentException($"mappings.T: no position of issue T maps to the threat {threat.Spec.Threat}; add an anchor for it.");
        var distance = Math.Abs(xT - qT);
        if (distance == 0)
        {
            return (0, 0, qT, xT);
        }

        return (Math.Abs(threat.CostSenderUsdBn) / distance, Math.Abs(threat.CostTargetUsdBn) / distance, qT, xT);
    }

    /// <summary>The rates for the concession issues, with ω fixed or revealed by the observed 2025 package.</summary>
    public static SalienceRates Calibrate(
        BlocStakeholders stakeholders, ThreatAssessment threat, IssueMapping tariffMap, IReadOnlyList<string> concessionIssues,
        PremiumMode mode, double omega, IReadOnlyList<ObservedConcession> observed, double? statusQuoPosition = null)
    {
        var (muUs, muMx, qT, xT) = Stakes(threat, tariffMap, statusQuoPosition);
        var issues = concessionIssues.Prepend("T").Distinct().ToList();
        var sUs = issues.ToDictionary(k => k, k => stakeholders.Salience(BlocStakeholders.Us, k, $"concessions[{k}]"));
        var sMx = issues.ToDictionary(k => k, k => stakeholders.Salience(BlocStakeholders.Mx, k, $"concessions[{k}]"));
        var how = $"given ({omega})";
        if (mode == PremiumMode.Revealed)
        {
            // The observed package moved each issue from q^pre to q: worth ω μ_US Σ S_US,k/S_US,T (q_k − q^pre_k) to the US.
            // The smallest ω with V_USA(q) + that ≥ d_USA is ω = max(0, −c_s) / (μ_US Σ ...).
            var perOmega = observed.Sum(o => muUs * sUs.GetValueOrDefault(o.Issue, double.NaN) / sUs["T"] * Math.Abs(o.Position - o.PreviousPosition));
            if (double.IsNaN(perOmega))
            {
                throw new ArgumentException("premium.observed: every observed issue must be one of the concession issues.");
            }

            var needed = Math.Max(0, -threat.CostSenderUsdBn);
            omega = needed == 0 ? 0 : perOmega > 0 ? needed / perOmega : double.PositiveInfinity;
            how = needed == 0
                ? "revealed: 0, the US already prefers the status quo to carrying out the threat"
                : $"revealed: smallest ω at which the observed 2025 package ({string.Join(", ", observed.Select(o => $"{o.Issue} {o.PreviousPosition:0}→{o.Position:0}"))}) is worth the US's gain from the threat ({needed:0.###} bn)";
        }

        if (!(omega >= 0) || double.IsInfinity(omega))
        {
            throw new ArgumentException($"premium.omega must be a finite number ≥ 0, found {omega}.");
        }

        return new SalienceRates(muUs, muMx, omega, how, qT, xT, sUs, sMx);
    }
}
