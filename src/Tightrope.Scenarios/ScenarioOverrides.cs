using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tightrope.Scenarios;

/// <summary>
/// Command-line edits of a scenario: <c>path=value</c> assignments such as <c>parameters.tradeElasticity=8</c>,
/// <c>recycling=lump-sum</c> or <c>tariffs[1].rate=0.3</c>. Values are read as JSON when they parse, else as text.
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

        var root = JsonNode.Parse(scenario.Body.GetRawText())!.AsObject();
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
            {
                throw new ScenarioException(scenario.Path, assignment, "an override is written path=value, e.g. parameters.tradeElasticity=8.");
            }

            var path = assignment[..eq].Trim();
            Set(root, path, ParseValue(assignment[(eq + 1)..]), scenario.Path);
        }

        var sources = root["sources"] as JsonArray ?? [];
        sources.Add(new JsonObject { ["claim"] = $"Command-line override: {string.Join("; ", assignments)}", ["source"] = "user input" });
        root["sources"] = sources;
        return ScenarioDocument.Parse(root.ToJsonString(), scenario.Path);
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

    private static void Set(JsonObject root, string path, JsonNode? value, string file)
    {
        var steps = path.Split('.');
        JsonNode current = root;
        for (var k = 0; k < steps.Length; k++)
        {
            var match = Step().Match(steps[k]);
            if (!match.Success)
            {
                throw new ScenarioException(file, path, $"'{steps[k]}' is not a field name or name[index].");
            }

            var name = match.Groups[1].Value;
            var last = k == steps.Length - 1;
            var obj = current as JsonObject ?? throw new ScenarioException(file, path, $"'{name}' is inside a value that is not an object.");
            if (!match.Groups[2].Success)
            {
                if (last)
                {
                    obj[name] = value;
                    return;
                }

                current = obj[name] ??= new JsonObject();
                continue;
            }

            var array = obj[name] as JsonArray ?? throw new ScenarioException(file, path, $"'{name}' is not an array.");
            var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (index >= array.Count)
            {
                throw new ScenarioException(file, path, $"'{name}' has {array.Count} entries; index {index} is out of range.");
            }

            if (last)
            {
                array[index] = value;
                return;
            }

            current = array[index]!;
        }
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")]
    private static partial Regex Step();
}
