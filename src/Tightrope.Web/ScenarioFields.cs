using System.Globalization;
using System.Text.Json;
using Tightrope.Scenarios;

namespace Tightrope.Web;

/// <summary>One editable input of a scenario: the override path, how to show it, and its current value.</summary>
/// <param name="Path">Override path, as for <c>--set</c> (e.g. <c>tariffs[1].rate</c>).</param>
/// <param name="Label">What the control is called on screen.</param>
/// <param name="Kind">"number", "choice" or "text".</param>
/// <param name="Value">The scenario's current value.</param>
/// <param name="Group">Heading the control is shown under.</param>
/// <param name="Unit">Unit of the value, e.g. "rate (0.25 = 25%)".</param>
/// <param name="Choices">Allowed values of a choice.</param>
/// <param name="Min">Smallest sensible value of a number.</param>
/// <param name="Max">Largest sensible value of a number.</param>
/// <param name="Step">Step of the control.</param>
public sealed record ScenarioField(
    string Path,
    string Label,
    string Kind,
    JsonElement Value,
    string Group,
    string? Unit = null,
    IReadOnlyList<string>? Choices = null,
    double? Min = null,
    double? Max = null,
    double? Step = null);

/// <summary>Where a scenario's editable fields come from.</summary>
public interface IScenarioFields
{
    /// <summary>The editable fields of <paramref name="scenario"/>.</summary>
    IReadOnlyList<ScenarioField> For(ScenarioDocument scenario);
}

/// <summary>
/// Derives editable fields from a scenario's JSON body: top-level numbers and known choices, the numbers of one-level
/// objects (parameters, bargaining, sensitivity) and each tariff rule's rate and floor. This is the single seam to
/// replace with the models' own field definitions once they exist.
/// </summary>
public sealed class BodyDerivedScenarioFields : IScenarioFields
{
    // Values the models accept for text fields, as their readers spell them.
    private static readonly Dictionary<string, string[]> KnownChoices = new(StringComparer.Ordinal)
    {
        ["recycling"] = ["income-tax-relief", "lump-sum"],
        ["transfers"] = ["fixed", "balanced-with-usa"],
        ["bargaining.model"] = ["bdm", "exchange"],
        ["bargaining.capitulation"] = ["r1", "corrected"],
    };

    private static readonly HashSet<string> Envelope = ["name", "title", "description", "model", "data", "sources"];

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField> For(ScenarioDocument scenario)
    {
        var fields = new List<ScenarioField>();
        foreach (var property in scenario.Body.EnumerateObject())
        {
            if (Envelope.Contains(property.Name))
            {
                continue;
            }

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    fields.Add(Number(property.Name, Humanize(property.Name), value, "Model"));
                    break;
                case JsonValueKind.String when KnownChoices.TryGetValue(property.Name, out var choices):
                    fields.Add(new ScenarioField(property.Name, Humanize(property.Name), "choice", value.Clone(), "Model", Choices: choices));
                    break;
                case JsonValueKind.Object:
                    foreach (var inner in value.EnumerateObject())
                    {
                        var path = property.Name + "." + inner.Name;
                        if (inner.Value.ValueKind == JsonValueKind.Number)
                        {
                            fields.Add(Number(path, Humanize(inner.Name), inner.Value, Humanize(property.Name)));
                        }
                        else if (inner.Value.ValueKind == JsonValueKind.String && KnownChoices.TryGetValue(path, out var c))
                        {
                            fields.Add(new ScenarioField(path, Humanize(inner.Name), "choice", inner.Value.Clone(), Humanize(property.Name), Choices: c));
                        }
                    }

                    break;
                case JsonValueKind.Array when property.Name == "tariffs":
                    fields.AddRange(TariffRuleFields(value));
                    break;
            }
        }

        return fields;
    }

    private static IEnumerable<ScenarioField> TariffRuleFields(JsonElement rules)
    {
        var k = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            if (rule.ValueKind == JsonValueKind.Object)
            {
                var who = $"{Parties(rule, "importers")} on {Parties(rule, "exporters")}";
                if (rule.TryGetProperty("sectors", out var sectors))
                {
                    who += $" ({Parties(sectors)})";
                }

                foreach (var (key, what) in new[] { ("rate", "tariff"), ("floor", "tariff floor") })
                {
                    if (rule.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number)
                    {
                        yield return new ScenarioField($"tariffs[{k}].{key}", $"{who}: {what}", "number", v.Clone(), "Tariffs", "rate (0.25 = 25%)", Min: 0, Max: 2, Step: 0.01);
                    }
                }
            }

            k++;
        }
    }

    private static string Parties(JsonElement rule, string key) => rule.TryGetProperty(key, out var v) ? Parties(v) : "all";

    private static string Parties(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() == "*" ? "all" : v.GetString()!,
        JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        _ => v.GetRawText(),
    };

    private static ScenarioField Number(string path, string label, JsonElement value, string group)
    {
        var x = value.GetDouble();
        var integral = x == Math.Floor(x) && Math.Abs(x) >= 1;
        return new ScenarioField(path, label, "number", value.Clone(), group, Step: integral ? 1 : StepFor(x), Min: x >= 0 ? 0 : null);
    }

    private static double StepFor(double x) => x == 0 ? 0.01 : Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(x))) - 1);

    // "tradeElasticity" -> "Trade elasticity".
    private static string Humanize(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && sb.Length > 0)
            {
                sb.Append(' ').Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(sb.Length == 0 ? char.ToUpper(ch, CultureInfo.InvariantCulture) : ch);
            }
        }

        return sb.ToString();
    }
}
