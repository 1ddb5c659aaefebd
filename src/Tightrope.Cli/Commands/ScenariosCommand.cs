using System.CommandLine;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope scenarios</c>: lists the scenario library, one line each.</summary>
public static class ScenariosCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var format = CliOutput.FormatOption();
        var command = new Command("scenarios", "List the scenarios shipped with Tightrope, one line each.") { format };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var cli = CliOutput.From(parse);
            var rows = ScenarioCatalog.Default().All().Select(s => (IReadOnlyList<object?>)[s.Name, s.Model, s.Title]).ToList();
            var table = new ReportTable("scenarios", "Scenario library (run one with 'tightrope run NAME')", [ReportColumn.Text("name"), ReportColumn.Text("model"), ReportColumn.Text("title")], rows);
            CliOutput.Print(ReportFormats.Write(new RunReport("Tightrope scenarios", [table], []), ReportFormats.Parse(parse.GetValue(format)!), cli.Settings));
            return CliErrors.Ok;
        }));
        return command;
    }
}
