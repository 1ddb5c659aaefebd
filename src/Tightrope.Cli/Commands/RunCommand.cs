using System.CommandLine;
using Spectre.Console;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope run &lt;scenario&gt; [--out DIR]</c>: runs a scenario by name or file, prints its tables, optionally writes CSVs.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario name (see 'tightrope scenarios') or path to a scenario .json file." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory to write the result tables to as CSV (countries.csv, summary.csv, …)." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var set = new Option<string[]>("--set") { Description = "Override a scenario field, e.g. --set parameters.tradeElasticity=8 --set recycling=lump-sum (repeatable).", AllowMultipleArgumentsPerToken = false };
        var draws = new Option<int>("--draws") { Description = "Also run N random draws of the --vary fields and print 5/50/95% bands beside each number." };
        var vary = new Option<string[]>("--vary") { Description = "With --draws: PATH=uniform(a,b), normal(m,s) or choice(v1,…) (repeatable).", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long>("--seed") { Description = "With --draws: seed of the random draws (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run a scenario and print its results.") { scenario, output, data, set, draws, vary, seed };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var doc = ScenarioOverrides.Apply(ScenarioCatalog.Default().Find(parse.GetValue(scenario)!), parse.GetValue(set) ?? []);
            var report = parse.GetValue(draws) > 0 || parse.GetValue(vary) is { Length: > 0 }
                ? SweepCommand.RunWithBands(doc, parse.GetValue(draws), parse.GetValue(vary) ?? [], parse.GetValue(seed), new RunOptions(parse.GetValue(data)?.FullName))
                : Tightrope.Catalog.ShippedModels.Registry.Run(doc, new RunOptions(parse.GetValue(data)?.FullName));
            var console = AnsiConsole.Console;
            ConsoleReportRenderer.Render(report, console);
            var outDir = parse.GetValue(output);
            if (outDir is not null)
            {
                foreach (var path in CsvReportWriter.WriteAll(report, outDir.FullName))
                {
                    console.MarkupLine($"[grey]wrote {Markup.Escape(path)}[/]");
                }
            }

            return 0;
        }));
        return command;
    }
}
