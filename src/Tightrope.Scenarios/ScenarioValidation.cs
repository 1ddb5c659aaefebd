using System.Text.Json;

namespace Tightrope.Scenarios;

/// <summary>
/// The strictness checks every scenario passes before a model runs it: each key is a declared field (or, for a model
/// without a declaration, one the model read), of the declared type and one of its choices. Problems name the field
/// path and the nearest valid name.
/// </summary>
public static class ScenarioValidation
{
    /// <summary>Checks the body against the envelope and the model's declared fields.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="modelFields">The model's declared fields.</param>
    /// <param name="envelopeOnly">Check only the envelope fields' types, leaving other keys to the read log.</param>
    public static IReadOnlyList<ScenarioProblem> CheckDeclared(ScenarioDocument scenario, IReadOnlyList<ScenarioField> modelFields, bool envelopeOnly = false)
    {
        var problems = new List<ScenarioProblem>();
        CheckObject(scenario.Body, [.. ScenarioEnvelope.Fields, .. modelFields], string.Empty, problems, envelopeOnly);
        return Attribute(scenario, problems);
    }

    /// <summary>Reports every key of an object the model read that the model never asked for (models without a declaration).</summary>
    public static IReadOnlyList<ScenarioProblem> CheckRead(ScenarioDocument scenario)
    {
        // A model that read nothing of the body through the reader (it walks the JSON itself) cannot be judged this way.
        var envelope = ScenarioEnvelope.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (scenario.ReadLog.FieldsRead(string.Empty).All(envelope.Contains) && !scenario.ReadLog.WasRead(string.Empty, "\0"))
        {
            return [];
        }

        var problems = new List<ScenarioProblem>();
        Walk(scenario.Body, string.Empty, scenario.ReadLog, problems);
        return Attribute(scenario, problems);
    }

