using System.Globalization;
using Tightrope.Cli;
using Tightrope.Store;
using static Tightrope.Sweeps.Tests.SweepTestSupport;

namespace Tightrope.Sweeps.Tests;

/// <summary>The tests' sweeps stay out of the user's run store unless a test names its own.</summary>
internal static class KeepSweepsOutOfTheStore
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialise()
    {
        if (Environment.GetEnvironmentVariable(RunStore.EnvironmentVariable) is null)
        {
            Environment.SetEnvironmentVariable(RunStore.EnvironmentVariable, "off");
        }
    }
}

/// <summary>A sweep recorded in the run store: listed, its summary stored, its Parquet rows queryable with SQL.</summary>
[Collection(nameof(SlurmClusterTests))]
public class SweepStoreTests
{
    [Fact]
    public async Task A_local_sweep_is_recorded_and_its_rows_answer_sql_with_the_summary_quantiles()
    {
        var work = TempDirectory("sweep-store");
        var previous = Environment.GetEnvironmentVariable(RunStore.EnvironmentVariable);
        var storePath = Path.Combine(work, "runs.duckdb");
        try
        {
            // The collection runs alone, so the process-wide variable is this test's while it runs.
            Environment.SetEnvironmentVariable(RunStore.EnvironmentVariable, storePath);
            var dir = Path.Combine(work, "sweep");
            Program.Main(["sweep", "imls-case1", "--draws", "24", "--vary", "parameters.tradeElasticity=uniform(3,5)", "--seed", "5",
                "--outcomes", "welfare_pct,prices_pct", "--block-size", "8", "--out", dir]).ShouldBe(0);

            string id;
            using (var store = RunStore.Open(storePath))
            {
                var runs = await store.ListAsync(cancellation: TestContext.Current.CancellationToken);
                var manifest = runs.ShouldHaveSingleItem();
                manifest.Origin.ShouldBe("sweep");
                manifest.Scenario.ShouldBe("imls-case1");
                var sweep = manifest.Sweep.ShouldNotBeNull();
                sweep.Points.ShouldBe(24);
                sweep.Rows.ShouldBe(24 * 194 * 2);
                sweep.Results.ShouldBe(Path.Combine(dir, "results.parquet"));
                var planCopy = Path.Combine(work, "plan-copy.json");
                File.WriteAllText(planCopy, sweep.PlanJson);
                SweepPlan.Load(planCopy).ResultsKey.ShouldBe(SweepPlan.Load(Path.Combine(dir, "plan.json")).ResultsKey);
                manifest.InputHash.ShouldNotBe(RunRecord.InputHash(SweepPlan.Load(Path.Combine(dir, "plan.json")).ScenarioJson));
                id = manifest.Id;

                // The stored summary is summary.csv, byte for byte.
                var run = (await store.GetAsync(id, TestContext.Current.CancellationToken)).ShouldNotBeNull();
                Reports.CsvReportWriter.Format(run.Table("summary")!.ToReportTable()).ShouldBe(File.ReadAllText(Path.Combine(dir, "summary.csv")));
            }

            // DuckDB's own quantiles of the Parquet rows equal the summary's bands.
            var sql = SweepRowsQuery.Run(
                Path.Combine(dir, "results.parquet"),
                "SELECT iso3, outcome, count(*) AS n, avg(value) AS mean, quantile_cont(value, 0.05) AS p05, quantile_cont(value, 0.5) AS p50, " +
                "quantile_cont(value, 0.95) AS p95 FROM rows GROUP BY iso3, outcome");
            sql.Rows.Count.ShouldBe(194 * 2);
            var summary = File.ReadLines(Path.Combine(dir, "summary.csv")).Skip(1).Select(l => l.Split(','))
                .ToDictionary(c => (c[0], c[1]), c => c.Skip(2).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            foreach (var row in sql.Rows)
            {
                var s = summary[((string)row[0]!, (string)row[1]!)];
                row[2].ShouldBe("24");
                ((double)row[3]!).ShouldBe(s[0], 1e-12 * Math.Max(1, Math.Abs(s[0])));
                new[] { (double)row[4]!, (double)row[5]!, (double)row[6]! }.ShouldBe([s[2], s[3], s[4]], 1e-12);
            }

            Program.Main(["runs", "query", id, "SELECT outcome, count(*) AS n FROM rows GROUP BY outcome", "--store", storePath]).ShouldBe(0);
            Program.Main(["runs", "query", id, "SELECT nothing FROM rows", "--store", storePath]).ShouldBe(1);
            Program.Main(["runs", "query", "no-such-run", "--store", storePath]).ShouldBe(1);
            Should.Throw<StoreException>(() => SweepRowsQuery.Run(Path.Combine(work, "missing.parquet"), "SELECT 1")).Message.ShouldContain("missing.parquet");
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunStore.EnvironmentVariable, previous);
            Delete(work);
        }
    }
}
