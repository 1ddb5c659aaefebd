using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tightrope.Scenarios;

namespace Tightrope.Web;

/// <summary>
/// Scenarios for the web app: catalogue entries by name only (never a client-supplied path) or a posted scenario
/// object; overrides checked against the scenario so a misspelled path is an error naming the nearest valid one.
/// </summary>
public sealed partial class ScenarioLibrary(ScenarioCatalog catalog, IScenarioFields fields)
{
    /// <summary>File name shown in messages about a posted scenario object.</summary>
    public const string PostedName = "posted scenario";

    /// <summary>The catalogue.</summary>
    public IReadOnlyList<ScenarioDocument> All() => catalog.All();

    /// <summary>The editable fields of a scenario.</summary>
    public IReadOnlyList<ScenarioField> Fields(ScenarioDocument scenario) => fields.For(scenario);

    /// <summary>A catalogue scenario by name.</summary>
    /// <exception cref="ScenarioException">No scenario has this name; the message lists the known ones.</exception>
    public ScenarioDocument Find(string name)
    {
        if (!SafeName().IsMatch(name))
        {
            throw new ScenarioException(name, null, "a scenario is named by its catalogue name (letters, digits, '-', '_', '.'); file paths are not accepted.");
        }

        var all = catalog.All();
        var found = all.FirstOrDefault(s => string.Equals(Path.GetFileNameWithoutExtension(s.Path), name, StringComparison.Ordinal) || s.Name == name)
                    ?? throw new ScenarioException(name, null, $"no such scenario file or name{Nearest(name, all.Select(s => s.Name))}. Known scenarios: {string.Join(", ", all.Select(s => Path.GetFileNameWithoutExtension(s.Path)).Order())}.");

        // Messages name the scenario file, not where the server keeps it.
        return ScenarioDocument.Parse(File.ReadAllText(found.Path), Path.GetFileName(found.Path));
    }

    /// <summary>
    /// Refuses a scenario whose data set is not one the catalogue uses: a posted scenario may not point the server at
    /// arbitrary files.
    /// </summary>
    public void CheckData(ScenarioDocument scenario)
    {
        if (scenario.Data is null)
        {
            return;
        }

        var allowed = catalog.All().Select(s => s.Data).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (!allowed.Contains(scenario.Data, StringComparer.Ordinal))
        {
            throw new ScenarioException(scenario.Path, "data", $"'{scenario.Data}' is not a data set of the scenario library; expected one of {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>A scenario posted as a JSON object.</summary>
    public static ScenarioDocument Parse(JsonElement scenario) => ScenarioDocument.Parse(scenario.GetRawText(), PostedName);

    /// <summary>Applies overrides given as path → JSON value, after checking every path exists in the scenario.</summary>
    public static (ScenarioDocument Scenario, IReadOnlyList<string> Assignments) ApplyOverrides(ScenarioDocument scenario, IReadOnlyDictionary<string, JsonElement>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return (scenario, []);
        }

        // Scenario files may carry comments; the override machinery reads standard JSON.
        scenario = ScenarioDocument.Parse(Store.RunRecord.Canonical(scenario.Body.GetRawText()), scenario.Path);
        var root = JsonNode.Parse(scenario.Body.GetRawText())!;
        var known = ScenarioPaths.Of(root);
        var assignments = new List<string>();
        foreach (var (path, value) in overrides)
        {
            if (!ScenarioPaths.Exists(root, path))
            {
                throw new ScenarioException(scenario.Path, path, $"unknown override path{Nearest(path, known)}; editable fields are listed by GET /api/scenarios/{NameOf(scenario)}.");
            }

            assignments.Add($"{path}={value.GetRawText()}");
        }

        return (ScenarioOverrides.Apply(scenario, assignments), assignments);
    }

    /// <summary>" (did you mean 'X'?)" for the closest candidate, or empty.</summary>
    public static string Nearest(string name, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (c, d: EditDistance.Between(name, c))).OrderBy(p => p.d).FirstOrDefault();
        return best.c is not null && best.d <= Math.Max(3, name.Length / 2) ? $" (did you mean '{best.c}'?)" : string.Empty;
    }

    private static string NameOf(ScenarioDocument scenario) => scenario.Path == PostedName ? scenario.Name : Path.GetFileNameWithoutExtension(scenario.Path);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex SafeName();
}
