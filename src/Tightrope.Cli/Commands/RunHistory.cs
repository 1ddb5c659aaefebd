using System.Diagnostics;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Store;

namespace Tightrope.Cli.Commands;

/// <summary>Records CLI runs in the run store (<c>$TIGHTROPE_STORE</c>, default in the user's data folder; "off" disables it).</summary>
internal static class RunHistory
{
    /// <summary>Runs <paramref name="run"/> and records the result; a store that cannot be written only warns on stderr.</summary>
    public static RunReport Recorded(ScenarioDocument scenario, IReadOnlyList<string> overrides, Func<RunReport> run)
    {
        var clock = Stopwatch.StartNew();
        var report = run();
        var elapsed = clock.Elapsed;
        if (string.Equals(Environment.GetEnvironmentVariable(RunStore.EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return report;
        }

        try
        {
            using var store = RunStore.Open(RunStore.DefaultPath());
            var record = RunRecord.Create(scenario.Name, scenario.Title, scenario.Model, "cli", overrides, scenario.Body.GetRawText(), report, elapsed);
            store.Add(record);
            Console.Error.WriteLine($"recorded run {record.Manifest.Id} in {store.Path}");
        }
        catch (StoreException e)
        {
            // A running 'tightrope serve' holds the store; the results are still printed and written.
            Console.Error.WriteLine($"warning: run not recorded: {e.Message}");
        }

        return report;
    }

    /// <summary>Like <see cref="CliErrors.Guard"/>, and a store that cannot be opened is a one-line error too.</summary>
    public static int Guard(Func<int> action) => CliErrors.Guard(() =>
    {
        try
        {
            return action();
        }
        catch (StoreException e)
        {
            CliOutput.Err.WriteLine($"error: {e.Message}");
            return 1;
        }
    });
}
