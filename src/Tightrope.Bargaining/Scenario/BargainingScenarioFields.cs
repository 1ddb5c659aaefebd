namespace Tightrope.Scenarios.Bargaining;

/// <summary>The body fields of a <c>bargaining</c> scenario.</summary>
public static class BargainingScenarioFields
{
    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("bargaining", FieldKind.Object, "Model settings")
        {
            Fields =
            [
                new("model", FieldKind.Text, "Expected utility (Bueno de Mesquita) or equal-gain exchange") { Default = "bdm", Choices = ["bdm", "exchange"] },
                new("rounds", FieldKind.Integer, "Number of rounds (with the stopping rule: the minimum number)") { Default = "10" },
                new("roundMode", FieldKind.Text, "stopping-rule: run at least rounds rounds, then until the positions converge or cycle (a cycle is reported with its points and weighted mean); fixed: forecast after exactly rounds rounds (R1)") { Default = "stopping-rule", Choices = ["stopping-rule", "fixed"] },
                new("capitulation", FieldKind.Text, "Expected-utility capitulation test: as in the reference code, or corrected") { Default = "r1", Choices = ["r1", "corrected"] },
                new("stopWhenNoMoves", FieldKind.Boolean, "Stop early when a round changes nothing") { Default = "false" },
            ],
        },
        new("sensitivity", FieldKind.Object, "Sensitivity analysis over perturbed capabilities and saliences (absent: none)")
        {
            Fields =
            [
                new("runs", FieldKind.Integer, "Number of perturbed runs") { Default = "1000" },
                new("spread", FieldKind.Number, "Relative spread of the perturbations, in [0, 1)") { Default = "0.2" },
                new("seed", FieldKind.Integer, "Random seed") { Default = "1" },
                new("models", FieldKind.TextOrList, "Models run on each perturbation") { Default = "bdm, exchange", Choices = ["bdm", "exchange"] },
            ],
        },
        new("salienceScale", FieldKind.Number, "Scale of the saliences: 1 (0–1) or 100 (0–100)") { Default = "1" },
        new("capabilityRules", FieldKind.Object, "Effective capability per issue = baseCapability × lambda[locus][bloc]")
        {
            Fields =
            [
                new("lambda", FieldKind.Map, "Multipliers by decision locus, then by bloc"),
                new("rule", FieldKind.Note, "The rule in words"),
                new("why", FieldKind.Note, "Justification"),
                new("sources", FieldKind.Note, "Citations"),
            ],
        },
        new("actors", FieldKind.ObjectList, "Stakeholders (when not given as a data file)")
        {
            Fields =
            [
                new("id", FieldKind.Text, "Short identifier used in stakes") { Required = true },
                new("name", FieldKind.Text, "Full name"),
                new("bloc", FieldKind.Text, "Bloc for the capability rules (US, MX, …)"),
                new("baseCapability", FieldKind.Number, "Capability before the decision-locus multiplier"),
                new("why", FieldKind.Note, "Justification with seed citation"),
            ],
        },
        new("issues", FieldKind.ObjectList, "Issues on the table (when not given as a data file)")
        {
            Fields =
            [
                new("id", FieldKind.Text, "Short identifier") { Required = true },
                new("name", FieldKind.Text, "What the issue is"),
                new("lower", FieldKind.Number, "Lowest point of the position scale") { Default = "the lowest position" },
                new("upper", FieldKind.Number, "Highest point of the position scale") { Default = "the highest position" },
                new("locus", FieldKind.Text, "Decision locus: a row of capabilityRules.lambda"),
                new("anchors", FieldKind.ObjectList, "What points of the position scale mean")
                {
                    Fields =
                    [
                        new("at", FieldKind.Text, "Scale point, e.g. \"0\"") { Required = true },
                        new("meaning", FieldKind.Text, "The outcome at that point") { Required = true },
                    ],
                },
                new("notes", FieldKind.Note, "Free-form notes"),
                new("stakes", FieldKind.ObjectList, "Each actor's stake in the issue")
                {
                    Fields =
                    [
                        new("actor", FieldKind.Text, "Actor id") { Required = true },
                        new("position", FieldKind.Number, "Preferred outcome on the issue's scale") { Required = true },
                        new("salience", FieldKind.Number, "How much the issue matters to the actor, on salienceScale") { Required = true },
                        new("capability", FieldKind.Number, "Capability on this issue (overrides the capability rule)"),
                        new("positionWhy", FieldKind.Note, "Justification of the position"),
                        new("salienceWhy", FieldKind.Note, "Justification of the salience"),
                    ],
                },
            ],
        },
        new("leftOut", FieldKind.Note, "Actors or issues deliberately left out, and why"),
        new("caveats", FieldKind.Note, "Caveats for readers"),
    ];
}
