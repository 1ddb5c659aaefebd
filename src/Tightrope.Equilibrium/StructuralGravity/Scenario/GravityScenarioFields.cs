namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>The body fields of a <c>structural-gravity</c> scenario.</summary>
public static class GravityScenarioFields
{
    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("flow", FieldKind.Text, "Column of the data holding the trade flow") { Default = "trade" },
        new("aliases", FieldKind.Map, "Country codes renamed on reading, e.g. { \"ZZZ\": \"DEU\" }"),
        new("costs", FieldKind.Object, "How trade costs are estimated")
        {
            Required = true,
            Fields =
            [
                new("method", FieldKind.Text, "Two-stage panel PPML with pair effects, or one cross-section PPML") { Default = "two-stage-panel", Choices = ["two-stage-panel", "cross-section"] },
                new("years", FieldKind.NumberList, "Estimation years of the panel (whole years)"),
                new("baseYear", FieldKind.Integer, "Year of the baseline world"),
                new("agreement", FieldKind.Text, "Agreement dummy of the panel") { Default = "RTA" },
                new("fillCovariates", FieldKind.TextOrList, "Cross-section regressors filling pair costs the panel cannot identify"),
                new("regressors", FieldKind.TextOrList, "Cost regressors of the cross-section method"),
            ],
        },
        new("counterfactual", FieldKind.Object, "What the experiment switches off")
        {
            Fields =
            [
                new("removeAgreementAmong", FieldKind.TextOrList, "Countries among which the agreement effect is removed (panel method)"),
                new("removeTerms", FieldKind.TextOrList, "Regressors dropped from the costs (cross-section method)"),
                new("name", FieldKind.Text, "What is removed, in words, for titles: \"NAFTA\" gives \"effect of NAFTA (with vs without)\"") { Default = "the agreement and countries" },
            ],
        },
        new("reference", FieldKind.Text, "ISO3 code whose inward resistance is the numeraire") { Required = true },
        new("sigma", FieldKind.Number, "Elasticity of substitution σ > 1") { Required = true },
        new("convention", FieldKind.Text, "Sign of the indicators: effect of the baseline (with vs without) or of the counterfactual") { Default = "effect-of-baseline", Choices = ["effect-of-baseline", "effect-of-counterfactual"] },
        new("fullEndowment", FieldKind.Text, "Full-endowment solution: exact fixed point, or the book's iterative PPML procedure") { Default = "direct", Choices = ["direct", "iterative-ppml", "iterative-ppml-regression"] },
        new("draws", FieldKind.Integer, "Draws of the estimated coefficients for uncertainty bands (0: none)") { Default = "0" },
        new("seed", FieldKind.Integer, "Random seed of the draws") { Default = "1" },
    ];
}
