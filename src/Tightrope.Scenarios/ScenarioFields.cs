namespace Tightrope.Scenarios;

/// <summary>What a scenario field holds; decides the type check and the type shown by <c>tightrope schema</c>.</summary>
public enum FieldKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A finite number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A string or an array of strings.</summary>
    TextOrList,

    /// <summary>An array of numbers.</summary>
    NumberList,

    /// <summary>An object with the declared <see cref="ScenarioField.Fields"/>.</summary>
    Object,

    /// <summary>An array of objects, each with the declared <see cref="ScenarioField.Fields"/>.</summary>
    ObjectList,

    /// <summary>An object whose keys are data (codes, names), checked by the model.</summary>
    Map,

    /// <summary>Documentation kept beside the values (justifications, caveats); any JSON, never read by the model.</summary>
    Note,
}

/// <summary>
/// One field of a scenario body: the single definition behind the parser's strictness check, <c>tightrope validate</c>,
/// <c>tightrope schema MODEL</c> and the field tables in docs/scenarios.md.
/// </summary>
/// <param name="Name">JSON key.</param>
/// <param name="Kind">What the value holds.</param>
/// <param name="Meaning">One line saying what the field means, with units.</param>
public sealed record ScenarioField(string Name, FieldKind Kind, string Meaning)
{
    /// <summary>The value used when the field is absent, as shown to users (null: no default).</summary>
    public string? Default { get; init; }

    /// <summary>Allowed string values (empty: any).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Fields of an <see cref="FieldKind.Object"/> or of each item of an <see cref="FieldKind.ObjectList"/>.</summary>
    public IReadOnlyList<ScenarioField> Fields { get; init; } = [];

    /// <summary>True when the field must be present.</summary>
    public bool Required { get; init; }

    /// <summary>The type as written in schema listings and docs.</summary>
    public string TypeName => Kind switch
    {
        FieldKind.Text => Choices.Count > 0 ? string.Join(" \\| ", Choices) : "string",
        FieldKind.Number => "number",
        FieldKind.Integer => "integer",
        FieldKind.Boolean => "boolean",
        FieldKind.TextOrList => Choices.Count > 0 ? $"({string.Join(" \\| ", Choices)}) or list" : "string or list of strings",
        FieldKind.NumberList => "list of numbers",
        FieldKind.Object => "object",
        FieldKind.ObjectList => "list of objects",
        FieldKind.Map => "object keyed by code",
        FieldKind.Note => "note (any JSON)",
        _ => Kind.ToString(),
    };
}

/// <summary>The fields every scenario file has, whatever its model.</summary>
public static class ScenarioEnvelope
{
    /// <summary>name, title, description, model, data, sources.</summary>
    public static IReadOnlyList<ScenarioField> Fields { get; } =
    [
        new("name", FieldKind.Text, "Scenario name, as given to 'tightrope run NAME'") { Required = true },
        new("title", FieldKind.Text, "One-line title printed above the results") { Default = "the name" },
        new("description", FieldKind.Text, "What the scenario asks, in a paragraph") { Default = "empty" },
        new("model", FieldKind.Text, "The model that runs the scenario (see 'tightrope schema')") { Required = true },
        new("data", FieldKind.Text, "Data folder or file, relative to the data root ($TIGHTROPE_DATA)") { Default = "the model's default" },
        new("sources", FieldKind.ObjectList, "Where each assumption comes from; at least one")
        {
            Required = true,
            Fields =
            [
                new("claim", FieldKind.Text, "The assumption or number") { Required = true },
                new("source", FieldKind.Text, "Seed article, data file, paper or spec section it comes from") { Required = true },
            ],
        },
    ];
}
