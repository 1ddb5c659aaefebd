using System.CommandLine;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Commands;

/// <summary>Loads, overrides, validates and runs scenarios for the commands, recording what each run read for its manifest.</summary>
public static class ScenarioRuns
{
    /// <summary>One finished run.</summary>
    public sealed record Finished(ScenarioDocument Scenario, RunReport Report, ManifestRun Manifest);

    /// <summary>The scenario by name or path with the overrides applied and validated (no data read).</summary>
    public static ScenarioDocument Load(string nameOrPath, IReadOnlyList<string> overrides)
    {
        var doc = ScenarioOverrides.Apply(ScenarioCatalog.Default().Find(nameOrPath), overrides);
        Tightrope.Catalog.ShippedModels.Registry.Validate(doc);
        return doc;
    }

    /// <summary>Runs a loaded scenario.</summary>
    public static Finished Run(ScenarioDocument doc, string? dataRoot)
    {
        var files = new DataFileLog();
        var report = Tightrope.Catalog.ShippedModels.Registry.Run(doc, new RunOptions(dataRoot) { Files = files });
        return new Finished(doc, report, ManifestOf(doc, report, files.Files));
    }

    /// <summary>Runs a loaded scenario through <paramref name="run"/> (e.g. with uncertainty bands), recording what it read.</summary>
    public static Finished RunWithBands(ScenarioDocument doc, string? dataRoot, Func<RunOptions, RunReport> run)
    {
        var files = new DataFileLog();
        var report = run(new RunOptions(dataRoot) { Files = files });
        return new Finished(doc, report, ManifestOf(doc, report, files.Files));
    }

    /// <summary>The manifest entry of a run.</summary>
    public static ManifestRun ManifestOf(ScenarioDocument doc, RunReport report, IReadOnlyList<string> files) =>
        new(doc.Name, Path.GetFullPath(doc.Path), doc.Body.GetRawText(), doc.Overrides, files, report.Solver);

    /// <summary>The command line as typed after the program name, for manifests.</summary>
    public static string CommandLine(ParseResult parse) => "tightrope " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));

    /// <summary>The data root a command uses.</summary>
    public static string DataRoot(DirectoryInfo? option) => option?.FullName ?? Tightrope.Data.DataLocation.Root;
}
