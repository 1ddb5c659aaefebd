using System.CommandLine;
using Tightrope.Reports;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope compare A B … [--column welfare_pct] [--rows MEX,USA,…]</c>: one outcome of several scenarios side by side.</summary>
public static class CompareCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scenarios = new Argument<string[]>("scenarios") { Description = "Two or more scenario names or files.", Arity = new ArgumentArity(2, 20) };
        var table = new Option<string>("--table") { Description = "Result table to compare (default: countries).", DefaultValueFactory = _ => "countries" };
        var column = new Option<string>("--column") { Description = "Column to compare (default: welfare_pct).", DefaultValueFactory = _ => "welfare_pct" };
        var rows = new Option<string?>("--rows") { Description = "Comma-separated row keys (default: MEX,USA,CAN,CHN; 'all' for every row)." };
        var output = new Option<string?>("--out") { Description = "Also write the comparison: to FILE.csv, or to a folder with comparison.csv and manifest.json." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var set = new Option<string[]>("--set") { Description = "Override a field in every scenario compared, e.g. --set parameters.tradeElasticity=8 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var format = CliOutput.FormatOption();
        var command = new Command("compare", "Run several scenarios and show one outcome side by side.") { scenarios, table, column, rows, output, data, set, format };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var started = DateTimeOffset.UtcNow;
            var cli = CliOutput.From(parse);
            var outputFormat = ReportFormats.Parse(parse.GetValue(format)!);
            var dataRoot = ScenarioRuns.DataRoot(parse.GetValue(data));
            var docs = parse.GetValue(scenarios)!.Select(name => ScenarioRuns.Load(name, parse.GetValue(set) ?? [])).ToList();
            var target = parse.GetValue(output) is { } given ? Path.GetFullPath(given) : null;
            var toFile = target is not null && target.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (target is not null && !toFile)
            {
                OutputFolder.Check(target, dataRoot);
            }

            var runs = docs.Select(d => ScenarioRuns.Run(d, parse.GetValue(data)?.FullName)).ToList();
            var keysText = parse.GetValue(rows) ?? "MEX,USA,CAN,CHN";
            var keys = keysText == "all" ? [] : keysText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var comparison = ReportComparison.Compare(runs.Select(r => (r.Scenario.Name, r.Report)).ToList(), parse.GetValue(table)!, parse.GetValue(column)!, keys);
            var report = new RunReport(comparison.Title, [comparison], [.. runs.Select(r => $"{r.Scenario.Name}: {r.Report.Title}")]);
            if (target is not null)
            {
                if (toFile)
                {
                    CliOutput.Wrote(OutputFolder.WriteFile(target, ReportFormats.Csv(comparison), dataRoot));
                }
                else
                {
                    var manifest = new OutputManifest(ScenarioRuns.CommandLine(parse), ToolVersion.Current, started, DateTimeOffset.UtcNow, [.. runs.Select(r => r.Manifest)]) { DataRoot = dataRoot };
                    CliOutput.WroteFolder(target, OutputFolder.Write(target, [comparison], manifest, dataRoot));
                }
            }

            CliOutput.Print(ReportFormats.Write(report, outputFormat, cli.Settings));
            return CliErrors.Ok;
        }));
        return command;
    }
}
