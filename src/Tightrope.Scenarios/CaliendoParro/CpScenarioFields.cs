using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>The body fields of a <c>caliendo-parro</c> scenario.</summary>
public static class CpScenarioFields
{
    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("source", FieldKind.Text, "Which copy of the 1993 data to read: the authors' original files or the tidy tables") { Default = "original", Choices = ["original", "tidy"] },
        new("deficits", FieldKind.Text, "Trade deficits: zero in both runs, or held at the data") { Default = "zero", Choices = ["zero", "data"] },
        new("reference", FieldKind.Text, "Tariffs of the reference run") { Default = "1993", Choices = [.. CpTariffRules.References] },
        new("tariffs", FieldKind.ObjectList, "Rules applied in order on top of the reference to give the counterfactual")
        {
            Required = true,
            Fields =
            [
                .. TariffScenarioFields.CountrySelectors,
                new("sectors", FieldKind.TextOrList, "Sector codes, or \"*\" for every tradable sector") { Required = true },
                new("rate", FieldKind.Number, "Tariff as a fraction (0.25 = 25%); give rate or schedule"),
                new("schedule", FieldKind.Text, "The data's tariffs of that year instead of a rate") { Choices = ["1993", "2005"] },
            ],
        },
    ];
}
