using System.CommandLine;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope validate FILE…</c>: checks scenarios (fields, types, choices, model rules) without reading data or solving.</summary>
public static class ValidateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("scenarios") { Description = "Scenario names or .json files ('all' for the whole library).", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string[]>("--set") { Description = "Check with these overrides applied (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("validate", "Check scenario files without running them; exit code 1 if any has a problem.") { files, set };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var names = parse.GetValue(files)!;
            if (names is ["all"])
            {
                names = [.. ScenarioCatalog.Default().All().Select(d => d.Path)];
            }

            var failed = 0;
            foreach (var name in names)
            {
                try
                {
                    var doc = ScenarioRuns.Load(name, parse.GetValue(set) ?? []);
                    CliOutput.Out.WriteLine($"ok: {doc.Name} ({doc.Model}) {doc.Path}");
                }
                catch (Exception e) when (CliErrors.IsInputError(e))
                {
                    failed++;
                    CliOutput.Err.WriteLine($"error: {e.Message}");
                }
            }

            return failed == 0 ? CliErrors.Ok : CliErrors.InputError;
        }));
        return command;
    }
}
