using Tightrope.Bargaining;
using Tightrope.Data;
using Tightrope.Numerics;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary>
/// Exit codes and error reporting shared by every command: 0 success, 1 input error (bad file, scenario, option,
/// output folder, non-convergence), 2 internal error. Messages go to standard error, never a stack trace unless
/// <c>--verbose</c> is given.
/// </summary>
public static class CliErrors
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The input (files, scenario, options, output folder) is wrong, or a solver did not converge.</summary>
    public const int InputError = 1;

    /// <summary>A defect in Tightrope itself.</summary>
    public const int InternalError = 2;

    /// <summary>True for the errors a user can cause and fix.</summary>
    public static bool IsInputError(Exception e) =>
        e is DataFormatException or ScenarioException or SolverDidNotConvergeException or BargainingInputException
            or OutputFolderException or DirectoryNotFoundException or FileNotFoundException or ArgumentException
            or KeyNotFoundException or DllNotFoundException or IOException or UnauthorizedAccessException or FormatException;

    /// <summary>Runs a command action; an input error prints "error: …" on standard error and returns 1. Others propagate to <see cref="Program.Main"/>.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsInputError(e))
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }
    }

    /// <summary>Reports an exception that escaped a command: one line (the whole exception with <paramref name="verbose"/>); returns the exit code.</summary>
    public static int Unexpected(Exception e, bool verbose)
    {
        Console.Out.Flush();
        if (IsInputError(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            if (verbose)
            {
                Console.Error.WriteLine(e.ToString());
            }

            return InputError;
        }

        var firstLine = e.Message.Split('\n')[0].Trim();
        Console.Error.WriteLine($"internal error: {e.GetType().Name}: {firstLine}");
        Console.Error.WriteLine(verbose ? e.ToString() : "This is a defect in Tightrope; rerun with --verbose for details.");
        return InternalError;
    }
}
