using System.Globalization;
using System.Text.Json.Nodes;

namespace Tightrope.Scenarios;

/// <summary>
/// Field paths present in a scenario body, in the syntax of <c>--set</c> (<c>parameters.tradeElasticity</c>,
/// <c>tariffs[0].rate</c>); the envelope's <c>sources</c> are left out.
/// </summary>
public static class ScenarioPaths
{
    /// <summary>Every path to a value in the body; with <paramref name="withObjects"/>, objects and arrays too.</summary>
    public static IReadOnlyList<string> Of(JsonNode root, bool withObjects = false) => [.. Walk(root, string.Empty, withObjects)];

    /// <summary>True when <paramref name="path"/> names something present in the body (a malformed path names nothing).</summary>
    public static bool Exists(JsonNode root, string path)
    {
        JsonNode? current = root;
        foreach (var step in path.Split('.'))
        {
            var bracket = step.IndexOf('[');
            var name = bracket < 0 ? step : step[..bracket];
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out current) || current is null)
            {
                return false;
            }

            if (bracket >= 0)
            {
                if (!step.EndsWith(']') || !int.TryParse(step[(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || current is not JsonArray array || index >= array.Count)
                {
                    return false;
                }

                current = array[index];
            }
        }

        return true;
    }

    private static IEnumerable<string> Walk(JsonNode? node, string prefix, bool withObjects)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (prefix.Length == 0 && key == "sources")
                    {
                        continue;
                    }

                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    if (withObjects && child is JsonObject or JsonArray)
                    {
                        yield return path;
                    }

                    foreach (var p in Walk(child, path, withObjects))
                    {
                        yield return p;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var path = $"{prefix}[{i}]";
                    if (withObjects && array[i] is JsonObject or JsonArray)
                    {
                        yield return path;
                    }

                    foreach (var p in Walk(array[i], path, withObjects))
                    {
                        yield return p;
                    }
                }

                break;
            default:
                yield return prefix;
                break;
        }
    }
}
