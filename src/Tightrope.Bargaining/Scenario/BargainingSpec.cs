using Tightrope.Bargaining;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Bargaining.Sensitivity;

namespace Tightrope.Scenarios.Bargaining;

/// <summary>Where a bargaining scenario's stakeholder set comes from: a data file, or actors and issues written in the scenario.</summary>
public abstract record BargainingStakeholders;

/// <summary>A stakeholder CSV under the data root (any layout <see cref="StakeholderCsv"/> reads), read when a session is loaded.</summary>
/// <param name="Scenario">Scenario file, for errors.</param>
/// <param name="DataPath">Path of the CSV as written in the scenario's <c>data</c> field (relative to the data root unless absolute).</param>
public sealed record StakeholderFile(string Scenario, string DataPath) : BargainingStakeholders
{
    /// <summary>Reads the CSV under <paramref name="dataRoot"/>; a malformed file is a <see cref="ScenarioException"/> naming the <c>data</c> field.</summary>
    public StakeholderSet Load(string dataRoot, RunOptions options)
    {
        var path = Path.Combine(dataRoot, DataPath);
        try
        {
            var set = StakeholderCsv.Load(path);
            options.RecordFile(path);
            return set;
        }
        catch (BargainingInputException e)
        {
            throw new ScenarioException(Scenario, "data", e.Message);
        }
    }
}

/// <summary>Actors, capability rules and issues written in the scenario itself, built into a set when parsed (no data read).</summary>
/// <param name="Set">The stakeholder set.</param>
public sealed record InlineStakeholders(StakeholderSet Set) : BargainingStakeholders;

