using System.CommandLine;
using Spectre.Console;
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
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for timeline.csv, episodes.csv and timeline.svg (default out/timeline)." };
        var scenario = new Option<string?>("--scenario") { Description = "A tariff-timeline scenario (name or .json path) to run instead of the default usmx-timeline-2025-26 settings." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var command = new Command("timeline", "The 2025–26 US tariff timeline: actual and threatened paths, and what each postponement was worth to Mexico.")
        {
            threats, share, all, output, scenario, data,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var setup = TimelineSetup.Default;
            if (parse.GetValue(scenario) is { } name)
            {
                var doc = ScenarioCatalog.Default().Find(name);
                var model = new TimelineScenarioModel().Name;
                if (!string.Equals(doc.Model, model, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ScenarioException(doc.Path, "model", $"'{doc.Model}' is not a timeline scenario; --scenario needs model '{model}' (run it with 'tightrope run {doc.Name}').");
                }

                setup = TimelineScenarioModel.ReadSetup(doc);
            }

            if (parse.GetValue(share) is { } s)
            {
                if (!(s >= 0 && s <= 1))
                {
                    throw new ArgumentException($"--compliance-share must lie in [0, 1], found {s}.");
                }

                setup = setup with { Spec = setup.Spec with { ComplianceShare = s } };
            }

            // D* comes from the coercion model registered with the shipped timeline model, when there is one.
            var demand = Tightrope.Catalog.ShippedModels.Registry.Models.OfType<TimelineScenarioModel>().FirstOrDefault()?.Demand;
            var result = TimelineScenarioModel.Run(setup, new RunOptions(parse.GetValue(data)?.FullName), demand: demand);
            var console = AnsiConsole.Console;
            console.Write(new Rule("[bold]US tariffs on Mexico and its partners, 2025–26[/]").LeftJustified());
            Compact(TimelineReport.EpisodesSummary(result), console);
            foreach (var line in TimelineReport.ConcessionLines(result))
            {
                console.MarkupLine(Markup.Escape(line));
            }

            var path = TimelineReport.Path(result);
            if (!parse.GetValue(threats))
            {
                var keep = path.Columns.Select((c, k) => (c, k)).Where(x => !x.c.Name.StartsWith("mex_threat", StringComparison.Ordinal)).Select(x => x.k).ToList();
                path = path with
                {
                    Columns = [.. keep.Select(k => path.Columns[k])],
                    Rows = [.. path.Rows.Select(r => (IReadOnlyList<object?>)[.. keep.Select(k => r[k])])],
                };
            }

            Compact(path, console);
            if (parse.GetValue(threats))
            {
                Compact(TimelineReport.CoveredDates(result), console);
            }

            foreach (var note in TimelineReport.Notes(result))
            {
                console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
            }

            var dir = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("out", "timeline"));
            List<string> written;
            try
            {
                Directory.CreateDirectory(dir);
                written =
                [
                    Write(TimelineReport.Timeline(result, parse.GetValue(all)), dir),
                    Write(TimelineReport.Episodes(result), dir),
                    TimelineChart.WriteSvg(result, Path.Combine(dir, "timeline.svg")),
                ];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"cannot write the output files to {dir}: {e.Message}", e);
            }

            foreach (var p in written)
            {
                console.MarkupLine($"[grey]wrote {Markup.Escape(p)}[/]");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Renders a table compactly (dates never wrap) so the wide path fits 80 columns.</summary>
    private static void Compact(ReportTable table, IAnsiConsole console)
    {
        var t = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(table.Title)}[/]");
        foreach (var c in table.Columns)
        {
            var col = new TableColumn(Markup.Escape(c.Label)).PadLeft(0).PadRight(1);
            col = c.Kind == ColumnKind.Number ? col.RightAligned() : col;
            t.AddColumn(c.Name is "date" or "postponement_date" ? col.NoWrap() : col);
        }

        foreach (var row in table.Rows)
        {
            t.AddRow(row.Select((v, i) => table.Columns[i].Kind == ColumnKind.Number && v is double d
                ? (double.IsNaN(d) ? "n/a" : d.ToString("N" + table.Columns[i].Decimals, System.Globalization.CultureInfo.InvariantCulture))
                : Markup.Escape(ReportTable.FormatCsv(v))).ToArray());
        }

        if (table.Note is not null)
        {
            t.Caption($"[grey]{Markup.Escape(table.Note)}[/]");
        }

        console.Write(t);
    }

    private static string Write(ReportTable table, string dir)
    {
        var path = Path.Combine(dir, table.Name + ".csv");
        CsvReportWriter.Write(table, path);
        return path;
    }
}
