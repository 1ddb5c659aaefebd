using System.CommandLine;
using Spectre.Console;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope scenarios</c>: lists the scenario library, one line each.</summary>
public static class ScenariosCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("scenarios", "List the scenarios shipped with Tightrope, one line each.");
        command.SetAction(_ => CliErrors.Guard(() =>
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("name", "model", "title");
            foreach (var s in ScenarioCatalog.Default().All())
            {
                table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Model), Markup.Escape(s.Title));
            }

            AnsiConsole.Console.Write(table);
            return 0;
        }));
        return command;
    }
}