    /// <summary>Throws one <see cref="ScenarioException"/> listing every problem, if there are any.</summary>
    public static void ThrowIfAny(ScenarioDocument scenario, IReadOnlyList<ScenarioProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new ScenarioException(scenario.Path, problems);
        }
    }

    private static void CheckObject(JsonElement obj, IReadOnlyList<ScenarioField> fields, string path, List<ScenarioProblem> problems, bool knownOnly = false)
    {
        var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            var at = Join(path, p.Name);
            if (!byName.TryGetValue(p.Name, out var field))
            {
                if (knownOnly)
                {
                    continue;
                }

                problems.Add(new ScenarioProblem(at, $"unknown field; {EditDistance.Suggest(p.Name, byName.Keys)}"));
                continue;
            }

            if (p.Value.ValueKind != JsonValueKind.Null)
            {
                CheckValue(p.Value, field, at, problems);
            }
        }

        foreach (var f in fields.Where(f => f.Required))
        {
            if (!obj.TryGetProperty(f.Name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                problems.Add(new ScenarioProblem(Join(path, f.Name), $"is missing; expected {Article(f.TypeName)} ({f.Meaning})."));
            }
        }
    }

    private static void CheckValue(JsonElement v, ScenarioField field, string at, List<ScenarioProblem> problems)
    {
        switch (field.Kind)
        {
            case FieldKind.Text:
                if (v.ValueKind != JsonValueKind.String)
                {
                    problems.Add(new ScenarioProblem(at, $"expected a string, found {Describe(v)}."));
                }
                else
                {
                    CheckChoice(v.GetString()!, field, at, problems);
                }

                break;
            case FieldKind.Number:
                if (v.ValueKind != JsonValueKind.Number)
                {
                    problems.Add(new ScenarioProblem(at, $"expected a number, found {Describe(v)}."));
                }

                break;
            case FieldKind.Integer:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out _))
                {
                    problems.Add(new ScenarioProblem(at, $"expected a whole number, found {Describe(v)}."));
                }

                break;
            case FieldKind.Boolean:
                if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add(new ScenarioProblem(at, $"expected true or false, found {Describe(v)}."));
                }

                break;
            case FieldKind.TextOrList:
                if (v.ValueKind == JsonValueKind.String)
                {
                    CheckChoice(v.GetString()!, field, at, problems);
                }
                else if (v.ValueKind == JsonValueKind.Array)
                {
                    var k = 0;
                    foreach (var item in v.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String)
                        {
                            problems.Add(new ScenarioProblem($"{at}[{k}]", $"expected a string, found {Describe(item)}."));
                        }
                        else
                        {
                            CheckChoice(item.GetString()!, field, $"{at}[{k}]", problems);
                        }

                        k++;
                    }
                }
                else
                {
                    problems.Add(new ScenarioProblem(at, $"expected a string or a list of strings, found {Describe(v)}."));
                }

                break;
            case FieldKind.NumberList:
                if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
                {
                    problems.Add(new ScenarioProblem(at, $"expected a list of numbers, found {Describe(v)}."));
                }

                break;
            case FieldKind.Object:
                if (v.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new ScenarioProblem(at, $"expected an object, found {Describe(v)}."));
                }
                else
                {
                    CheckObject(v, field.Fields, at, problems);
                }

                break;
            case FieldKind.ObjectList:
                if (v.ValueKind != JsonValueKind.Array)
                {
                    problems.Add(new ScenarioProblem(at, $"expected a list of objects, found {Describe(v)}."));
                    break;
                }

                var i = 0;
                foreach (var item in v.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add(new ScenarioProblem($"{at}[{i}]", $"expected an object, found {Describe(item)}."));
                    }
                    else
                    {
                        CheckObject(item, field.Fields, $"{at}[{i}]", problems);
                    }

                    i++;
                }

                break;
            case FieldKind.Map:
                if (v.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new ScenarioProblem(at, $"expected an object, found {Describe(v)}."));
                }

                break;
            case FieldKind.Note:
                break;
        }
    }

    private static void CheckChoice(string value, ScenarioField field, string at, List<ScenarioProblem> problems)
    {
        if (field.Choices.Count > 0 && !field.Choices.Contains(value, StringComparer.Ordinal))
        {
            var near = EditDistance.Nearest(value, field.Choices);
            problems.Add(new ScenarioProblem(at, $"'{value}' is not one of {string.Join(", ", field.Choices)}{(near is null ? "." : $"; did you mean '{near}'?")}"));
        }
    }

    private static void Walk(JsonElement element, string path, ScenarioReadLog log, List<ScenarioProblem> problems)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (!log.Visited(path))
            {
                return;
            }

            var read = log.FieldsRead(path);
            var known = path.Length == 0 ? read.Union(ScenarioEnvelope.Fields.Select(f => f.Name)).ToList() : read;
            foreach (var p in element.EnumerateObject())
            {
                var at = Join(path, p.Name);
                if (path.Length == 0 && ScenarioEnvelope.Fields.Any(f => f.Name == p.Name))
                {
                    continue;
                }

                if (!log.WasRead(path, p.Name))
                {
                    problems.Add(new ScenarioProblem(at, $"unknown field (the model never reads it); {EditDistance.Suggest(p.Name, known)}"));
                    continue;
                }

                Walk(p.Value, at, log, problems);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var k = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{path}[{k++}]", log, problems);
            }
        }
    }

    // A problem at or below a path the command line set is reported as coming from that --set.
    private static List<ScenarioProblem> Attribute(ScenarioDocument scenario, List<ScenarioProblem> problems)
    {
        if (scenario.Overrides.Count == 0)
        {
            return problems;
        }

        return problems.Select(p =>
        {
            var origin = scenario.Overrides.FirstOrDefault(o =>
            {
                var target = o.Split('=', 2)[0].Trim();
                return p.Field is not null && (p.Field == target || p.Field.StartsWith(target + ".", StringComparison.Ordinal)
                    || p.Field.StartsWith(target + "[", StringComparison.Ordinal) || target.StartsWith(p.Field + ".", StringComparison.Ordinal));
            });
            return origin is null ? p : p with { Problem = $"{p.Problem} (from --set {origin})" };
        }).ToList();
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Article(string type) => type.Length > 0 && "aeiou".Contains(type[0], StringComparison.Ordinal) ? "an " + type : "a " + type;

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };
}
