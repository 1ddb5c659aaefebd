using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The seven per-country outcomes of the tariff model (spec §6, Value_1..Value_7): percentage changes except
/// <see cref="RevenueShare"/>, which is a fraction of baseline expenditure.
/// </summary>
public sealed record CountryOutcome(
    Country Country,
    double WelfarePct,
    double DeficitPct,
    double ExportsToGdpPct,
    double ImportsToGdpPct,
    double EmploymentPct,
    double PricesPct,
    double RevenueShare);

/// <summary>Equilibrium changes (counterfactual / baseline) and levels for one country; money in thousand USD.</summary>
public sealed record CountryChanges(
    Country Country,
    double Wage,
    double Expenditure,
    double Employment,
    double PriceIndex,
    double Welfare,
    double IncomeTaxRate,
    double TariffRevenue);

/// <summary>World-level indicators of a counterfactual.</summary>
/// <param name="TradeToGdpPct">Change in world trade (gross of tariffs) relative to world income, %.</param>
/// <param name="EmploymentPct">Income-weighted mean employment change, %.</param>
public sealed record GlobalOutcome(double TradeToGdpPct, double EmploymentPct);

/// <summary>How the solve went: solver diagnostics plus the largest residual of the full system at the solution.</summary>
public sealed record SolveDiagnostics(SolverResult Solver, double ResidualNorm, TimeSpan Elapsed)
{
    /// <summary>Where the time went (set-up, residuals, Jacobians, factorisations), when the solver measured it.</summary>
    public SolveTimings? Timings { get; init; }

    /// <summary>Which method solved it: the reduced 2N quasi-Newton (Broyden), or the full 3N damped Newton.</summary>
    public string Method { get; init; } = "full 3N Newton";
}

/// <summary>A solved counterfactual of the one-sector tariff model.</summary>
public sealed record TariffEquilibriumResult(
    OneSectorBaseline Baseline,
    PairMatrix Tariffs,
    TariffModelParameters Parameters,
    IReadOnlyList<CountryOutcome> Outcomes,
    IReadOnlyList<CountryChanges> Changes,
    GlobalOutcome Global,
    SolveDiagnostics Diagnostics)
{
    /// <summary>The outcome row for a country code.</summary>
    public CountryOutcome For(string iso3) => Outcomes[Baseline.Countries.Require(iso3)];
}
