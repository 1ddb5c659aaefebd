using System.Globalization;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Timeline;

/// <summary>Where a timeline run reads its data and how it builds the baseline, besides the <see cref="TimelineSpec"/>.</summary>
/// <param name="Spec">Rules and inputs.</param>
/// <param name="Baseline">Baseline options of the tariff model.</param>
/// <param name="Data">Folder of the one-sector data under the data root.</param>
/// <param name="Tracker">Tracker file, relative to the data root.</param>
/// <param name="Events">Events file, relative to the data root.</param>
public sealed record TimelineSetup(TimelineSpec Spec, BaselineOptions Baseline, string Data, string Tracker, string Events)
{
    /// <summary>Default tracker file under the data root.</summary>
    public const string DefaultTracker = "us-tariffs-2025/country-by-time.csv";

    /// <summary>Default events file under the data root.</summary>
    public const string DefaultEvents = "usmx-events/events.csv";

    /// <summary>The default run (the shipped scenario usmx-timeline-2025-26).</summary>
    public static TimelineSetup Default { get; } = new(TimelineSpec.Default, BaselineOptions.Default, BilateralDatasetReader.DefaultFolder, DefaultTracker, DefaultEvents);

    /// <summary>Full paths of every data file a run under <paramref name="dataRoot"/> reads, for the output manifest.</summary>
    public IReadOnlyList<string> InputFiles(string dataRoot) =>
        [.. BilateralDatasetReader.Files.Select(f => Path.Combine(dataRoot, Data, f)), Path.Combine(dataRoot, Tracker), Path.Combine(dataRoot, Events)];

    /// <summary>Loads the data (the baseline once) and runs the timeline.</summary>
    public TimelineResult Run(string dataRoot, IThreatDemand? demand = null)
    {
        var baseline = OneSectorBaseline.Build(BilateralDatasetReader.Load(Path.Combine(dataRoot, Data)), Baseline);
        var tracker = TrackerReader.Read(Path.Combine(dataRoot, Tracker));
        var eventsPath = Path.Combine(dataRoot, Events);
        return TimelineEngine.Run(baseline, tracker, EventReader.Read(eventsPath), Spec, demand, eventsPath);
    }
}

/// <summary>Runs scenarios of the 2025–26 tariff timeline (<c>"model": "tariff-timeline"</c>).</summary>
/// <param name="demand">The coercion model giving D* per postponement (wired in at the composition root), or null.</param>
public sealed class TimelineScenarioModel(IThreatDemand? demand = null) : IScenarioModel
{
    /// <summary>The coercion model asked for D*, or null when the episodes are reported without it.</summary>
    public IThreatDemand? Demand { get; } = demand;

    /// <inheritdoc />
    public string Name => "tariff-timeline";

    /// <inheritdoc />
    public string Description => "The 2025–26 US tariff timeline: actual and threatened paths at the tracker's 23 dates, and what each postponement was worth";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => TimelineScenarioFields.All;

