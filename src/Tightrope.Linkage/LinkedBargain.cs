using Tightrope.Numerics;

namespace Tightrope.Linkage;

/// <summary>
/// A concession issue of the package (spec §4): Mexico moves a share c ∈ [0, 1] of the way from its status quo q toward
/// the US bloc's position p, L = |p − q| scale points; worth v per point to the US and costing φ per point (times c^ρ) to
/// Mexico, both in USD bn.
/// </summary>
/// <param name="Id">Issue id in the stakeholder set (S, M).</param>
/// <param name="StatusQuo">q_k on the 0–100 scale.</param>
/// <param name="UsPosition">p_k, the US bloc's position.</param>
/// <param name="ValueToUsPerPoint">v_k, USD bn per scale point.</param>
/// <param name="CostToMexicoPerPoint">φ_k, USD bn per scale point.</param>
public sealed record ConcessionIssue(string Id, double StatusQuo, double UsPosition, double ValueToUsPerPoint, double CostToMexicoPerPoint)
{
    /// <summary>L_k = |p_k − q_k|.</summary>
    public double Length => Math.Abs(UsPosition - StatusQuo);
}

/// <summary>
/// The USMCA review as a package dimension u ∈ [0, 1] (issue U position / 100; 1 = clean extension): each side's payoff
/// changes by A_i·(u − 1), A_i the dollar value of the agreement from the structural-gravity model.
/// </summary>
/// <param name="ValueUsaUsdBn">A_USA: what keeping the agreement is worth to the US, USD bn.</param>
/// <param name="ValueMexUsdBn">A_MEX: what it is worth to Mexico, USD bn.</param>
/// <param name="ThreatShare">u at the threat point (0: the US declines to extend).</param>
/// <param name="StatusQuoShare">u at the status quo (1: the agreement continues).</param>
public sealed record AgreementIssue(double ValueUsaUsdBn, double ValueMexUsdBn, double ThreatShare, double StatusQuoShare);

/// <summary>Everything the package bargain needs besides the payoff surface.</summary>
/// <param name="Threat">Threat and status quo.</param>
/// <param name="Retaliation">r^BR(τ̄), Mexico's answer if the threat is carried out.</param>
/// <param name="KappaMax">Upper end of κ (= κ_q when China policy is not offered).</param>
/// <param name="Issues">Concession issues (S, M).</param>
/// <param name="Rho">ρ ≥ 1: curvature of Mexico's cost of concessions.</param>
/// <param name="Alpha">US bargaining power.</param>
/// <param name="Agreement">The USMCA review dimension, if negotiated.</param>
public sealed record PackageSpace(ThreatSpec Threat, double Retaliation, double KappaMax, IReadOnlyList<ConcessionIssue> Issues, double Rho, double Alpha, AgreementIssue? Agreement)
{
    /// <summary>Instrument names in the order of the package vector.</summary>
    public IReadOnlyList<string> Names => ["tau", "kappa", .. Issues.Select(i => "c_" + i.Id), "u"];
}

/// <summary>A package (τ, κ, c, u) with each side's payoff and gain over the threat point, USD bn.</summary>
public sealed record Package(
    string Concept, double Tau, double R, double Kappa, IReadOnlyList<double> Concessions, double AgreementShare, Payoff Economy,
    double GainUsaUsdBn, double GainMexUsdBn, double PayoffUsaUsdBn, double PayoffMexUsdBn)
{
    /// <summary>Which bounds bind at the package (empty when none or not an optimisation result).</summary>
    public IReadOnlyList<string> BindingBounds { get; init; } = [];

    /// <summary>Largest relative FOC residual over interior instruments (NaN when not computed).</summary>
    public double FocResidual { get; init; } = double.NaN;

    /// <summary>Free-text note (how the package was found).</summary>
    public string Note { get; init; } = "";

    /// <summary>False when no package beats the threat point for both sides: the package is then the threat point itself.</summary>
    public bool Agreement { get; init; } = true;
}

/// <summary>The linked and unlinked Nash packages and the equal-gains talks (spec §4).</summary>
public sealed record BargainOutcome(
    Package ThreatPoint, Package StatusQuo, Package Linked, Package Unlinked, Package? EqualGains, BargainingSolution LinkedSolution, BargainingSolution UnlinkedSolution)
{
    /// <summary>Value of linkage to the US: its gain over d linked minus unlinked (a bargain without agreement gains 0).</summary>
    public double ValueOfLinkageUsa => Linked.GainUsaUsdBn - Unlinked.GainUsaUsdBn;

    /// <summary>Value of linkage to Mexico.</summary>
    public double ValueOfLinkageMex => Linked.GainMexUsdBn - Unlinked.GainMexUsdBn;
}

