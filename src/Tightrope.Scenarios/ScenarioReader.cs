using System.Text.Json;

namespace Tightrope.Scenarios;

/// <summary>Typed access to one JSON object of a scenario file, with errors that name the file and field path.</summary>
public readonly struct ScenarioReader(JsonElement element, string file, string prefix = "")
{
    /// <summary>The object read.</summary>
    public JsonElement Element { get; } = element;

    /// <summary>The scenario file, for messages.</summary>
    public string File { get; } = file;

    /// <summary>Field path of this object inside the file.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Full path of a field, for messages.</summary>
    public string PathOf(string field) => Prefix.Length == 0 ? field : $"{Prefix}.{field}";

    /// <summary>True when the field is present and not null.</summary>
    public bool Has(string field) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

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

        var v = Element.GetProperty(field);
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

        var v = Element.GetProperty(field);
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

        var v = Element.GetProperty(field);
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

        var v = Element.GetProperty(field);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : throw new ScenarioException(File, PathOf(field), $"expected true or false, found {v}.");
    }

    /// <summary>A nested object (an empty reader when absent).</summary>
    public ScenarioReader Object(string field)
    {
        if (!Has(field))
        {
            return new ScenarioReader(default, File, PathOf(field));
        }

        var v = Element.GetProperty(field);
        return v.ValueKind == JsonValueKind.Object
            ? new ScenarioReader(v, File, PathOf(field))
            : throw new ScenarioException(File, PathOf(field), $"expected an object, found {v.ValueKind}.");
    }

    /// <summary>The objects of an array field (empty when absent).</summary>
    public IEnumerable<ScenarioReader> Array(string field)
    {
        if (!Has(field))
        {
            yield break;
        }

        var v = Element.GetProperty(field);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new ScenarioException(File, PathOf(field), $"expected an array, found {v.ValueKind}.");
        }

        var k = 0;
        foreach (var item in v.EnumerateArray())
        {
            yield return new ScenarioReader(item, File, $"{PathOf(field)}[{k++}]");
        }
    }

    /// <summary>A field that may be a string or an array of strings; returns the strings (empty when absent).</summary>
    public IReadOnlyList<string> StringOrList(string field)
    {
        if (!Has(field))
        {
            return [];
        }

        var v = Element.GetProperty(field);
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
