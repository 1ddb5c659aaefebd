using System.CommandLine;
using Tightrope.Reports;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope run &lt;scenario&gt; [--out DIR] [--set path=value …] [--format …]</c>: runs a scenario, prints its results, optionally writes an output folder.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario name (see 'tightrope scenarios') or path to a scenario .json file." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder to write every result table to as CSV, with manifest.json (replaced whole if it holds a previous output)." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var set = new Option<string[]>("--set") { Description = "Override a scenario field, e.g. --set parameters.tradeElasticity=8 --set recycling=lump-sum (repeatable; see 'tightrope schema MODEL').", AllowMultipleArgumentsPerToken = false };
        var format = CliOutput.FormatOption();
        var table = new Option<string?>("--table") { Description = "Print only this result table (e.g. countries), for --format csv/json/markdown." };
        var draws = new Option<int>("--draws") { Description = "Also run N random draws of the --vary fields and print 5/50/95% bands beside each number." };
        var vary = new Option<string[]>("--vary") { Description = "With --draws: PATH=uniform(a,b), normal(m,s) or choice(v1,…) (repeatable).", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long>("--seed") { Description = "With --draws: seed of the random draws (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run a scenario and print its results.") { scenario, output, data, set, format, table, draws, vary, seed };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var started = DateTimeOffset.UtcNow;
            var cli = CliOutput.From(parse);
            var outputFormat = ReportFormats.Parse(parse.GetValue(format)!);
            var dataRoot = ScenarioRuns.DataRoot(parse.GetValue(data));
            var doc = ScenarioRuns.Load(parse.GetValue(scenario)!, parse.GetValue(set) ?? []);
            var outDir = parse.GetValue(output);
            if (outDir is not null)
            {
                // Refuse a bad folder before spending time on the solve.
                OutputFolder.Check(outDir.FullName, dataRoot);
            }

            ScenarioRuns.Finished run = null!;
            var report = parse.GetValue(draws) > 0 || parse.GetValue(vary) is { Length: > 0 }
                ? (run = ScenarioRuns.RunWithBands(doc, parse.GetValue(data)?.FullName, options => SweepCommand.RunWithBands(doc, parse.GetValue(draws), parse.GetValue(vary) ?? [], parse.GetValue(seed), options))).Report
                : RunHistory.Recorded(doc, parse.GetValue(set) ?? [], () => (run = ScenarioRuns.Run(doc, parse.GetValue(data)?.FullName)).Report);
            if (parse.GetValue(table) is { } only)
            {
                var picked = report.Tables.FirstOrDefault(t => t.Name == only)
                    ?? throw new ArgumentException($"--table '{only}': no such table; this run has {string.Join(", ", report.Tables.Select(t => t.Name))}.");
                report = report with { Tables = [picked with { ScreenRowLimit = null }] };
            }

            if (outDir is not null)
            {
                var manifest = new OutputManifest(ScenarioRuns.CommandLine(parse), ToolVersion.Current, started, DateTimeOffset.UtcNow, [run.Manifest]) { DataRoot = dataRoot };
                CliOutput.WroteFolder(outDir.FullName, OutputFolder.Write(outDir.FullName, run.Report.Tables, manifest, dataRoot, run.Report.Files));
            }

            CliOutput.Print(ReportFormats.Write(report, outputFormat, cli.Settings));
            return CliErrors.Ok;
        }));
        return command;
    }
}