/// <summary>
/// Everything a <c>bargaining</c> scenario says, parsed and checked without reading data: where the stakeholders come
/// from, the model and its options, the stopping rule, an optional sensitivity analysis, and what each issue's scale means.
/// </summary>
/// <param name="Title">Headline of the report.</param>
/// <param name="Stakeholders">Where the stakeholder set comes from.</param>
/// <param name="Model">Model to run.</param>
/// <param name="Bdm">Expected-utility options.</param>
/// <param name="Exchange">Exchange-model options.</param>
/// <param name="Sensitivity">Sensitivity analysis to run, if any.</param>
/// <param name="Sources">Sources cited by the scenario.</param>
public sealed record BargainingSpec(
    string Title,
    BargainingStakeholders Stakeholders,
    BargainingModelKind Model,
    BdmOptions Bdm,
    ExchangeOptions Exchange,
    SensitivityOptions? Sensitivity,
    IReadOnlyList<ScenarioSource> Sources)
{
    /// <summary>What points of each issue's position scale mean, by issue id, in scale order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScaleAnchor>> Anchors { get; init; } = new Dictionary<string, IReadOnlyList<ScaleAnchor>>();

    /// <summary>The stopping rule for the forecast (the round count is then the minimum), or null for R1's fixed round count.</summary>
    public StoppingRuleOptions? Stopping { get; init; }

    /// <summary>
    /// Checks the stakeholder CSV a spec names by reading it under <paramref name="options"/>' data root (skipped when no
    /// data root is configured; the solve then reads it). Inline stakeholders were checked when parsed.
    /// </summary>
    public void CheckStakeholders(RunOptions options)
    {
        if (Stakeholders is StakeholderFile file)
        {
            string root;
            try
            {
                root = options.ResolveDataRoot();
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }

            file.Load(root, new RunOptions(root));
        }
    }

    /// <summary>Parses and checks the scenario's body without reading data; throws <see cref="ScenarioException"/> naming the field.</summary>
    public static BargainingSpec Parse(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var settings = body.Object("bargaining");
        var model = ParseModel(settings, "model", settings.OptionalString("model") ?? "bdm");
        var rounds = settings.Integer("rounds", 10);
        if (rounds < 0)
        {
            throw settings.Error("rounds", $"must be non-negative, found {rounds}.");
        }

        var capitulation = (settings.OptionalString("capitulation") ?? "r1") switch
        {
            "r1" => CapitulationTest.R1Bug,
            "corrected" => CapitulationTest.Corrected,
            var other => throw settings.Error("capitulation", $"'{other}' is not one of r1, corrected."),
        };
        var stop = settings.Boolean("stopWhenNoMoves", false);
        var roundMode = settings.OptionalString("roundMode") ?? "stopping-rule";
        if (roundMode is not ("stopping-rule" or "fixed"))
        {
            throw settings.Error("roundMode", $"'{roundMode}' is not one of stopping-rule, fixed.");
        }

        StoppingRuleOptions? stopping = roundMode == "fixed" ? null : new StoppingRuleOptions();
        var bdm = new BdmOptions { Rounds = rounds, Capitulation = capitulation, StopWhenNoMoves = stop };
        var exchange = new ExchangeOptions { Rounds = rounds, StopWhenNoExchanges = stop };

        SensitivityOptions? sensitivity = null;
        if (body.Has("sensitivity"))
        {
            var s = body.Object("sensitivity");
            var models = s.StringOrList("models").Select((m, i) => ParseModel(s, $"models[{i}]", m)).ToList();
            sensitivity = new SensitivityOptions
            {
                Runs = s.Integer("runs", 1000),
                Spread = s.Number("spread", 0.2),
                Seed = s.Integer("seed", 1),
                Models = models.Count > 0 ? models : [BargainingModelKind.Bdm, BargainingModelKind.Exchange],
                Bdm = bdm,
                Exchange = exchange,
                Stopping = stopping is null ? null : SensitivityOptions.SensitivityStopping,
            };
            if (sensitivity.Runs < 1)
            {
                throw s.Error("runs", $"must be at least 1, found {sensitivity.Runs}.");
            }

            if (!(sensitivity.Spread >= 0 && sensitivity.Spread < 1))
            {
                throw s.Error("spread", $"must lie in [0, 1), found {sensitivity.Spread}.");
            }
        }

        BargainingStakeholders stakeholders;
        if (scenario.Data is { } data)
        {
            if (body.Has("issues") || body.Has("actors"))
            {
                throw body.Error("data", "give the stakeholders either as a data file or as actors/issues in the scenario, not both.");
            }

            stakeholders = new StakeholderFile(scenario.Path, data);
        }
        else
        {
            stakeholders = new InlineStakeholders(ReadInline(scenario));
        }

        var anchors = new Dictionary<string, IReadOnlyList<ScaleAnchor>>(StringComparer.Ordinal);
        foreach (var issue in body.Array("issues"))
        {
            var list = new List<ScaleAnchor>();
            foreach (var a in issue.Array("anchors"))
            {
                // "at" is written as analysts write it: "25", "≈65", "75–80"; the first number places it on the scale.
                var at = a.RequiredString("at");
                var number = System.Text.RegularExpressions.Regex.Match(at, @"-?\d+(\.\d+)?");
                list.Add(new ScaleAnchor(
                    number.Success ? double.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture) : throw a.Error("at", $"'{at}' names no point of the scale (expected a number such as \"25\" or \"75–80\")."),
                    at,
                    a.RequiredString("meaning")));
            }

            if (list.Count > 0 && issue.OptionalString("id") is { } id)
            {
                anchors[id] = [.. list.OrderBy(l => l.At)];
            }
        }

        return new BargainingSpec(scenario.Title, stakeholders, model, bdm, exchange, sensitivity, scenario.Sources) { Anchors = anchors, Stopping = stopping };
    }

    private static BargainingModelKind ParseModel(ScenarioReader reader, string field, string value) => value switch
    {
        "bdm" => BargainingModelKind.Bdm,
        "exchange" => BargainingModelKind.Exchange,
        _ => throw reader.Error(field, $"'{value}' is not one of bdm, exchange."),
    };

    /// <summary>Reads actors, capability rules and issues written in the scenario itself.</summary>
    private static StakeholderSet ReadInline(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var file = scenario.Path;
        string At(ScenarioReader r, string field) => $"{file}: field '{r.PathOf(field)}'";
        var scale = body.Number("salienceScale", 1);
        if (scale is not (1 or 100))
        {
            throw body.Error("salienceScale", $"must be 1 (saliences on 0–1) or 100 (0–100), found {scale}.");
        }

        var lambda = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var rules = body.Object("capabilityRules");
        if (rules.Has("lambda"))
        {
            var table = rules.Object("lambda");
            foreach (var locus in table.Element.EnumerateObject())
            {
                var row = table.Object(locus.Name);
                var byBloc = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var bloc in row.Element.EnumerateObject())
                {
                    var v = row.RequiredNumber(bloc.Name);
                    if (!(v > 0))
                    {
                        throw row.Error(bloc.Name, $"multiplier must be positive, found {v}.");
                    }

                    byBloc[bloc.Name] = v;
                }

                lambda[locus.Name] = byBloc;
            }
        }

        var builder = new StakeholderSetBuilder(scale);
        var actors = new Dictionary<string, (double Base, string? Bloc)>(StringComparer.Ordinal);
        var actorList = body.Array("actors").ToList();
        if (actorList.Count == 0)
        {
            throw body.Error("actors", "is missing or empty; expected a list of {id, name, baseCapability, bloc}.");
        }

        foreach (var a in actorList)
        {
            var id = a.RequiredString("id");
            var baseCapability = a.Number("baseCapability", double.NaN);
            var actor = builder.AddActor(id, a.OptionalString("name"), At(a, "id"));
            actors[actor.Id] = (baseCapability, a.OptionalString("bloc"));
        }

        var issues = body.Array("issues").ToList();
        if (issues.Count == 0)
        {
            throw body.Error("issues", "is missing or empty.");
        }

        foreach (var issue in issues)
        {
            var id = issue.RequiredString("id");
            double? lower = issue.Has("lower") ? issue.RequiredNumber("lower") : null;
            double? upper = issue.Has("upper") ? issue.RequiredNumber("upper") : null;
            builder.AddIssue(id, issue.OptionalString("name"), lower, upper, At(issue, "id"));
            var locus = issue.OptionalString("locus");
            if (locus is not null && !lambda.ContainsKey(locus))
            {
                throw issue.Error("locus", $"'{locus}' has no row in capabilityRules.lambda; known: {string.Join(", ", lambda.Keys)}.");
            }

            foreach (var stake in issue.Array("stakes"))
            {
                var actorId = stake.RequiredString("actor");
                if (!actors.TryGetValue(actorId, out var info))
                {
                    throw stake.Error("actor", $"unknown actor '{actorId}'; known: {string.Join(", ", actors.Keys)}.");
                }

                double capability;
                if (stake.Has("capability"))
                {
                    capability = stake.RequiredNumber("capability");
                }
                else if (double.IsNaN(info.Base))
                {
                    throw stake.Error("capability", $"is missing and actor '{actorId}' has no baseCapability.");
                }
                else if (locus is null)
                {
                    capability = info.Base;
                }
                else if (info.Bloc is null || !lambda[locus].TryGetValue(info.Bloc, out var multiplier))
                {
                    throw stake.Error("actor", $"actor '{actorId}' (bloc '{info.Bloc ?? "none"}') has no multiplier in capabilityRules.lambda.{locus}.");
                }
                else
                {
                    capability = info.Base * multiplier;
                }

                var r = stake;
                builder.AddStake(id, actorId, capability, stake.RequiredNumber("position"), stake.RequiredNumber("salience"), At(stake, "actor"), f => At(r, f));
            }
        }

        return builder.Build();
    }
}

