using System.CommandLine;
using System.Globalization;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Timeline;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope timeline</c>: the 2025–26 US tariff path at the tracker's dates, the threat path and what each postponement was worth.</summary>
public static class TimelineCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var threats = new Option<bool>("--threats") { Description = "Also print the threat path: Mexico's rate and welfare with every standing threat carried out, and the dates each postponement covers." };
        var share = new Option<double?>("--compliance-share") { Description = "Share s of Mexico's exports that qualify for USMCA treatment, in [0, 1] (default 0.82, the tracker's); a threat on non-USMCA goods enters at (1 − s) × its rate." };
        var all = new Option<bool>("--all") { Description = "Write all 194 economies to timeline.csv instead of MEX, USA, CAN, CHN." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for timeline.csv, episodes.csv, path.csv and timeline.svg (default out/timeline), with manifest.json; replaced whole if it holds a previous output." };
        var scenario = new Option<string?>("--scenario") { Description = "A tariff-timeline scenario (name or .json path) to run instead of the default usmx-timeline-2025-26 settings." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var command = new Command("timeline", "The 2025–26 US tariff timeline: actual and threatened paths, and what each postponement was worth to Mexico.")
        {
            threats, share, all, output, scenario, data,
        };
        var format = CliOutput.FormatOption();
        command.Add(format);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var started = DateTimeOffset.UtcNow;
            var cli = CliOutput.From(parse);
            var outputFormat = ReportFormats.Parse(parse.GetValue(format)!);
            var dataRoot = ScenarioRuns.DataRoot(parse.GetValue(data));
            var setup = TimelineSetup.Default;
            ScenarioDocument? doc = null;
            if (parse.GetValue(scenario) is { } name)
            {
                doc = ScenarioRuns.Load(name, []);
                var model = new TimelineScenarioModel().Name;
                if (!string.Equals(doc.Model, model, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ScenarioException(doc.Path, "model", $"'{doc.Model}' is not a timeline scenario; --scenario needs model '{model}' (run it with 'tightrope run {doc.Name}').");
                }

                setup = TimelineScenarioModel.ReadSetup(doc);
            }

            List<string> overrides = [];
            if (parse.GetValue(share) is { } s)
            {
                if (!(s >= 0 && s <= 1))
                {
                    throw new ArgumentException($"--compliance-share {s.ToString(CultureInfo.InvariantCulture)}: expected a share in [0, 1] (of Mexico's exports that qualify for USMCA treatment).");
                }

                setup = setup with { Spec = setup.Spec with { ComplianceShare = s } };
                overrides.Add($"complianceShare={s.ToString(CultureInfo.InvariantCulture)}");
            }

            // Refuse a bad folder before spending time on the solves.
            var outDir = OutputFolder.Check(parse.GetValue(output)?.FullName ?? Path.Combine("out", "timeline"), dataRoot);

            // D* comes from the coercion model registered with the shipped timeline model, when there is one.
            var demand = Tightrope.Catalog.ShippedModels.Registry.Models.OfType<TimelineScenarioModel>().FirstOrDefault()?.Demand;
            var files = new DataFileLog();
            var result = TimelineScenarioModel.Run(setup, new RunOptions(parse.GetValue(data)?.FullName) { Files = files }, doc, demand);

            // path.csv is the full wide table the screen may show only part of (the renderer points to it).
            var tables = new[] { TimelineReport.Timeline(result, parse.GetValue(all)), TimelineReport.Episodes(result), TimelineReport.Path(result) };
            var manifestRun = new ManifestRun(doc?.Name ?? DefaultScenario, doc is null ? null : Path.GetFullPath(doc.Path), doc?.Body.GetRawText(), overrides, files.Files, []);
            var manifest = new OutputManifest(ScenarioRuns.CommandLine(parse), ToolVersion.Current, started, DateTimeOffset.UtcNow, [manifestRun]) { DataRoot = dataRoot };
            CliOutput.WroteFolder(outDir, OutputFolder.Write(outDir, tables, manifest, dataRoot, [new OutputFile("timeline.svg", path => TimelineChart.WriteSvg(result, path))]));

            CliOutput.Print(ReportFormats.Write(Screen(result, parse.GetValue(threats)), outputFormat, cli.Settings));
            return CliErrors.Ok;
        }));
        return command;
    }

    /// <summary>The built-in settings the command runs without --scenario (identical to this shipped scenario).</summary>
    private const string DefaultScenario = "usmx-timeline-2025-26";

    /// <summary>What the command prints: the episodes, the path (threat columns only with --threats), the dates each postponement covers (with --threats), the concessions and notes.</summary>
    private static RunReport Screen(TimelineResult result, bool threats)
    {
        var path = TimelineReport.Path(result);
        if (!threats)
        {
            var keep = path.Columns.Select((c, k) => (c, k)).Where(x => !x.c.Name.StartsWith("mex_threat", StringComparison.Ordinal)).Select(x => x.k).ToList();
            path = path with
            {
                Columns = [.. keep.Select(k => path.Columns[k])],
                Rows = [.. path.Rows.Select(r => (IReadOnlyList<object?>)[.. keep.Select(k => r[k])])],
            };
        }

        List<ReportTable> tables = [TimelineReport.EpisodesSummary(result) with { Name = "episodes_summary" }, path];
        if (threats)
        {
            tables.Add(TimelineReport.CoveredDates(result));
        }

        return new RunReport("US tariffs on Mexico and its partners, 2025–26", tables, [.. TimelineReport.ConcessionLines(result), .. TimelineReport.Notes(result)]);
    }
}
