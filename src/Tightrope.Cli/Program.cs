using System.CommandLine;
using Tightrope.Cli.Commands;

namespace Tightrope.Cli;

/// <summary>Entry point of the <c>tightrope</c> command.</summary>
public static class Program
{
    /// <summary>Builds the command tree: one line per command, each defined in Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Tightrope: trade-policy general equilibrium, gravity estimation and negotiation models for the US–Mexico relationship.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ScenariosCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(BargainCommand.Create());
        root.Subcommands.Add(EstimateCommand.Create());
        root.Subcommands.Add(TimelineCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        foreach (var option in CliOutput.GlobalOptions())
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(TariffGameCommand.Create());
        return root;
    }

    /// <summary>Runs the command line; exit codes 0 (success), 1 (input error), 2 (internal error).</summary>
    public static int Main(string[] args)
    {
        var parse = BuildRoot().Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = Console.Out, Error = Console.Error });
        }
        catch (Exception e)
        {
            return CliErrors.Unexpected(e, args.Contains("--verbose"));
        }
    }
}
