using System.Text.Json;

namespace Tightrope.Scenarios;

/// <summary>
/// Typed access to one JSON object of a scenario file, with errors that name the file and field path. Every field asked
/// for is noted in the document's <see cref="ScenarioReadLog"/>, so fields a model never reads can be reported as unknown.
/// </summary>
public readonly struct ScenarioReader(JsonElement element, string file, string prefix = "", ScenarioReadLog? log = null)
{
    private readonly JsonElement _element = element;

    /// <summary>The object read. Taking the raw element counts as reading all of its fields (the caller walks it itself).</summary>
    public JsonElement Element
    {
        get
        {
            Log?.MarkAll(Prefix);
            return _element;
        }
    }

    /// <summary>The log of fields read, shared by every reader of one document (null: not tracked).</summary>
    public ScenarioReadLog? Log { get; } = log;

    /// <summary>The scenario file, for messages.</summary>
    public string File { get; } = file;

    /// <summary>Field path of this object inside the file.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Full path of a field, for messages.</summary>
    public string PathOf(string field) => Prefix.Length == 0 ? field : $"{Prefix}.{field}";

    /// <summary>True when the field is present and not null.</summary>
    public bool Has(string field)
    {
        Log?.Mark(Prefix, field);
        return _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A required string field.</summary>
    public string RequiredString(string field) =>
        OptionalString(field) ?? throw new ScenarioException(File, PathOf(field), "is missing; expected a string.");

    /// <summary>An optional string field.</summary>
    public string? OptionalString(string field)
    {
        if (!Has(field))
        {
            return null;
        }

        var v = _element.GetProperty(field);
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new ScenarioException(File, PathOf(field), $"expected a string, found {v.ValueKind}.");
    }

    /// <summary>An optional number field with a default.</summary>
    public double Number(string field, double fallback) => Has(field) ? RequiredNumber(field) : fallback;

    /// <summary>A required number field.</summary>
    public double RequiredNumber(string field)
    {
        if (!Has(field))
        {
            throw new ScenarioException(File, PathOf(field), "is missing; expected a number.");
        }

        var v = _element.GetProperty(field);
        return v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())
            ? v.GetDouble()
            : throw new ScenarioException(File, PathOf(field), $"expected a number, found {v.ValueKind}.");
    }

    /// <summary>An optional integer field with a default.</summary>
    public int Integer(string field, int fallback)
    {
        if (!Has(field))
        {
            return fallback;
        }

        var v = _element.GetProperty(field);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new ScenarioException(File, PathOf(field), $"expected an integer, found {v}.");
    }

    /// <summary>An optional boolean field with a default.</summary>
    public bool Boolean(string field, bool fallback)
    {
        if (!Has(field))
        {
            return fallback;
        }

        var v = _element.GetProperty(field);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : throw new ScenarioException(File, PathOf(field), $"expected true or false, found {v}.");
    }

    /// <summary>A nested object (an empty reader when absent).</summary>
    public ScenarioReader Object(string field)
    {
        if (!Has(field))
        {
            return new ScenarioReader(default, File, PathOf(field), Log);
        }

        var v = _element.GetProperty(field);
        return v.ValueKind == JsonValueKind.Object
            ? new ScenarioReader(v, File, PathOf(field), Log)
            : throw new ScenarioException(File, PathOf(field), $"expected an object, found {v.ValueKind}.");
    }

    /// <summary>The objects of an array field (empty when absent).</summary>
    public IEnumerable<ScenarioReader> Array(string field)
    {
        if (!Has(field))
        {
            yield break;
        }

        var v = _element.GetProperty(field);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new ScenarioException(File, PathOf(field), $"expected an array, found {v.ValueKind}.");
        }

        var k = 0;
        foreach (var item in v.EnumerateArray())
        {
            yield return new ScenarioReader(item, File, $"{PathOf(field)}[{k++}]", Log);
        }
    }

    /// <summary>A field that may be a string or an array of strings; returns the strings (empty when absent).</summary>
    public IReadOnlyList<string> StringOrList(string field)
    {
        if (!Has(field))
        {
            return [];
        }

        var v = _element.GetProperty(field);
        var file = File;
        var path = PathOf(field);
        return v.ValueKind switch
        {
            JsonValueKind.String => [v.GetString()!],
            JsonValueKind.Array => v.EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw new ScenarioException(file, $"{path}[{i}]", "expected a string.")).ToList(),
            _ => throw new ScenarioException(File, PathOf(field), "expected a string or an array of strings."),
        };
    }

    /// <summary>Throws naming the field.</summary>
    public ScenarioException Error(string field, string problem) => new(File, PathOf(field), problem);
}

/// <summary>
/// Which fields of a scenario document the model asked for, by object path ("", "parameters", "tariffs[0]"). Lets the
/// registry report every field a model without a field declaration never read. Thread-safe.
/// </summary>
public sealed class ScenarioReadLog
{
    private readonly Dictionary<string, HashSet<string>> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _whole = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Notes that <paramref name="field"/> of the object at <paramref name="path"/> was asked for.</summary>
    public void Mark(string path, string field)
    {
        lock (_lock)
        {
            if (!_read.TryGetValue(path, out var set))
            {
                _read[path] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(field);
        }
    }

    /// <summary>Notes that the object at <paramref name="path"/> was taken whole (all its fields count as read).</summary>
    public void MarkAll(string path)
    {
        lock (_lock)
        {
            _whole.Add(path);
        }
    }

    /// <summary>True when the object at <paramref name="path"/> was opened by a reader at all.</summary>
    public bool Visited(string path)
    {
        lock (_lock)
        {
            return _read.ContainsKey(path) || _whole.Contains(path);
        }
    }

    /// <summary>True when <paramref name="field"/> of the object at <paramref name="path"/> was read.</summary>
    public bool WasRead(string path, string field)
    {
        lock (_lock)
        {
            return _whole.Contains(path) || (_read.TryGetValue(path, out var set) && set.Contains(field));
        }
    }

    /// <summary>The fields read in the object at <paramref name="path"/>.</summary>
    public IReadOnlyList<string> FieldsRead(string path)
    {
        lock (_lock)
        {
            return _read.TryGetValue(path, out var set) ? [.. set.Order(StringComparer.Ordinal)] : [];
        }
    }
}
