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
        root.Subcommands.Add(TariffGameCommand.Create());
        return root;
    }

    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();
}
