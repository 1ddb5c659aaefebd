using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>The body fields of a <c>caliendo-parro</c> scenario.</summary>
public static class CpScenarioFields
{
    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("source", FieldKind.Text, "Which data to read: the 1993 files (the authors' original files or the tidy tables) or the 2014 WIOD data (44 economies × 16 sectors, no input–output coefficients)") { Default = "original", Choices = ["original", "tidy", "wiod-2014"] },
        new("deficits", FieldKind.Text, "Trade deficits: zero in both runs, or held at the data") { Default = "zero", Choices = ["zero", "data"] },
        new("reference", FieldKind.Text, "Tariffs of the reference run (1993 or nafta-2005 on the 1993 files, 2014 on the 2014 data)") { Default = "1993 (2014 on the 2014 data)", Choices = [.. CpTariffRules.References, .. CpTariffRules.References2014] },
        new("input_output", FieldKind.Text, "data keeps the authors' input–output coefficients; none sets every value-added share to 1 (the only choice on the 2014 data)") { Default = "data (none on the 2014 data)", Choices = ["data", "none"] },
        new("tariffs", FieldKind.ObjectList, "Rules applied in order on top of the reference to give the counterfactual")
        {
            Required = true,
            Fields =
            [
                .. TariffScenarioFields.CountrySelectors,
                new("sectors", FieldKind.TextOrList, "Sector codes, or \"*\" for every tradable sector") { Required = true },
                new("rate", FieldKind.Number, "Tariff as a fraction (0.25 = 25%); give exactly one of rate, schedule, add, add_schedule"),
                new("schedule", FieldKind.Text, "The data's tariffs of that year instead of a rate (1993 or 2005 on the 1993 files, 2014 on the 2014 data)") { Choices = ["1993", "2005", "2014"] },
                new("add", FieldKind.Number, "2014 data: a fraction added to the rate in force (e.g. Section 232 duties on top of the ordinary rate)"),
                new("add_schedule", FieldKind.Text, "2014 data: the Trade War Tracker's 2025 US increases by HS chapter, aggregated to sectors with 2024 import weights (importer USA; exporters MEX, CAN, CHN)") { Choices = [.. CpTariffRules.AddSchedules] },
            ],
        },
    ];
}
