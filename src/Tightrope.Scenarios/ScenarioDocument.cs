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
    /// <summary>The command-line overrides applied to the file (path=value), in order; empty for the file as written.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The fields the model asked for while reading this document.</summary>
    public ScenarioReadLog ReadLog { get; init; } = new();

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

        RejectDuplicateKeys(root, path, string.Empty);
        var log = new ScenarioReadLog();
        var reader = new ScenarioReader(root, path, string.Empty, log);
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
                var r = new ScenarioReader(item, path, $"sources[{k}]", log);
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
            path)
        { ReadLog = log };
    }

    /// <summary>A reader over the body for model-specific fields.</summary>
    public ScenarioReader Reader => new(Body, Path, string.Empty, ReadLog);

    // JSON allows a key twice and keeps the last; in a scenario that silently drops a value, so it is an error.
    private static void RejectDuplicateKeys(JsonElement element, string file, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in element.EnumerateObject())
            {
                var at = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
                if (!seen.Add(p.Name))
                {
                    throw new ScenarioException(file, at, "appears twice in the same object; keep one.");
                }

                RejectDuplicateKeys(p.Value, file, at);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var k = 0;
            foreach (var item in element.EnumerateArray())
            {
                RejectDuplicateKeys(item, file, $"{path}[{k++}]");
            }
        }
    }
}

/// <summary>One problem found in a scenario: the field path (null for the whole file) and what is wrong.</summary>
public sealed record ScenarioProblem(string? Field, string Problem)
{
    /// <summary>"field 'x': problem" or the bare problem.</summary>
    public override string ToString() => Field is null ? Problem : $"field '{Field}': {Problem}";
}

/// <summary>A scenario file that is malformed or inconsistent; names the file and the field(s).</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>One problem in <paramref name="file"/>.</summary>
    public ScenarioException(string file, string? field, string problem)
        : this(file, [new ScenarioProblem(field, problem)])
    {
    }

    /// <summary>Several problems in <paramref name="file"/>, one line each.</summary>
    public ScenarioException(string file, IReadOnlyList<ScenarioProblem> problems)
        : base(problems.Count == 1 ? $"{file}: {problems[0]}" : $"{file}: {problems.Count} problems:\n" + string.Join("\n", problems.Select(p => "  " + p)))
    {
        File = file;
        Problems = problems;
        Field = problems.Count > 0 ? problems[0].Field : null;
    }

    /// <summary>The scenario file.</summary>
    public string File { get; }

    /// <summary>The JSON field path of the first problem, when one is at fault.</summary>
    public string? Field { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }
}
