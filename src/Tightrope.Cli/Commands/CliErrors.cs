using Spectre.Console;
using Tightrope.Bargaining;
using Tightrope.Data;
using Tightrope.Numerics;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary>Turns the errors users can cause (bad files, bad scenarios, non-convergence) into a one-line message and exit code 1.</summary>
internal static class CliErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DataFormatException or ScenarioException or SolverDidNotConvergeException or BargainingInputException
                                      or DirectoryNotFoundException or FileNotFoundException or ArgumentException or KeyNotFoundException
                                      or DllNotFoundException)
        {
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
