using System.CommandLine;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope schema [MODEL]</c>: the scenario models, or one model's fields with types, defaults and meaning.</summary>
public static class SchemaCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new Argument<string?>("model") { Description = "Model name (omit to list the models).", Arity = ArgumentArity.ZeroOrOne };
        var format = CliOutput.FormatOption();
        var command = new Command("schema", "List the scenario models, or the fields of one model's scenario files.") { model, format };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var cli = CliOutput.From(parse);
            var outputFormat = ReportFormats.Parse(parse.GetValue(format)!);
            var registry = Tightrope.Catalog.ShippedModels.Registry;
            RunReport report;
            if (parse.GetValue(model) is not { } name)
            {
                var rows = registry.Models.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (IReadOnlyList<object?>)[m.Name, m.Description, m.Fields is null ? "no" : "yes"]).ToList();
                report = new RunReport("Scenario models (fields: 'tightrope schema MODEL')",
                    [new ReportTable("models", "Models", [ReportColumn.Text("model"), ReportColumn.Text("description"), ReportColumn.Text("declared")], rows)], []);
            }
            else
            {
                var m = registry.Models.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"unknown model '{name}'; {EditDistance.Suggest(name, registry.Models.Select(x => x.Name).ToList()).Replace("fields here", "models", StringComparison.Ordinal)}");
                if (outputFormat == OutputFormat.Markdown)
                {
                    // Exactly the block docs/scenarios.md holds (checked by the tests).
                    CliOutput.Print(ScenarioSchema.Markdown(m));
                    return CliErrors.Ok;
                }

                report = new RunReport($"Fields of a '{m.Name}' scenario", [ScenarioSchema.Table(m)], [ScenarioSchema.EnvelopeNote]);
            }

            CliOutput.Print(ReportFormats.Write(report, outputFormat, cli.Settings));
            return CliErrors.Ok;
        }));
        return command;
    }
}
