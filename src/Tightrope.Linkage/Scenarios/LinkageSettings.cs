using System.Text.Json;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Linkage.Scenarios;

/// <summary>Which tariffs stand behind the negotiated ones.</summary>
public enum BackgroundKind
{
    /// <summary>Every tariff zero except the instruments.</summary>
    None,

    /// <summary>The imls-case1 US schedule (max(10%, announced rate)) on every origin other than Mexico.</summary>
    Ustr2025,
}

/// <summary>The USMCA review dimension as a scenario sets it: priced by a structural-gravity scenario.</summary>
/// <param name="Scenario">Name of the structural-gravity scenario (usmx-usmca-ends).</param>
/// <param name="ThreatPosition">Issue U position if the threat is carried out (0 = the US declines to extend).</param>
/// <param name="StatusQuoPosition">Issue U position at the status quo (100 = clean extension).</param>
public sealed record AgreementSettings(string Scenario, double ThreatPosition, double StatusQuoPosition);

/// <summary>Every setting of a <c>tightrope-linkage</c> scenario, validated.</summary>
public sealed record LinkageSettings
{
    /// <summary>Tariff-model parameters.</summary>
    public required TariffModelParameters Parameters { get; init; }

    /// <summary>Baseline options.</summary>
    public required BaselineOptions Baseline { get; init; }

    /// <summary>Background schedule.</summary>
    public BackgroundKind Background { get; init; } = BackgroundKind.Ustr2025;

    /// <summary>USMCA compliance share s (effective rate = (1 − s) × rate on non-USMCA goods).</summary>
    public double Compliance { get; init; } = 0.82;

    /// <summary>Threat and status quo.</summary>
    public required ThreatSpec Threat { get; init; }

    /// <summary>The threat as announced (rate and coverage), for the report.</summary>
    public string ThreatDescription { get; init; } = "";

    /// <summary>The scenario's own conflict expectation B.</summary>
    public double ConflictExpectation { get; init; } = 0.75;

    /// <summary>Stakeholder scenario for saliences and bargaining power.</summary>
    public string Stakeholders { get; init; } = "usmx-bargaining";

    /// <summary>Concession issues in the package.</summary>
    public IReadOnlyList<string> Concessions { get; init; } = ["S", "M"];

    /// <summary>α, or null for the capability × salience share on issue T.</summary>
    public double? Alpha { get; init; }

    /// <summary>ρ.</summary>
    public double Rho { get; init; } = 2;

    /// <summary>κ_max (κ_q when China policy is not offered).</summary>
    public double? KappaMax { get; init; }

    /// <summary>ω mode.</summary>
    public PremiumMode PremiumMode { get; init; } = PremiumMode.Fixed;

    /// <summary>ω when fixed.</summary>
    public double Omega { get; init; } = 1;

    /// <summary>Observed 2025 package for the revealed premium.</summary>
    public IReadOnlyList<ObservedConcession> Observed { get; init; } = [new("S", 25, 50), new("M", 50, 75)];

    /// <summary>Directly set v_k (USD bn per point), overriding the calibration.</summary>
    public IReadOnlyDictionary<string, double> ValueOverrides { get; init; } = new Dictionary<string, double>();

    /// <summary>Directly set φ_k.</summary>
    public IReadOnlyDictionary<string, double> CostOverrides { get; init; } = new Dictionary<string, double>();

    /// <summary>Directly set US bloc positions p_k.</summary>
    public IReadOnlyDictionary<string, double> UsPositionOverrides { get; init; } = new Dictionary<string, double>();

    /// <summary>Status-quo positions q_k of the concession issues (default: the stakeholder set's status quo).</summary>
    public IReadOnlyDictionary<string, double> StatusQuoPositions { get; init; } = new Dictionary<string, double>();

    /// <summary>q_T, or null for the highest position mapped to τ_q.</summary>
    public double? TariffStatusQuoPosition { get; init; }

    /// <summary>Map of issue T to τ.</summary>
    public required IssueMapping TariffMap { get; init; }

    /// <summary>Map of issue C to κ.</summary>
    public required IssueMapping ChinaMap { get; init; }

    /// <summary>Issue U, if the review is in the package.</summary>
    public AgreementSettings? Agreement { get; init; }

    /// <summary>Step of the τ grid of the payoff surface.</summary>
    public double SurfaceTauStep { get; init; } = 0.025;

    /// <summary>Number of κ values on the payoff surface when κ is negotiated.</summary>
    public int SurfaceKappaPoints { get; init; } = 5;

    /// <summary>Whether to compute the tariff war (iterated best responses).</summary>
    public bool TariffWar { get; init; } = true;

