using Tightrope.Bargaining;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Bargaining.Sensitivity;

namespace Tightrope.Scenarios.Bargaining;

/// <summary>Everything a bargaining run needs: the stakeholder set, the model and its options, and an optional sensitivity analysis.</summary>
/// <param name="Title">Headline of the report.</param>
/// <param name="Set">Stakeholder set.</param>
/// <param name="Model">Model to run.</param>
/// <param name="Bdm">Expected-utility options.</param>
/// <param name="Exchange">Exchange-model options.</param>
/// <param name="Sensitivity">Sensitivity analysis to run, if any.</param>
/// <param name="Sources">Sources cited by the scenario (empty for a bare CSV).</param>
public sealed record BargainingSetup(
    string Title,
    StakeholderSet Set,
    BargainingModelKind Model,
    BdmOptions Bdm,
    ExchangeOptions Exchange,
    SensitivityOptions? Sensitivity,
    IReadOnlyList<ScenarioSource> Sources)
{
    /// <summary>What points of each issue's position scale mean, by issue id (from the scenario's <c>anchors</c>), in scale order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScaleAnchor>> Anchors { get; init; } = new Dictionary<string, IReadOnlyList<ScaleAnchor>>();

    /// <summary>
    /// The stopping rule for the forecast (the round count is then the minimum number of rounds), or null for R1's fixed
    /// round count. Scenarios use the rule unless <c>bargaining.roundMode</c> is <c>fixed</c>; a bare CSV runs R1's fixed mode.
    /// </summary>
    public StoppingRuleOptions? Stopping { get; init; }

    /// <summary>A setup for a bare stakeholder CSV (any layout <see cref="StakeholderCsv"/> reads): expected-utility model, 10 rounds.</summary>
    public static BargainingSetup FromCsv(string path)
    {
        var set = StakeholderCsv.Load(path);
        return new BargainingSetup(Path.GetFileName(path), set, BargainingModelKind.Bdm, new BdmOptions(), new ExchangeOptions(), null, []);
    }

    /// <summary>Reads a scenario whose model is <c>bargaining</c> and loads its stakeholder set; errors name the file and field.</summary>
    public static BargainingSetup FromScenario(ScenarioDocument scenario, RunOptions options)
    {
        var spec = BargainingSpec.Parse(scenario);
        return BargainingSession.Load(spec, options).Setup(spec);
    }
}

/// <summary>What one point of an issue's position scale means, e.g. 0 = "broad new US tariffs …".</summary>
/// <param name="At">Where the anchor sits on the scale (the first number of <paramref name="Label"/>).</param>
/// <param name="Label">The point as written, e.g. "75–80".</param>
/// <param name="Meaning">The outcome at that point.</param>
public sealed record ScaleAnchor(double At, string Label, string Meaning);
