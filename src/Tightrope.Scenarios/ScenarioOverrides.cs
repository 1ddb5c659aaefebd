using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tightrope.Scenarios;

/// <summary>
/// Command-line edits of a scenario: <c>path=value</c> assignments such as <c>parameters.tradeElasticity=8</c>,
/// <c>recycling=lump-sum</c> or <c>tariffs[1].rate=0.3</c>. Values are read as JSON when they parse, else as text.
/// The edited document remembers its overrides, so strictness errors name the <c>--set</c> they come from, and its title
/// and last source say what changed (old → new).
/// </summary>
public static partial class ScenarioOverrides
{
    /// <summary>Applies the assignments and returns the edited scenario; its sources record each edit.</summary>
    public static ScenarioDocument Apply(ScenarioDocument scenario, IReadOnlyList<string> assignments)
    {
        if (assignments.Count == 0)
        {
            return scenario;
        }

        // Scenario files carry comments; the raw text of the body keeps them, so parse it as the loader does.
        var root = JsonNode.Parse(scenario.Body.GetRawText(), null, ScenarioDocument.JsonOptions)!.AsObject();
        var changes = new List<string>();
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
            {
                throw new ScenarioException(scenario.Path, assignment, "an override is written path=value, e.g. parameters.tradeElasticity=8.");
            }

            var path = assignment[..eq].Trim();
            var value = ParseValue(assignment[(eq + 1)..]);
            var old = Set(root, path, value, scenario.Path);
            changes.Add($"{path} {old?.ToJsonString() ?? "(not set)"} → {value?.ToJsonString() ?? "null"}");
        }

        var summary = string.Join("; ", changes);
        var title = root["title"]?.GetValue<string>() ?? root["name"]?.GetValue<string>() ?? scenario.Name;
        root["title"] = $"{title} [changed: {summary}]";
        var sources = root["sources"] as JsonArray ?? [];
        sources.Add(new JsonObject
        {
            ["claim"] = $"Command-line override: {string.Join("; ", assignments)} (changes {summary}); sources above that cite the old values no longer apply to them",
            ["source"] = "user input (--set)",
        });
        root["sources"] = sources;
        return ScenarioDocument.Parse(root.ToJsonString(), scenario.Path) with { Overrides = [.. scenario.Overrides, .. assignments] };
    }

    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    // Sets the value and returns the one it replaced (null when the field was absent).
    private static JsonNode? Set(JsonObject root, string path, JsonNode? value, string file)
    {
        var steps = path.Split('.');
        JsonNode current = root;
        for (var k = 0; k < steps.Length; k++)
        {
            var match = Step().Match(steps[k]);
            if (!match.Success)
            {
                throw new ScenarioException(file, path, $"--set: '{steps[k]}' is not a field name or name[index].");
            }

            var name = match.Groups[1].Value;
            var last = k == steps.Length - 1;
            var obj = current as JsonObject ?? throw new ScenarioException(file, path, $"--set: '{name}' is inside a value that is not an object.");
            if (!match.Groups[2].Success)
            {
                if (last)
                {
                    var previous = obj[name]?.DeepClone();
                    obj[name] = value;
                    return previous;
                }

                current = obj[name] ??= new JsonObject();
                continue;
            }

            var array = obj[name] as JsonArray ?? throw new ScenarioException(file, path, $"--set: '{name}' is not a list{(obj.ContainsKey(name) ? string.Empty : " (no such field here" + (EditDistance.Nearest(name, obj.Select(p => p.Key)) is { } near ? $"; did you mean '{near}'?)" : ")"))}.");
            var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (index >= array.Count)
            {
                throw new ScenarioException(file, path, $"--set: '{name}' has {array.Count} entries; index {index} is out of range.");
            }

            if (last)
            {
                var previous = array[index]?.DeepClone();
                array[index] = value;
                return previous;
            }

            current = array[index] ?? throw new ScenarioException(file, path, $"--set: '{name}[{index}]' is null.");
        }

        return null;
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")]
    private static partial Regex Step();
}
