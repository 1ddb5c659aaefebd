using Tightrope.Scenarios;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Linkage.Scenarios;

/// <summary>The body fields of a <c>tightrope-linkage</c> scenario (meanings as in docs/tightrope.md).</summary>
public static class LinkageScenarioFields
{
    /// <summary>Fields of one anchor of an issue-scale ↔ instrument map (<c>mappings.T</c>, <c>mappings.C</c>).</summary>
    public static IReadOnlyList<ScenarioField> Anchor { get; } =
    [
        new("position", FieldKind.Number, "Position on the 0–100 issue scale; positions increase along the list") { Required = true },
        new("value", FieldKind.Number, "Instrument at that position, a tariff as a fraction (0.25 = 25%) in [0, 10]; values monotone along the list") { Required = true },
        new("meaning", FieldKind.Text, "What the position stands for") { Default = "empty" },
        new("source", FieldKind.Text, "Where the anchor comes from") { Required = true },
    ];

    /// <summary>Every body field.</summary>
    public static IReadOnlyList<ScenarioField> All { get; } =
    [
        new("background", FieldKind.Text, "Tariffs not under negotiation: none (all other tariffs zero) or the imls-case1 US schedule on every origin other than Mexico") { Default = "ustr-2025", Choices = ["none", "ustr-2025"] },
        .. TariffScenarioFields.All.Where(f => f.Name is "recycling" or "parameters" or "costShares"),
        new("compliance", FieldKind.Number, "USMCA compliance share s in [0, 1): a rate on non-USMCA goods enters as (1 − s) × rate") { Default = "0.82" },
        new("statusQuo", FieldKind.Object, "The status-quo instruments, tariffs as fractions in [0, 10]")
        {
            Default = "all 0",
            Fields =
            [
                new("tau", FieldKind.Number, "τ_q: effective US tariff on Mexican goods") { Default = "0" },
                new("r", FieldKind.Number, "r_q: Mexico's tariff on US goods") { Default = "0" },
                new("kappa", FieldKind.Number, "κ_q: Mexico's tariff on Chinese goods") { Default = "0" },
            ],
        },
        new("threat", FieldKind.Object, "The announced US threat on Mexico; carried out, it must not lie below the status quo")
        {
            Required = true,
            Fields =
            [
                new("rate", FieldKind.Number, "Threatened US tariff as a fraction (0.25 = 25%) in [0, 10]") { Required = true },
                new("coverage", FieldKind.Text, "Goods it covers; non-usmca applies (1 − s) × rate") { Default = "all-goods", Choices = ["all-goods", "non-usmca"] },
            ],
        },
        new("conflictExpectation", FieldKind.Number, "B in [0, 1]: the scenario's conflict expectation; each side weighs the other's gains by 1 − B (1 = ally)") { Default = "0.75" },
        new("stakeholders", FieldKind.Text, "Bargaining scenario holding the stakeholder set (actors with bloc, capabilities, positions, saliences)") { Default = "usmx-bargaining" },
        new("bargaining", FieldKind.Object, "The linked package bargain")
        {
            Fields =
            [
                new("alpha", FieldKind.Number, "US bargaining power α in (0, 1)") { Default = "US share of capability × salience on issue T" },
                new("rho", FieldKind.Number, "Curvature ρ ≥ 1 of Mexico's cost of concessions") { Default = "2" },
                new("kappaMax", FieldKind.Number, "Upper end of κ (fraction, ≥ κ_q); above κ_q puts China policy in the package") { Default = "κ_q" },
                new("concessions", FieldKind.TextOrList, "Concession issues (ids of the stakeholder set)") { Default = "S, M" },
            ],
        },
        new("premium", FieldKind.Object, "The US political premium ω on concessions")
        {
            Default = "fixed, ω = 1",
            Fields =
            [
                new("mode", FieldKind.Text, "fixed: ω as given; revealed: the smallest ω at which the observed package leaves the US at least as well off as the threat") { Default = "fixed", Choices = ["fixed", "revealed"] },
                new("omega", FieldKind.Number, "ω ≥ 0 when fixed") { Default = "1" },
                new("observed", FieldKind.ObjectList, "The observed package, for revealed")
                {
                    Default = "S 25 → 50, M 50 → 75",
                    Fields =
                    [
                        new("issue", FieldKind.Text, "Issue id") { Required = true },
                        new("from", FieldKind.Number, "Position before, on the 0–100 scale") { Required = true },
                        new("to", FieldKind.Number, "Position after, on the 0–100 scale") { Required = true },
                        new("source", FieldKind.Text, "Where the observation comes from"),
                    ],
                },
            ],
        },
        new("calibration", FieldKind.Object, "Values set directly instead of calibrated, keyed by issue id")
        {
            Default = "calibrated",
            Fields =
            [
                new("v", FieldKind.Map, "v_k ≥ 0: US value of a concession, USD bn per scale point"),
                new("phi", FieldKind.Map, "φ_k ≥ 0: Mexico's cost of a concession, USD bn per scale point"),
                new("usPosition", FieldKind.Map, "p_k: US bloc position on the 0–100 scale"),
                new("statusQuoPosition", FieldKind.Map, "q_k (and q_T for the tariff issue): status-quo position on the 0–100 scale"),
            ],
        },
        new("mappings", FieldKind.Object, "Issue scales ↔ instruments (spec §6)")
        {
            Default = "spec §6 tables",
            Fields =
            [
                new("T", FieldKind.ObjectList, "Anchors mapping issue T to τ") { Default = "0 → 25%, 25 and 50 → 4.5%, 75 → 3.8%, 100 → 0", Fields = Anchor },
                new("C", FieldKind.ObjectList, "Anchors mapping issue C to κ") { Default = "0 → 0, 65 → 0.5 × covered share, 100 → 0.5", Fields = Anchor },
                new("chinaCoveredShare", FieldKind.Number, "Share in [0, 1] of China's exports to Mexico in the lines Mexico raised to 50% (an analyst judgement, not measured)") { Default = "0.3" },
                new("chinaCoveredShareSource", FieldKind.Text, "Where chinaCoveredShare comes from") { Default = "analyst judgement" },
            ],
        },
        new("agreement", FieldKind.Object, "Issue U (the USMCA review) in the package, priced by a structural-gravity scenario")
        {
            Default = "absent",
            Fields =
            [
                new("scenario", FieldKind.Text, "Structural-gravity scenario valuing the agreement") { Default = "usmx-usmca-ends" },
                new("threatPosition", FieldKind.Number, "Issue U position if the threat is carried out (0–100, ≤ statusQuoPosition)") { Default = "0" },
                new("statusQuoPosition", FieldKind.Number, "Issue U position at the status quo (0–100)") { Default = "100" },
            ],
        },
        new("surface", FieldKind.Object, "The payoff-surface grid")
        {
            Fields =
            [
                new("tauStep", FieldKind.Number, "Step of the τ grid, in (0, 1]") { Default = "0.025" },
                new("kappaPoints", FieldKind.Integer, "Number of κ values when κ is negotiated (≥ 2)") { Default = "5" },
            ],
        },
        new("tariffWar", FieldKind.Boolean, "Compute the tariff war (iterated best responses)") { Default = "true" },
    ];
}
