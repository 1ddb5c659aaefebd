using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Linkage.Scenarios;

namespace Tightrope.Linkage;

/// <summary>One calibrated or assumed value and how it was obtained.</summary>
public sealed record CalibratedValue(string Quantity, double Value, string Unit, string How);

/// <summary>One point of the payoff surface (r = 0).</summary>
public sealed record SurfacePoint(Payoff Payoff);

/// <summary>Everything a tightrope analysis produced.</summary>
public sealed record LinkageResult(
    LinkageSettings Settings,
    ThreatAssessment Threat,
    IReadOnlyList<CoercionOutcome> Coercion,
    TariffWar? War,
    string? WarProblem,
    BargainOutcome Bargain,
    PackageSpace Space,
    SalienceRates Rates,
    IReadOnlyList<CalibratedValue> Calibration,
    IReadOnlyList<SurfacePoint> Surface,
    int Solves,
    int NewtonIterations,
    TimeSpan SolveTime,
    TimeSpan WallTime);

/// <summary>Runs the whole tightrope analysis of §2–§5 on a baseline: threat, coercion, tariff war, packages, calibration, surface.</summary>
public static class LinkageAnalysis
{
    /// <summary>The background schedule: none (all zero) or the imls-case1 US schedule on every origin.</summary>
    public static PairMatrix Background(OneSectorBaseline baseline, BackgroundKind kind) => kind switch
    {
        BackgroundKind.None => PairMatrix.Zero(baseline.Countries),
        _ => LiberationDaySchedule.Matrix(baseline),
    };

    /// <summary>Runs the analysis.</summary>
    /// <param name="baseline">The observed economy (loaded once by the caller).</param>
    /// <param name="settings">Scenario settings.</param>
    /// <param name="stakeholders">Stakeholder set with blocs.</param>
    /// <param name="agreementValue">A_USA, A_MEX (USD bn) of keeping the USMCA, when issue U is negotiated.</param>
    /// <param name="agreementHow">How the agreement value was obtained.</param>
    /// <param name="payoffs">A payoff surface to reuse (same baseline, background and parameters), or null for a new one.</param>
    public static LinkageResult Run(
        OneSectorBaseline baseline, LinkageSettings settings, BlocStakeholders stakeholders, (double Usa, double Mex)? agreementValue = null, string agreementHow = "", TariffPayoffs? payoffs = null)
    {
        var clock = Stopwatch.StartNew();
        payoffs ??= new TariffPayoffs(baseline, Background(baseline, settings.Background), settings.Parameters);
        var solvesBefore = payoffs.Solves;
        var iterationsBefore = payoffs.NewtonIterations;
        var timeBefore = payoffs.SolveTime;
        var spec = settings.Threat;
        var q = spec.StatusQuo;
        foreach (var k in settings.Concessions)
        {
            stakeholders.Issue(k, "bargaining.concessions");
        }

        var tariffOnly = TariffGame.Assess(payoffs, spec);
        AgreementIssue? agreement = null;
        var threat = tariffOnly;
        if (settings.Agreement is { } ag)
        {
            var (au, am) = agreementValue ?? throw new ArgumentException("agreement: issue U needs the structural-gravity value of the agreement.");
            agreement = new AgreementIssue(au, am, ag.ThreatPosition / 100, ag.StatusQuoPosition / 100);
            var lost = agreement.StatusQuoShare - agreement.ThreatShare;
            threat = tariffOnly with { CostSenderUsdBn = tariffOnly.CostSenderUsdBn + (au * lost), CostTargetUsdBn = tariffOnly.CostTargetUsdBn + (am * lost) };
        }

        var grid = Tightrope.Linkage.Coercion.StandardGrid.Append(settings.ConflictExpectation).Distinct().Order().ToList();
        var coercion = grid.Select(threat.At).ToList();

        TariffWar? war = null;
        string? warProblem = null;
        if (settings.TariffWar)
        {
            try
            {
                war = BestResponses.War(payoffs, q);
            }
            catch (TariffWarDidNotConvergeException e)
            {
                warProblem = e.Message;
                war = e.Last;
            }
        }

        // §5: the salience exchange rate and bargaining power.
        var rates = SalienceExchangeRate.Calibrate(stakeholders, tariffOnly, settings.TariffMap, settings.Concessions, settings.PremiumMode, settings.Omega, settings.Observed, settings.TariffStatusQuoPosition);
        var alpha = settings.Alpha ?? stakeholders.BargainingPower("T");
        var issues = settings.Concessions.Select(k =>
        {
            var quo = settings.StatusQuoPositions.TryGetValue(k, out var sqk) ? sqk : LinkageSettings.DefaultStatusQuo.GetValueOrDefault(k, double.NaN);
            if (double.IsNaN(quo))
            {
                throw new ArgumentException($"calibration.statusQuoPosition.{k}: issue {k} has no default status quo; set it.");
            }

            var p = settings.UsPositionOverrides.TryGetValue(k, out var pk) ? pk : stakeholders.Position(BlocStakeholders.Us, k, "bargaining.concessions");
            var v = settings.ValueOverrides.TryGetValue(k, out var vk) ? vk : rates.ValueToUs(k);
            var phi = settings.CostOverrides.TryGetValue(k, out var fk) ? fk : rates.CostToMexico(k);
            return new ConcessionIssue(k, quo, p, v, phi);
        }).ToList();
        var space = new PackageSpace(spec, tariffOnly.Retaliation.Rate, settings.KappaMax ?? q.Kappa, issues, settings.Rho, alpha, agreement);
        var bargain = LinkedBargain.Solve(payoffs, space);

        // The payoff surface at r = 0 over τ ∈ [0, max(τ̄, 0.25)] and κ ∈ [κ_q, κ_max].
        var surface = new List<SurfacePoint>();
        var tauTop = Math.Max(spec.Threat, 0.25);
        var taus = new List<double>();
        for (var t = 0.0; t < tauTop - 1e-12; t += settings.SurfaceTauStep)
        {
            taus.Add(Math.Round(t, 10));
        }

        taus.Add(tauTop);
        if (!taus.Contains(spec.Threat))
        {
            taus.Add(spec.Threat);
        }

        var kappas = space.KappaMax > q.Kappa
            ? Enumerable.Range(0, settings.SurfaceKappaPoints).Select(i => q.Kappa + ((space.KappaMax - q.Kappa) * i / (settings.SurfaceKappaPoints - 1))).ToList()
            : [q.Kappa];
        foreach (var kappa in kappas)
        {
            foreach (var tau in taus.Order())
            {
                surface.Add(new SurfacePoint(payoffs.At(tau, 0, kappa)));
            }
        }

        var calibration = Calibration(settings, stakeholders, tariffOnly, rates, space, agreement, agreementHow);
        clock.Stop();
        return new LinkageResult(settings, threat, coercion, war, warProblem, bargain, space, rates, calibration, surface, payoffs.Solves - solvesBefore, payoffs.NewtonIterations - iterationsBefore, payoffs.SolveTime - timeBefore, clock.Elapsed);
    }

