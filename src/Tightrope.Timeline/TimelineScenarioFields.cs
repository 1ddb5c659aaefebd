using System.Globalization;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Timeline;

/// <summary>The body fields of a <c>tariff-timeline</c> scenario.</summary>
public static class TimelineScenarioFields
{
    /// <summary>Fields of one dated rate (an item of <c>omittedEconomies</c>; measures add who levies it on whom).</summary>
    public static IReadOnlyList<ScenarioField> DatedRate { get; } =
    [
        new("from", FieldKind.Text, "First day the rate applies, YYYY-MM-DD") { Required = true },
        new("until", FieldKind.Text, "First day it no longer applies, YYYY-MM-DD (after from)") { Default = "open-ended" },
        new("rate", FieldKind.Number, $"Ad-valorem rate as a fraction (0.10 = 10%), in [0, {TrackerReader.MaxRate.ToString(CultureInfo.InvariantCulture)}]") { Required = true },
        new("source", FieldKind.Text, "Where the rate and the dates come from (not empty)") { Required = true },
    ];

    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("tracker", FieldKind.Text, "Tracker file (effective additional US tariff by partner and date), relative to the data root") { Default = TimelineSetup.DefaultTracker },
        new("events", FieldKind.Text, "Events file (threats, postponements, impositions, concessions), relative to the data root") { Default = TimelineSetup.DefaultEvents },
        new("complianceShare", FieldKind.Number, "Share s of Mexico's exports to the US that qualify for USMCA treatment, in [0, 1]; a threat on non-USMCA goods enters at (1 − s) × its rate") { Default = TimelineSpec.DefaultComplianceShare.ToString(CultureInfo.InvariantCulture) },
        new("concessionWindowDays", FieldKind.Integer, "Concessions within this many days of a postponement are listed with the nearest one (≥ 0)") { Default = TimelineSpec.DefaultConcessionWindowDays.ToString(CultureInfo.InvariantCulture) },
        new("focus", FieldKind.TextOrList, "ISO3 codes printed and written to timeline.csv (at least one)") { Default = string.Join(", ", TimelineSpec.Default.Focus) },
        new("omittedEconomies", FieldKind.ObjectList, "US rates on the economies the tracker omits; no rule covering a date means 0 there")
        {
            Default = "10% from 2025-04-05 to 2026-02-19 and from 2026-02-24",
            Fields = DatedRate,
        },
        new("measures", FieldKind.ObjectList, "Tariffs outside the tracker entering both paths from their dates (Mexico's duties on China, retaliation)")
        {
            Default = "none",
            Fields =
            [
                new("label", FieldKind.Text, "Short name for reports") { Required = true },
                new("importer", FieldKind.Text, "ISO3 of the economy levying the tariff") { Required = true },
                new("exporters", FieldKind.TextOrList, "ISO3 codes of the economies whose goods it taxes (at least one)") { Required = true },
                .. DatedRate,
            ],
        },
        .. TariffScenarioFields.All.Where(f => f.Name is "recycling" or "parameters" or "costShares"),
    ];
}
