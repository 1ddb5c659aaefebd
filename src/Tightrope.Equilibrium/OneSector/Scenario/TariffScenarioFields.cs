using System.Globalization;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>The body fields of a <c>tariffs-one-sector</c> scenario.</summary>
public static class TariffScenarioFields
{
    /// <summary>Fields of one rule of the <c>tariffs</c> list (shared with the Caliendo–Parro rules, which add sectors).</summary>
    public static IReadOnlyList<ScenarioField> CountrySelectors { get; } =
    [
        new("importers", FieldKind.TextOrList, "Countries levying the tariff: ISO3 codes, \"*\" for all, a group (@EU25, @EU27, @USMCA), \"-ISO\" to leave one out"),
        new("importer", FieldKind.TextOrList, "Same as importers (singular spelling)"),
        new("exporters", FieldKind.TextOrList, "Countries whose goods are taxed; same forms as importers"),
        new("exporter", FieldKind.TextOrList, "Same as exporters (singular spelling)"),
    ];

    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("recycling", FieldKind.Text, "What the tariff revenue pays for") { Default = "income-tax-relief", Choices = ["income-tax-relief", "lump-sum"] },
        new("parameters", FieldKind.Object, "Model elasticities")
        {
            Fields =
            [
                new("tradeElasticity", FieldKind.Number, "Trade elasticity ε") { Default = "4" },
                new("laborSupplyElasticity", FieldKind.Number, "Labour-supply elasticity κ") { Default = "0.5" },
                new("scaleElasticity", FieldKind.Number, "Scale elasticity ψ") { Default = "0.1675 (0.67/4)" },
                new("theta", FieldKind.Number, "Fréchet shape θ of the employment margin") { Default = "5.97 (4/0.67)" },
                new("passThrough", FieldKind.Number, "Tariff pass-through φ̃ to import prices, in (0, 1]") { Default = "1" },
            ],
        },
        new("costShares", FieldKind.Text, "Destination cost shares ν: calibrated to the data, or the Eaton–Kortum special case") { Default = "calibrated", Choices = ["calibrated", "eaton-kortum"] },
        new("transfers", FieldKind.Text, "Trade imbalances: held at the data, or balanced with the United States") { Default = "fixed", Choices = ["fixed", "balanced-with-usa"] },
        new("variant", FieldKind.Text, "Model variant: one sector, or with input–output links") { Default = "baseline", Choices = ["baseline", "input-output"] },
        new("valueAddedShare", FieldKind.Number, "Value-added share of gross output (input-output variant only)") { Default = TariffModel.DefaultValueAddedShare.ToString(CultureInfo.InvariantCulture) },
        new("averageWeights", FieldKind.Text, "Weights of the group averages in summary.csv") { Default = "expenditure", Choices = ["expenditure", "gdp"] },
        new("tariffs", FieldKind.ObjectList, "Tariff rules, applied in order; later rules override earlier ones; a country never taxes itself")
        {
            Required = true,
            Fields =
            [
                .. CountrySelectors,
                new("rate", FieldKind.Number, "Tariff as a fraction (0.25 = 25%); give rate or schedule"),
                new("schedule", FieldKind.Text, "Named schedule instead of a rate") { Choices = [.. TariffRules.Schedules.Keys] },
                new("floor", FieldKind.Number, "Lowest rate of the ustr-2025 schedules") { Default = LiberationDaySchedule.DefaultFloor.ToString(CultureInfo.InvariantCulture) },
            ],
        },
    ];
}