/// <summary>
/// Linked Nash bargaining over tariffs and concessions (Abrego et al. 2001; Horstmann et al. 2005), its unlinked
/// benchmark and Ossa's (2014) equal-gains talks, on the GE payoff surface. The package vector is
/// (τ, κ, c_S, c_M, u); r = 0 in agreement.
/// </summary>
public static class LinkedBargain
{
    /// <summary>G_USA and G_MEX of a package (spec §4), USD bn.</summary>
    public static (double Usa, double Mex, Payoff Economy) Gains(TariffPayoffs payoffs, PackageSpace space, double tau, double r, double kappa, IReadOnlyList<double> c, double u)
    {
        var e = payoffs.At(tau, r, kappa);
        double usa = e.UsdBnUsa, mex = e.UsdBnMex;
        for (var k = 0; k < space.Issues.Count; k++)
        {
            var issue = space.Issues[k];
            usa += issue.ValueToUsPerPoint * issue.Length * c[k];

            mex -= issue.CostToMexicoPerPoint * issue.Length * Math.Pow(c[k], space.Rho);
        }

        if (space.Agreement is { } a)
        {
            usa += a.ValueUsaUsdBn * (u - 1);
            mex += a.ValueMexUsdBn * (u - 1);
        }

        return (usa, mex, e);
    }

    /// <summary>Solves the linked problem, the unlinked benchmark and the equal-gains talks.</summary>
    public static BargainOutcome Solve(TariffPayoffs payoffs, PackageSpace space)
    {
        space.Threat.Validate();
        if (!(space.Rho >= 1))
        {
            throw new LinkageInputException("rho", $"rho (the curvature of Mexico's cost of concessions) must be at least 1, found {space.Rho}.");
        }

        var q = space.Threat.StatusQuo;
        if (space.KappaMax < q.Kappa)
        {
            throw new LinkageInputException("kappaMax", $"kappaMax = {space.KappaMax} is below the status-quo κ_q = {q.Kappa}.");
        }

        var m = space.Issues.Count;
        var noConcessions = new double[m];
        var uThreat = space.Agreement?.ThreatShare ?? 1;
        var uQuo = space.Agreement?.StatusQuoShare ?? 1;
        var (dUsa, dMex, dEconomy) = Gains(payoffs, space, space.Threat.Threat, space.Retaliation, q.Kappa, noConcessions, uThreat);
        var threatPoint = new Package("threat", space.Threat.Threat, space.Retaliation, q.Kappa, noConcessions, uThreat, dEconomy, 0, 0, dUsa, dMex);
        var (sUsa, sMex, sEconomy) = Gains(payoffs, space, q.Tau, q.R, q.Kappa, noConcessions, uQuo);
        var statusQuo = new Package("status-quo", q.Tau, q.R, q.Kappa, noConcessions, uQuo, sEconomy, sUsa - dUsa, sMex - dMex, sUsa, sMex);

        var linked = Nash(payoffs, space, threatPoint, linked: true);
        var unlinked = Nash(payoffs, space, threatPoint, linked: false);
        var equal = EqualGains(payoffs, space, (dUsa, dMex));
        return new BargainOutcome(threatPoint, statusQuo, linked.Package, unlinked.Package, equal, linked.Solution, unlinked.Solution);
    }