    /// <summary>Status-quo positions of the stakeholder set (usmx-issue-set.md): S 50, M 75, C 65, U 50.</summary>
    public static IReadOnlyDictionary<string, double> DefaultStatusQuo { get; } = new Dictionary<string, double> { ["S"] = 50, ["M"] = 75, ["C"] = 65, ["U"] = 50, ["T"] = 50, ["K"] = 77.5 };
}

/// <summary>
/// Reads the body of a <c>tightrope-linkage</c> scenario and checks its values (ranges, monotone anchors, the threat
/// against the status quo); field names and types are checked by the registry against <see cref="LinkageScenarioFields.All"/>.
/// Every error names the field.
/// </summary>
public static class LinkageSettingsReader
{
    /// <summary>Reads the settings.</summary>
    public static LinkageSettings Read(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var (parameters, baseline) = OneSectorTariffScenarioModel.ReadSettings(scenario);
        var background = (body.OptionalString("background") ?? "ustr-2025") switch
        {
            "none" => BackgroundKind.None,
            "ustr-2025" => BackgroundKind.Ustr2025,
            var other => throw body.Error("background", $"'{other}' is not one of none, ustr-2025."),
        };
        var compliance = body.Number("compliance", 0.82);
        if (!(compliance >= 0 && compliance < 1))
        {
            throw body.Error("compliance", $"must lie in [0, 1), found {compliance}.");
        }

        var sq = body.Object("statusQuo");
        var statusQuo = new Instruments(Rate(sq, "tau", 0), Rate(sq, "r", 0), Rate(sq, "kappa", 0));
        var threatReader = body.Object("threat");
        if (!body.Has("threat"))
        {
            throw body.Error("threat", "is missing; expected {\"rate\": 0.25, \"coverage\": \"all-goods\"}.");
        }

        var rate = Rate(threatReader, "rate", double.NaN);
        var coverage = threatReader.OptionalString("coverage") ?? "all-goods";
        var tauBar = coverage switch
        {
            "all-goods" => rate,
            "non-usmca" => (1 - compliance) * rate,
            _ => throw threatReader.Error("coverage", $"'{coverage}' is not one of all-goods, non-usmca."),
        };
        var threat = new ThreatSpec(statusQuo, tauBar);
        Guard(body, () => threat.Validate());

        var b = body.Number("conflictExpectation", 0.75);
        Guard(body, () => Coercion.RequireConflictExpectation(b, "conflictExpectation"), "conflictExpectation");

        var bargaining = body.Object("bargaining");
        double? alpha = bargaining.Has("alpha") ? bargaining.RequiredNumber("alpha") : null;
        if (alpha is { } a && !(a > 0 && a < 1))
        {
            throw bargaining.Error("alpha", $"must lie in (0, 1), found {a}.");
        }

        var rho = bargaining.Number("rho", 2);
        if (!(rho >= 1))
        {
            throw bargaining.Error("rho", $"must be at least 1, found {rho}.");
        }

        double? kappaMax = bargaining.Has("kappaMax") ? Rate(bargaining, "kappaMax", 0) : null;
        if (kappaMax < statusQuo.Kappa)
        {
            throw bargaining.Error("kappaMax", $"{kappaMax} is below the status-quo κ = {statusQuo.Kappa}.");
        }

        var concessions = bargaining.Has("concessions") ? bargaining.StringOrList("concessions") : ["S", "M"];

        var premium = body.Object("premium");
        var mode = (premium.OptionalString("mode") ?? "fixed") switch
        {
            "fixed" => PremiumMode.Fixed,
            "revealed" => PremiumMode.Revealed,
            var other => throw premium.Error("mode", $"'{other}' is not one of fixed, revealed."),
        };
        var omega = premium.Number("omega", 1);
        if (!(omega >= 0))
        {
            throw premium.Error("omega", $"must be ≥ 0, found {omega}.");
        }

        var observed = new List<ObservedConcession>();
        foreach (var o in premium.Array("observed"))
        {
            observed.Add(new ObservedConcession(o.RequiredString("issue"), Position(o, "from"), Position(o, "to")));
        }

        var calibration = body.Object("calibration");
        var v = Numbers(calibration.Object("v"), nonNegative: true);
        var phi = Numbers(calibration.Object("phi"), nonNegative: true);
        var usPosition = Numbers(calibration.Object("usPosition"), position: true);
        var sqPositions = Numbers(calibration.Object("statusQuoPosition"), position: true);

        var mappings = body.Object("mappings");
        var share = mappings.Number("chinaCoveredShare", 0.3);
        if (!(share >= 0 && share <= 1))
        {
            throw mappings.Error("chinaCoveredShare", $"must lie in [0, 1], found {share}.");
        }

        var shareSource = mappings.OptionalString("chinaCoveredShareSource") ?? "analyst judgement";
        var tariffMap = mappings.Has("T") ? Anchors(mappings, "T") : IssueMapping.DefaultTariff(compliance);
        var chinaMap = mappings.Has("C") ? Anchors(mappings, "C") : IssueMapping.DefaultChina(share, shareSource);

        AgreementSettings? agreement = null;
        if (body.Has("agreement"))
        {
            var ag = body.Object("agreement");
            agreement = new AgreementSettings(ag.OptionalString("scenario") ?? "usmx-usmca-ends", Position(ag, "threatPosition", 0), Position(ag, "statusQuoPosition", 100));
            if (agreement.ThreatPosition > agreement.StatusQuoPosition)
            {
                throw ag.Error("threatPosition", $"{agreement.ThreatPosition} is above the status-quo position {agreement.StatusQuoPosition}; the threat is to weaken the agreement.");
            }
        }

        var surface = body.Object("surface");
        var tauStep = surface.Number("tauStep", 0.025);
        if (!(tauStep > 0 && tauStep <= 1))
        {
            throw surface.Error("tauStep", $"must lie in (0, 1], found {tauStep}.");
        }

        var kappaPoints = surface.Integer("kappaPoints", 5);
        if (kappaPoints < 2)
        {
            throw surface.Error("kappaPoints", $"must be at least 2, found {kappaPoints}.");
        }

        return new LinkageSettings
        {
            Parameters = parameters,
            Baseline = baseline,
            Background = background,
            Compliance = compliance,
            Threat = threat,
            ThreatDescription = $"{rate:P0} on {(coverage == "all-goods" ? "all Mexican goods" : "non-USMCA Mexican goods")} (effective {tauBar:P2})",
            ConflictExpectation = b,
            Stakeholders = body.OptionalString("stakeholders") ?? "usmx-bargaining",
            Concessions = concessions,
            Alpha = alpha,
            Rho = rho,
            KappaMax = kappaMax,
            PremiumMode = mode,
            Omega = omega,
            Observed = premium.Has("observed") ? observed : [new("S", 25, 50), new("M", 50, 75)],
            ValueOverrides = v,
            CostOverrides = phi,
            UsPositionOverrides = usPosition,
            StatusQuoPositions = sqPositions.Where(kv => kv.Key != "T").ToDictionary(),
            TariffStatusQuoPosition = sqPositions.TryGetValue("T", out var qT) ? qT : null,
            TariffMap = tariffMap,
            ChinaMap = chinaMap,
            Agreement = agreement,
            SurfaceTauStep = tauStep,
            SurfaceKappaPoints = kappaPoints,
            TariffWar = body.Boolean("tariffWar", true),
        };
    }

