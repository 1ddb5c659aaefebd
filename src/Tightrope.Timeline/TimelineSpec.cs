using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

namespace Tightrope.Timeline;

/// <summary>A rate that holds over a period: from <see cref="From"/> (inclusive) to <see cref="Until"/> (exclusive, open when null).</summary>
/// <param name="From">First day the rate applies.</param>
/// <param name="Until">First day it no longer applies, or null.</param>
/// <param name="Rate">Ad-valorem rate, fraction.</param>
/// <param name="Source">Where the rate and the dates come from.</param>
public sealed record DatedRate(DateOnly From, DateOnly? Until, double Rate, string Source)
{
    /// <summary>True when the rate applies on <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) => date >= From && (Until is null || date < Until);
}

/// <summary>
/// A tariff outside the tracker entering both paths from its effective date: <see cref="Importer"/> levies
/// the rate of <see cref="When"/> on goods from each of <see cref="Exporters"/> (Mexico's duties on Chinese goods, retaliation).
/// </summary>
/// <param name="Importer">ISO3 of the economy levying it.</param>
/// <param name="Exporters">ISO3 codes of the economies whose goods it taxes.</param>
/// <param name="When">Rate and period, with its source.</param>
/// <param name="Label">Short name for reports.</param>
public sealed record TimelineMeasure(string Importer, IReadOnlyList<string> Exporters, DatedRate When, string Label);

/// <summary>Everything a timeline run needs besides the data: the rules, the judgement inputs and the model settings.</summary>
public sealed record TimelineSpec
{
    /// <summary>The Trade War Tracker's share of Mexican exports that qualify for USMCA treatment (25% × 18% = 4.5%).</summary>
    public const double DefaultComplianceShare = 0.82;

    /// <summary>Days either side of a postponement within which a concession counts as given around it.</summary>
    public const int DefaultConcessionWindowDays = 45;

    /// <summary>
    /// The US tariff on economies the tracker omits: the 10% universal reciprocal rate from 5 April 2025 until the
    /// Supreme Court's IEEPA ruling of 20 February 2026, then the 10% Section 122 surcharge from 24 February 2026.
    /// </summary>
    public static IReadOnlyList<DatedRate> DefaultOmittedEconomies { get; } =
    [
        new(new DateOnly(2025, 4, 5), new DateOnly(2026, 2, 20), 0.10,
            "Executive Order 14257 (2 Apr 2025): 10% on every trading partner from 5 April 2025; events.csv 2025-04-05; the 10% floor of data/bilateral-2023/us_tariffs_2025.csv; ended by the IEEPA ruling, events.csv 2026-02-20"),
        new(new DateOnly(2026, 2, 24), null, 0.10,
            "Section 122 surcharge of 10% on imports from 24 Feb 2026, events.csv 2026-02-24; kept after its 23 July 2026 limit because the tracker keeps its partners' rates after that date (country-by-time.csv 2026-07-24 … 2026-08-19)"),
    ];

    /// <summary>Share s of Mexico's exports to the US that qualify for USMCA treatment, in [0, 1].</summary>
    public double ComplianceShare { get; init; } = DefaultComplianceShare;

    /// <summary>Rates for the economies the tracker omits; no rule covering a date means 0 there.</summary>
    public IReadOnlyList<DatedRate> OmittedEconomies { get; init; } = DefaultOmittedEconomies;

    /// <summary>Tariffs outside the tracker that enter both paths (none by default).</summary>
    public IReadOnlyList<TimelineMeasure> Measures { get; init; } = [];

    /// <summary>Concessions within this many days of a postponement are listed with it (the nearest postponement wins).</summary>
    public int ConcessionWindowDays { get; init; } = DefaultConcessionWindowDays;

    /// <summary>Economies printed and written by default.</summary>
    public IReadOnlyList<string> Focus { get; init; } = ["MEX", "USA", "CAN", "CHN"];

    /// <summary>Tariff-model parameters (the paper's defaults).</summary>
    public TariffModelParameters Parameters { get; init; } = TariffModelParameters.Default;

    /// <summary>
    /// Solver settings of the timeline: the model's defaults with a residual of 1e-13 and a last step of 1e-11. A solve
    /// warm-started from the previous date stops at a different point inside the default tolerance than one started
    /// from ones; the deficit change of economies with a near-zero baseline deficit amplifies that gap to 5e-9 pp.
    /// One more iteration brings every outcome within 1e-9 of a cold solve.
    /// </summary>
    public static SolverOptions DefaultSolverOptions { get; } = TariffModel.DefaultSolverOptions with { ResidualTolerance = 1e-13, StepTolerance = 1e-11 };

    /// <summary>Newton solver settings for every solve of the run.</summary>
    public SolverOptions SolverOptions { get; init; } = DefaultSolverOptions;

    /// <summary>The default run, identical to the shipped scenario usmx-timeline-2025-26.</summary>
    public static TimelineSpec Default { get; } = new();

    /// <summary>Checks ranges; throws <see cref="ArgumentException"/> naming the field.</summary>
    public void Validate()
    {
        if (!(ComplianceShare >= 0 && ComplianceShare <= 1))
        {
            throw new ArgumentException($"complianceShare must lie in [0, 1], got {ComplianceShare}.");
        }

        if (ConcessionWindowDays < 0)
        {
            throw new ArgumentException($"concessionWindowDays must be ≥ 0, got {ConcessionWindowDays}.");
        }

        foreach (var r in OmittedEconomies.Concat(Measures.Select(m => m.When)))
        {
            if (r.Rate is < 0 or > TrackerReader.MaxRate)
            {
                throw new ArgumentException($"rate {r.Rate} from {r.From:yyyy-MM-dd} is outside [0, {TrackerReader.MaxRate}]; rates are fractions.");
            }

            if (r.Until is { } u && u <= r.From)
            {
                throw new ArgumentException($"rate from {r.From:yyyy-MM-dd} ends on {u:yyyy-MM-dd}, not after it starts.");
            }
        }

        Parameters.Validate();
    }
}