    /// <summary>Reads a timeline scenario and checks its values (ranges, dates); field names and types are checked by the registry against <see cref="Fields"/>.</summary>
    public static TimelineSetup ReadSetup(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var (parameters, baseline) = OneSectorTariffScenarioModel.ReadSettings(scenario);
        var defaults = TimelineSpec.Default;
        var share = body.Number("complianceShare", defaults.ComplianceShare);
        if (share is < 0 or > 1)
        {
            throw body.Error("complianceShare", $"{share} is outside [0, 1]; it is the share of Mexico's exports that qualify for USMCA treatment.");
        }

        var window = body.Integer("concessionWindowDays", defaults.ConcessionWindowDays);
        if (window < 0)
        {
            throw body.Error("concessionWindowDays", $"{window} is negative; expected days ≥ 0.");
        }

        var omitted = body.Has("omittedEconomies") ? body.Array("omittedEconomies").Select(ReadRate).ToList() : defaults.OmittedEconomies;
        var measures = body.Array("measures").Select(m =>
        {
            var exporters = m.StringOrList("exporters");
            if (exporters.Count == 0)
            {
                throw m.Error("exporters", "is missing; name the ISO3 codes whose goods the measure taxes.");
            }

            return new TimelineMeasure(m.RequiredString("importer"), exporters, ReadRate(m), m.RequiredString("label"));
        }).ToList();
        var focus = body.Has("focus") ? body.StringOrList("focus") : defaults.Focus;
        if (focus.Count == 0)
        {
            throw body.Error("focus", "is empty; name at least one ISO3 code.");
        }

        var spec = defaults with
        {
            ComplianceShare = share,
            ConcessionWindowDays = window,
            OmittedEconomies = omitted,
            Measures = measures,
            Focus = focus,
            Parameters = parameters,
        };
        return new TimelineSetup(spec, baseline, scenario.Data ?? BilateralDatasetReader.DefaultFolder,
            body.OptionalString("tracker") ?? TimelineSetup.DefaultTracker, body.OptionalString("events") ?? TimelineSetup.DefaultEvents);
    }

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario) => ReadSetup(scenario);

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options)
    {
        var setup = ReadSetup(scenario);
        var result = Run(setup, options, scenario, Demand);
        return Report(result, scenario.Title, [.. scenario.Sources.Select(s => $"Source: {s.Claim} — {s.Source}")]);
    }

    /// <summary>Runs a setup, turning unknown countries in the scenario into errors naming the field.</summary>
    public static TimelineResult Run(TimelineSetup setup, RunOptions options, ScenarioDocument? scenario = null, IThreatDemand? demand = null)
    {
        var dataRoot = options.ResolveDataRoot();
        foreach (var file in setup.InputFiles(dataRoot))
        {
            options.RecordFile(file);
        }

        try
        {
            return setup.Run(dataRoot, demand);
        }
        catch (KeyNotFoundException e) when (scenario is not null)
        {
            throw scenario.Reader.Error("measures", e.Message);
        }
    }

    /// <summary>
    /// The report: the episodes summary and the wide path on screen; the per-date table, the events and the full
    /// episodes table (episodes.csv, as <c>tightrope timeline</c> writes it) in the CSV files.
    /// </summary>
    public static RunReport Report(TimelineResult result, string title, IReadOnlyList<string> extraNotes, bool all = false) =>
        new(title,
            [
                TimelineReport.EpisodesSummary(result) with { Name = "episodes_summary" }, TimelineReport.Path(result),
                TimelineReport.Timeline(result, all), TimelineReport.Events(result), TimelineReport.Episodes(result) with { ScreenRowLimit = 0 },
            ],
            [.. TimelineReport.ConcessionLines(result), .. TimelineReport.Notes(result), .. extraNotes])
        {
            Files = [new OutputFile("timeline.svg", path => TimelineChart.WriteSvg(result, path))],
        };

    private static DatedRate ReadRate(ScenarioReader r)
    {
        var from = Date(r, "from") ?? throw r.Error("from", "is missing; expected a date YYYY-MM-DD.");
        var until = Date(r, "until");
        if (until is { } u && u <= from)
        {
            throw r.Error("until", $"{u:yyyy-MM-dd} is not after from ({from:yyyy-MM-dd}).");
        }

        var rate = r.RequiredNumber("rate");
        if (rate is < 0 or > TrackerReader.MaxRate)
        {
            throw r.Error("rate", $"{rate} is outside [0, {TrackerReader.MaxRate}]; rates are fractions (0.10 = 10%).");
        }

        var source = r.RequiredString("source");
        if (source.Trim().Length == 0)
        {
            throw r.Error("source", "is empty; every rule cites its source.");
        }

        return new DatedRate(from, until, rate, source);
    }

    private static DateOnly? Date(ScenarioReader r, string field)
    {
        var text = r.OptionalString(field);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw r.Error(field, $"'{text}' is not a date; expected YYYY-MM-DD.");
    }
}