    private static double Rate(ScenarioReader r, string field, double fallback)
    {
        if (!r.Has(field) && double.IsNaN(fallback))
        {
            throw r.Error(field, "is missing; expected a tariff rate as a fraction (0.25 = 25%).");
        }

        var v = r.Number(field, fallback);
        return v >= 0 && v <= 10 ? v : throw r.Error(field, $"{v} is not a tariff rate: rates are fractions in [0, 10] (0.25 = 25%).");
    }

    private static double Position(ScenarioReader r, string field, double? fallback = null)
    {
        var v = fallback is { } f ? r.Number(field, f) : r.RequiredNumber(field);
        return v >= 0 && v <= 100 ? v : throw r.Error(field, $"{v} is not a position on the 0–100 issue scale.");
    }

    private static Dictionary<string, double> Numbers(ScenarioReader r, bool nonNegative = false, bool position = false)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (r.Element.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var p in r.Element.EnumerateObject())
        {
            var v = r.RequiredNumber(p.Name);
            if (nonNegative && v < 0)
            {
                throw r.Error(p.Name, $"must be ≥ 0, found {v}.");
            }

            if (position && !(v >= 0 && v <= 100))
            {
                throw r.Error(p.Name, $"{v} is not a position on the 0–100 issue scale.");
            }

            result[p.Name] = v;
        }

        return result;
    }

    private static IssueMapping Anchors(ScenarioReader mappings, string issue)
    {
        var anchors = new List<MappingAnchor>();
        foreach (var a in mappings.Array(issue))
        {
            anchors.Add(new MappingAnchor(Position(a, "position"), Rate(a, "value", double.NaN), a.OptionalString("meaning") ?? "", a.OptionalString("source") ?? throw a.Error("source", "is missing; every mapping anchor cites its source.")));
        }

        try
        {
            return new IssueMapping(issue, anchors, mappings.PathOf(issue));
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException(mappings.File, mappings.PathOf(issue), e.Message);
        }
    }

    private static void Guard(ScenarioReader body, Action check, string? field = null)
    {
        try
        {
            check();
        }
        catch (LinkageInputException e)
        {
            throw body.Error(field ?? e.Field, e.Problem);
        }
    }
}