    private static List<CalibratedValue> Calibration(
        LinkageSettings settings, BlocStakeholders stakeholders, ThreatAssessment tariffOnly, SalienceRates rates, PackageSpace space, AgreementIssue? agreement, string agreementHow)
    {
        var list = new List<CalibratedValue>
        {
            new("tau_bar", settings.Threat.Threat, "fraction", $"threat {settings.ThreatDescription}; non-USMCA rates × (1 − s), s = {settings.Compliance}"),
            new("tau_q", settings.Threat.StatusQuo.Tau, "fraction", "scenario status quo"),
            new("kappa_q", settings.Threat.StatusQuo.Kappa, "fraction", "scenario status quo"),
            new("r_br_threat", tariffOnly.Retaliation.Rate, "fraction", "Mexico's best response to the threat: grid step 0.02, then Brent to 1e-6 on W_MEX"),
            new("conflict_expectation", settings.ConflictExpectation, "B in [0, 1]", "scenario input (1 = ally)"),
            new("alpha", space.Alpha, "share", settings.Alpha is null ? "US share of capability × salience on issue T among US and Mexican actors" : "set in the scenario"),
            new("rho", space.Rho, "exponent", "scenario input (default 2: each further concession costs more at home)"),
            new("q_T", rates.TariffStatusQuoPosition, "scale points", settings.TariffStatusQuoPosition is null ? "highest position of issue T mapped to τ_q" : "set in the scenario"),
            new("x_T_threat", rates.TariffThreatPosition, "scale points", "lowest position of issue T mapped to τ̄"),
            new("mu_US", rates.MuUs, "USD bn per point of T", "|V_USA(deadlock) − V_USA(q)| / |x_T(τ̄) − q_T|"),
            new("mu_MX", rates.MuMx, "USD bn per point of T", "|V_MEX(deadlock) − V_MEX(q)| / |x_T(τ̄) − q_T|"),
            new("omega", rates.Omega, "premium", rates.OmegaHow),
        };
        foreach (var k in rates.SalienceUs.Keys)
        {
            list.Add(new($"S_US_{k}", rates.SalienceUs[k], "salience 0–1", $"capability-weighted mean salience of US actors on {k} ({stakeholders.Issue(k).Stakes.Count} actors on the issue)"));
            list.Add(new($"S_MX_{k}", rates.SalienceMx[k], "salience 0–1", $"capability-weighted mean salience of Mexican actors on {k}"));
        }

        foreach (var issue in space.Issues)
        {
            var k = issue.Id;
            list.Add(new($"q_{k}", issue.StatusQuo, "scale points", settings.StatusQuoPositions.ContainsKey(k) ? "set in the scenario" : "status quo of usmx-issue-set.md"));
            list.Add(new($"p_{k}", issue.UsPosition, "scale points", settings.UsPositionOverrides.ContainsKey(k) ? "set in the scenario" : "c·s-weighted mean position of US actors"));
            list.Add(new($"L_{k}", issue.Length, "scale points", "|p − q|"));
            list.Add(new($"v_{k}", issue.ValueToUsPerPoint, "USD bn per point", settings.ValueOverrides.ContainsKey(k) ? "set in the scenario" : $"ω μ_US S_US,{k} / S_US,T"));
            list.Add(new($"phi_{k}", issue.CostToMexicoPerPoint, "USD bn per point", settings.CostOverrides.ContainsKey(k) ? "set in the scenario" : $"μ_MX S_MX,{k} / S_MX,T"));
        }

        list.Add(new("kappa_max", space.KappaMax, "fraction", space.KappaMax > settings.Threat.StatusQuo.Kappa ? "China policy offered in the package: κ up to this" : "China policy not offered (κ = κ_q)"));
        if (agreement is not null)
        {
            list.Add(new("A_USA", agreement.ValueUsaUsdBn, "USD bn", agreementHow));
            list.Add(new("A_MEX", agreement.ValueMexUsdBn, "USD bn", agreementHow));
            list.Add(new("u_threat", agreement.ThreatShare, "share of issue U", "scenario: issue U position at the threat / 100"));
        }

        foreach (var a in settings.TariffMap.Anchors)
        {
            list.Add(new($"map_T_{a.Position:0}", a.Value, "τ", $"{a.Meaning} — {a.Source}"));
        }

        return list;
    }
}
