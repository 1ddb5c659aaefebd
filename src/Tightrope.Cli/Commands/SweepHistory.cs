using Tightrope.Reports;
using Tightrope.Store;
using Tightrope.Sweeps;

namespace Tightrope.Cli.Commands;

/// <summary>Records merged sweeps in the run store, so 'tightrope runs' and the web app list them and reach their rows.</summary>
public static class SweepHistory
{
    /// <summary>The stored run of a merged sweep: its summary as the table "summary", its plan and rows in the manifest.</summary>
    public static StoredRun Create(MergeResult merged, string directory, TimeSpan elapsed)
    {
        var plan = merged.Plan;
        var scenario = plan.Scenario;
        var axes = plan.Grid.Select(g => $"grid {g}")
            .Concat(plan.Draws > 0 ? [$"draws {plan.Draws} (seed {plan.Seed})"] : [])
            .Concat(plan.Vary.Select(v => $"vary {v}"))
            .ToList();
        var title = $"Sweep of {plan.PointCount} points: {string.Join("; ", axes)}";
        var report = new RunReport(title, [SweepResultFiles.SummaryTable(merged.Summary!, title)], [$"Outcomes: {string.Join(", ", plan.Outcomes)}."]);
        var results = Path.Combine(directory, "results.parquet");
        var sweep = new SweepManifest(directory, results, plan.PointCount, merged.RowCount ?? 0, merged.Failures.Count, axes, plan.ToJson());
        return RunRecord.CreateSweep(scenario.Name, scenario.Title, scenario.Model, plan.ScenarioJson, report, elapsed, sweep);
    }

    /// <summary>Records <paramref name="merged"/>; a store that cannot be written only warns on stderr ("off" disables it).</summary>
    public static void Record(MergeResult merged, string directory, TimeSpan elapsed)
    {
        if (string.Equals(Environment.GetEnvironmentVariable(RunStore.EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            using var store = RunStore.Open(RunStore.DefaultPath());
            var record = Create(merged, directory, elapsed);
            store.Add(record);
            Console.Error.WriteLine($"recorded sweep {record.Manifest.Id} in {store.Path}; query its rows with: tightrope runs query {record.Manifest.Id} \"SELECT …\"");
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"warning: sweep not recorded: {e.Message}");
        }
    }
}
