using Tightrope.Store;

namespace Tightrope.Web.Tests;

public sealed class CliStoreTests
{
    [Fact]
    public async Task Cli_runs_are_recorded_and_export_as_the_same_csv_and_as_parquet()
    {
        var folder = Directory.CreateTempSubdirectory("tightrope-cli-store-").FullName;
        var store = Path.Combine(folder, "runs.duckdb");
        var previous = Environment.GetEnvironmentVariable(RunStore.EnvironmentVariable);
        Environment.SetEnvironmentVariable(RunStore.EnvironmentVariable, store);
        try
        {
            Cli.Program.Main(["run", "bdm-ec10", "--set", "bargaining.rounds=4", "--out", Path.Combine(folder, "out")]).ShouldBe(0);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunStore.EnvironmentVariable, previous);
        }

        string id;
        using (var s = RunStore.Open(store))
        {
            var runs = await s.ListAsync(cancellation: TestContext.Current.CancellationToken);
            runs.Count.ShouldBe(1);
            runs[0].Origin.ShouldBe("cli");
            runs[0].Overrides.ShouldBe(["bargaining.rounds=4"]);
            id = runs[0].Id;
        }

        Cli.Program.Main(["runs", "list", "--store", store]).ShouldBe(0);
        Cli.Program.Main(["runs", "show", id, "--store", store]).ShouldBe(0);
        Cli.Program.Main(["runs", "export", id, "--store", store, "--out", Path.Combine(folder, "csv")]).ShouldBe(0);
        Cli.Program.Main(["runs", "export", id, "--store", store, "--format", "parquet", "--out", Path.Combine(folder, "parquet")]).ShouldBe(0);
        foreach (var csv in Directory.GetFiles(Path.Combine(folder, "out"), "*.csv"))
        {
            File.ReadAllText(Path.Combine(folder, "csv", Path.GetFileName(csv))).ShouldBe(File.ReadAllText(csv), Path.GetFileName(csv));
            var parquet = Path.Combine(folder, "parquet", Path.GetFileNameWithoutExtension(csv) + ".parquet");
            using var duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            duck.Open();
            using var cmd = duck.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM read_parquet('{parquet}')";
            Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(File.ReadAllLines(csv).Length - 1, parquet);
        }

        Cli.Program.Main(["runs", "show", "20000101-000000-00000000", "--store", store]).ShouldBe(1);
        Directory.Delete(folder, recursive: true);
    }
}