    private static (Package Package, BargainingSolution Solution) Nash(TariffPayoffs payoffs, PackageSpace space, Package threatPoint, bool linked)
    {
        var q = space.Threat.StatusQuo;
        var m = space.Issues.Count;
        var d = (Usa: threatPoint.PayoffUsaUsdBn, Mex: threatPoint.PayoffMexUsdBn);
        var lower = new double[2 + m + 1];
        var upper = new double[2 + m + 1];
        lower[0] = 0;
        upper[0] = space.Threat.Threat;
        lower[1] = q.Kappa;
        upper[1] = linked ? space.KappaMax : q.Kappa;
        for (var k = 0; k < m; k++)
        {
            lower[2 + k] = 0;
            upper[2 + k] = linked ? 1 : 0;
        }

        lower[^1] = space.Agreement is null ? 1 : Math.Min(space.Agreement.ThreatShare, space.Agreement.StatusQuoShare);
        upper[^1] = 1;
        var problem = new BargainingProblem(
            x =>
            {
                var (usa, mex, _) = Gains(payoffs, space, x[0], 0, x[1], x.AsSpan(2, m).ToArray(), x[^1]);
                return (usa, mex);
            },
            d, space.Alpha, lower, upper, space.Names);
        var solution = NashBargaining.Solve(problem);
        var concept = linked ? "nash-linked" : "nash-unlinked";
        if (!solution.Agreement)
        {
            return (threatPoint with { Concept = concept, Agreement = false, Note = "no agreement: no package gives both sides more than the threat point, so the threat point stands" }, solution);
        }

        var x = solution.Argument!;
        var (usa, mex, economy) = Gains(payoffs, space, x[0], 0, x[1], x.AsSpan(2, m).ToArray(), x[^1]);
        var binding = space.Names.Select((name, i) => solution.Bounds[i] switch
        {
            BoundState.Lower => $"{name} at its lower bound {lower[i]:0.####}",
            BoundState.Upper => $"{name} at its upper bound {upper[i]:0.####}",
            _ => null,
        }).OfType<string>().ToList();
        var interior = Enumerable.Range(0, x.Length).Where(i => solution.Bounds[i] == BoundState.Interior).ToList();
        var foc = interior.Count == 0 ? 0 : interior.Max(i => solution.FocResidual[i]);
        var note = linked
            ? $"Nash bargaining over the US tariff{(space.KappaMax > q.Kappa ? ", China policy" : "")} and concessions{(space.Agreement is null ? "" : " and the USMCA review")}; GE solved at every evaluated package"
            : "Nash bargaining over the US tariff only (c = 0, κ = κ_q)";
        if (!solution.Converged)
        {
            note += "; WARNING: the optimiser stopped before its tolerance";
        }

        return (new Package(concept, x[0], 0, x[1], x.AsSpan(2, m).ToArray(), x[^1], economy, usa - d.Usa, mex - d.Mex, usa, mex)
        {
            BindingBounds = binding,
            FocResidual = foc,
            Note = note,
        }, solution);
    }

    /// <summary>
    /// Ossa's equal-gains talks: maximise W_USA over (τ, κ) with r = 0 and c = 0 subject to equal gains over the threat
    /// point in percentage points of each side's expenditure. For each κ the constraint fixes τ (a root in [0, τ̄]); the
    /// outer search maximises W_USA over κ. Null when no τ in [0, τ̄] equalises the gains.
    /// </summary>
    public static Package? EqualGains(TariffPayoffs payoffs, PackageSpace space, (double Usa, double Mex) d)
    {
        var q = space.Threat.StatusQuo;
        var m = space.Issues.Count;
        var zero = new double[m];
        var u = space.Agreement?.StatusQuoShare ?? 1;
        var eUsa = payoffs.Baseline.Expenditure[payoffs.Baseline.Countries.Require("USA")] * 1e-6;
        var eMex = payoffs.Baseline.Expenditure[payoffs.Baseline.Countries.Require("MEX")] * 1e-6;
        double Gap(double tau, double kappa)
        {
            var (usa, mex, _) = Gains(payoffs, space, tau, 0, kappa, zero, u);
            return (100 * (usa - d.Usa) / eUsa) - (100 * (mex - d.Mex) / eMex);
        }

        double? TauFor(double kappa) => ScalarRoot.Find(tau => Gap(tau, kappa), 0, space.Threat.Threat, 1e-9)?.Argument;

        double UsaAt(double kappa) => TauFor(kappa) is { } tau ? Gains(payoffs, space, tau, 0, kappa, zero, u).Usa : double.NegativeInfinity;

        double kappaBest = q.Kappa;
        if (space.KappaMax > q.Kappa)
        {
            var best = ScalarMaximizer.Maximize(UsaAt, q.Kappa, space.KappaMax, (space.KappaMax - q.Kappa) / 5, 1e-5);
            kappaBest = best.Argument;
        }

        if (TauFor(kappaBest) is not { } tauBest)
        {
            return null;
        }

        var (gu, gm, economy) = Gains(payoffs, space, tauBest, 0, kappaBest, zero, u);
        return new Package("equal-gains", tauBest, 0, kappaBest, zero, u, economy, gu - d.Usa, gm - d.Mex, gu, gm)
        {
            Note = "Ossa (2014) talks: max W_USA subject to equal gains over the threat point in percentage points (r = 0, c = 0)",
        };
    }
}
