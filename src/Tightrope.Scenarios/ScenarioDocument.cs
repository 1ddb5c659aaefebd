using System.Text.Json;

namespace Tightrope.Scenarios;

/// <summary>Where one assumption of a scenario comes from: a seed article, a data set, a paper or a spec section.</summary>
public sealed record ScenarioSource(string Claim, string Source);

/// <summary>
/// A scenario file: the common envelope (name, title, model, data, sources) plus the model-specific body, kept as JSON
/// for the model that runs it. Scenario files are JSON with comments and trailing commas allowed.
/// </summary>
public sealed record ScenarioDocument(
    string Name,
    string Title,
    string Description,
    string Model,
    string? Data,
    IReadOnlyList<ScenarioSource> Sources,
    JsonElement Body,
    string Path)
{
    /// <summary>Options for reading scenario JSON: comments and trailing commas allowed.</summary>
    public static JsonDocumentOptions JsonOptions { get; } = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads and validates the envelope of a scenario file.</summary>
    public static ScenarioDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException(path, null, "file not found.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses scenario JSON text; <paramref name="path"/> is used in error messages.</summary>
    public static ScenarioDocument Parse(string json, string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ScenarioException(path, null, $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {e.Message}");
        }

        var root = doc.RootElement.Clone();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException(path, null, "expected a JSON object at the top level.");
        }

        var reader = new ScenarioReader(root, path);
        var sources = new List<ScenarioSource>();
        if (root.TryGetProperty("sources", out var src))
        {
            if (src.ValueKind != JsonValueKind.Array)
            {
                throw new ScenarioException(path, "sources", "expected an array of {\"claim\", \"source\"} objects.");
            }

            var k = 0;
            foreach (var item in src.EnumerateArray())
            {
                var r = new ScenarioReader(item, path, $"sources[{k}]");
                sources.Add(new ScenarioSource(r.RequiredString("claim"), r.RequiredString("source")));
                k++;
            }
        }

        if (sources.Count == 0)
        {
            throw new ScenarioException(path, "sources", "every scenario must cite where its assumptions come from; the list is missing or empty.");
        }

        return new ScenarioDocument(
            reader.RequiredString("name"),
            reader.OptionalString("title") ?? reader.RequiredString("name"),
            reader.OptionalString("description") ?? string.Empty,
            reader.RequiredString("model"),
            reader.OptionalString("data"),
            sources,
            root,
            path);
    }

    /// <summary>A reader over the body for model-specific fields.</summary>
    public ScenarioReader Reader => new(Body, Path);
}

/// <summary>A scenario file that is malformed or inconsistent; names the file and the field.</summary>
public sealed class ScenarioException(string file, string? field, string problem)
    : Exception(field is null ? $"{file}: {problem}" : $"{file}: field '{field}': {problem}")
{
    /// <summary>The scenario file.</summary>
    public string File { get; } = file;

    /// <summary>The JSON field path, when one is at fault.</summary>
    public string? Field { get; } = field;
}
