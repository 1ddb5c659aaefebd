using System.CommandLine;
using Spectre.Console;
using Tightrope.Reports;
using Tightrope.Scenarios;

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
        var output = new Option<FileInfo?>("--out") { Description = "Also write the comparison to this CSV file." };
        var command = new Command("compare", "Run several scenarios and show one outcome side by side.") { scenarios, table, column, rows, output };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var catalog = ScenarioCatalog.Default();
            var runs = parse.GetValue(scenarios)!
                .Select(name => catalog.Find(name))
                .Select(doc => (doc.Name, Tightrope.Catalog.ShippedModels.Registry.Run(doc)))
                .ToList();
            var keysText = parse.GetValue(rows) ?? "MEX,USA,CAN,CHN";
            var keys = keysText == "all" ? [] : keysText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var comparison = ReportComparison.Compare(runs, parse.GetValue(table)!, parse.GetValue(column)!, keys);
            ConsoleReportRenderer.Render(comparison, AnsiConsole.Console);
            var file = parse.GetValue(output);
            if (file is not null)
            {
                CsvReportWriter.Write(comparison, file.FullName);
                AnsiConsole.Console.MarkupLine($"[grey]wrote {Markup.Escape(file.FullName)}[/]");
            }

            return 0;
        }));
        return command;
    }
}
