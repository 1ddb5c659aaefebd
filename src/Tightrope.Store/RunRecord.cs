using System.Reflection;
using System.Text.Json.Nodes;
using Tightrope.Reports;

namespace Tightrope.Store;

/// <summary>Builds the stored form of a finished run, for the CLI and the web app alike.</summary>
public static class RunRecord
{
    private static readonly System.Text.Json.JsonDocumentOptions ReadOptions = new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Scenario JSON (comments and trailing commas allowed) as compact standard JSON.</summary>
    public static string Canonical(string scenarioJson) => JsonNode.Parse(scenarioJson, documentOptions: ReadOptions)!.ToJsonString();

    /// <summary>The input hash of a scenario body: its canonical compact JSON without the citation list, which does not change results.</summary>
    public static string InputHash(string scenarioJson)
    {
        var node = JsonNode.Parse(scenarioJson, documentOptions: ReadOptions)!.AsObject();
        node.Remove("sources");
        return RunStore.HashInput(node.ToJsonString());
    }

    /// <summary>
    /// A sweep as a stored run: the report holds its summary table; the manifest records the plan and where the rows
    /// are. Its input hash is the plan's (never a single run's), so a sweep is not served as a cached run.
    /// </summary>
    public static StoredRun CreateSweep(string scenario, string title, string model, string scenarioJson, RunReport report, TimeSpan elapsed, SweepManifest sweep)
    {
        var run = Create(scenario, title, model, "sweep", sweep.Axes, scenarioJson, report, elapsed);
        return run with { Manifest = run.Manifest with { InputHash = RunStore.HashInput("sweep:" + sweep.PlanJson), Sweep = sweep } };
    }

    /// <summary>A stored run from a report.</summary>
    public static StoredRun Create(string scenario, string title, string model, string origin, IReadOnlyList<string> overrides, string scenarioJson, RunReport report, TimeSpan elapsed)
    {
        var now = DateTimeOffset.UtcNow;
        // What the store keeps is what an output folder holds: the CSV tables, not the screen-only sections.
        var tables = report.Tables.Where(t => !t.ScreenOnly).Select(StoredTable.From).ToList();
        var manifest = new RunManifest
        {
            Id = RunStore.NewId(now),
            Created = now,
            Scenario = scenario,
            Title = title,
            Model = model,
            Origin = origin,
            Overrides = overrides,
            InputHash = InputHash(scenarioJson),
            ElapsedMs = Math.Round(elapsed.TotalMilliseconds, 3),
            Version = typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0",
            ReportTitle = report.Title,
            Notes = report.Notes,
            Tables = tables.Select(t => t.Info).ToList(),
            ScenarioJson = Canonical(scenarioJson),
        };
        return new StoredRun(manifest, tables);
    }
}
