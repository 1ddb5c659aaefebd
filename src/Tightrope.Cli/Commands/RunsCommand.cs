using System.CommandLine;
using System.Globalization;
using Tightrope.Reports;
using Tightrope.Store;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope runs list|show|export|query</c>: the history of runs kept in the run store.</summary>
public static class RunsCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create()
    {
        var store = new Option<FileInfo?>("--store") { Description = "Run store file (default: $TIGHTROPE_STORE or tightrope/runs.duckdb in the user's data folder).", Recursive = true };
        var command = new Command("runs", "List, show and export the runs recorded in the run store.") { store };
        command.Subcommands.Add(List(store));
        command.Subcommands.Add(Show(store));
        command.Subcommands.Add(Export(store));
        command.Subcommands.Add(Query(store));
        return command;
    }

    private static RunStore Open(ParseResult parse, Option<FileInfo?> store) => RunStore.Open(parse.GetValue(store)?.FullName ?? RunStore.DefaultPath());

    private static Command List(Option<FileInfo?> store)
    {
        var limit = new Option<int>("--limit") { Description = "How many runs to show, newest first (default 20).", DefaultValueFactory = _ => 20 };
        var scenario = new Option<string?>("--scenario") { Description = "Only runs of this scenario." };
        var command = new Command("list", "List recorded runs, newest first.") { limit, scenario };
        command.SetAction(parse => RunHistory.Guard(() =>
        {
            var cli = CliOutput.From(parse);
            using var s = Open(parse, store);
            var runs = s.ListAsync(Math.Max(1, parse.GetValue(limit)), parse.GetValue(scenario)).GetAwaiter().GetResult();
            if (runs.Count == 0)
            {
                CliOutput.Print($"no runs recorded in {s.Path}\n");
                return 0;
            }

            var table = new ReportTable(
                "runs",
                $"Runs recorded in {s.Path}, newest first",
                [ReportColumn.Text("id"), ReportColumn.Text("created", "created (UTC)"), ReportColumn.Text("scenario"), ReportColumn.Text("from"), ReportColumn.Text("overrides"), ReportColumn.Number("solve_ms", "solve ms", 0)],
                runs.Select(m => (IReadOnlyList<object?>)
                [
                    m.Id, m.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), m.Scenario, m.Origin,
                    m.Overrides.Count == 0 ? "-" : string.Join("; ", m.Overrides), m.ElapsedMs,
                ]).ToList());
            CliOutput.Print(TextReportRenderer.Render(table, cli.Settings));
            return 0;
        }));
        return command;
    }

    private static Command Show(Option<FileInfo?> store)
    {
        var id = new Argument<string>("id") { Description = "Run id (see 'tightrope runs list')." };
        var command = new Command("show", "Show a run's manifest and its tables.") { id };
        command.SetAction(parse => RunHistory.Guard(() =>
        {
            using var s = Open(parse, store);
            var run = Find(s, parse.GetValue(id)!);
            var m = run.Manifest;
            var about = new ReportTable(
                "run",
                $"Run {m.Id}",
                [ReportColumn.Text("field"), ReportColumn.Text("value")],
                new (string, string)[]
                {
                    ("id", m.Id), ("created", m.Created.ToString("O", CultureInfo.InvariantCulture)), ("scenario", m.Scenario), ("title", m.Title),
                    ("model", m.Model), ("from", m.Origin), ("overrides", m.Overrides.Count == 0 ? "-" : string.Join("; ", m.Overrides)),
                    ("input hash", m.InputHash), ("solve", string.Create(CultureInfo.InvariantCulture, $"{m.ElapsedMs:F1} ms")), ("version", m.Version),
                    ("tables", string.Join(", ", m.Tables.Select(t => $"{t.Name} ({t.RowCount})"))),
                }.Select(kv => (IReadOnlyList<object?>)[kv.Item1, kv.Item2]).ToList());
            var cli = CliOutput.From(parse);
            CliOutput.Print(TextReportRenderer.Render(new RunReport(m.ReportTitle, [about, .. run.Tables.Select(t => t.ToDisplayTable())], []), cli.Settings));
            return 0;
        }));
        return command;
    }

    private static Command Export(Option<FileInfo?> store)
    {
        var id = new Argument<string>("id") { Description = "Run id (see 'tightrope runs list')." };
        var format = new Option<string>("--format") { Description = "csv (default; identical to 'tightrope run --out') or parquet.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory to write NAME.csv or NAME.parquet per table (default: run-ID)." };
        var command = new Command("export", "Write a run's tables as CSV or Parquet files.") { id, format, output };
        command.SetAction(parse => RunHistory.Guard(() =>
        {
            using var s = Open(parse, store);
            var run = Find(s, parse.GetValue(id)!);
            var dir = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"run-{run.Manifest.Id}");
            if (File.Exists(dir) || (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any()))
            {
                // An export never replaces files already there.
                throw new ArgumentException($"--out {dir}: {(File.Exists(dir) ? "is a file" : "is not empty")}; choose a new folder.");
            }

            Directory.CreateDirectory(dir);
            var parquet = parse.GetValue(format) == "parquet";
            foreach (var table in run.Tables)
            {
                var path = Path.Combine(dir, table.Info.Name + (parquet ? ".parquet" : ".csv"));
                if (parquet)
                {
                    s.ExportParquet(table, path);
                }
                else
                {
                    CsvReportWriter.Write(table.ToReportTable(), path);
                }

                CliOutput.Wrote(path);
            }

            return 0;
        }));
        return command;
    }

    private static Command Query(Option<FileInfo?> store)
    {
        var id = new Argument<string>("id") { Description = "Id of a recorded sweep (see 'tightrope runs list'; sweeps show 'sweep' as their origin)." };
        var sql = new Argument<string?>("sql")
        {
            Description = $"SQL over the view '{SweepRowsQuery.View}' (draw, iso3, outcome, value, one column per swept field); default: its columns.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var limit = new Option<int>("--limit") { Description = "Most result rows printed (default 1000).", DefaultValueFactory = _ => 1000 };
        var format = CliOutput.FormatOption();
        var command = new Command("query", "Query a recorded sweep's Parquet rows with SQL (DuckDB reads results.parquet in place).") { id, sql, limit, format };
        command.SetAction(parse => RunHistory.Guard(() =>
        {
            var cli = CliOutput.From(parse);
            var outputFormat = ReportFormats.Parse(parse.GetValue(format)!);
            string results;
            using (var s = Open(parse, store))
            {
                var run = Find(s, parse.GetValue(id)!);
                results = run.Manifest.Sweep?.Results
                    ?? throw new ArgumentException($"run '{run.Manifest.Id}' is a single run of {run.Manifest.Scenario}, not a sweep; 'tightrope runs show {run.Manifest.Id}' prints its tables.");
            }

            var text = parse.GetValue(sql) ?? $"DESCRIBE {SweepRowsQuery.View}";
            var table = SweepRowsQuery.Run(results, text, Math.Max(1, parse.GetValue(limit)));
            CliOutput.Print(ReportFormats.Write(new RunReport(text, [table], []), outputFormat, cli.Settings));
            return 0;
        }));
        return command;
    }

    private static StoredRun Find(RunStore store, string id) =>
        store.Get(id) ?? throw new KeyNotFoundException($"no run '{id}' in {store.Path}; 'tightrope runs list' shows the recorded ones.");
}
