using System.Globalization;
using Tightrope.Reports;

namespace Tightrope.Timeline;

/// <summary>The timeline's tables: the per-date path (timeline.csv), the episodes (episodes.csv) and the wide screen path.</summary>
public static class TimelineReport
{
    /// <summary>Columns of timeline.csv, in order.</summary>
    public static IReadOnlyList<ReportColumn> TimelineColumns { get; } =
    [
        ReportColumn.Text("date"),
        ReportColumn.Text("iso3"),
        ReportColumn.Number("us_rate", "US rate", 4),
        ReportColumn.Number("welfare_pct", "welfare %", 3),
        ReportColumn.Number("welfare_threat_pct", "welfare, threats carried out %", 3),
        ReportColumn.Number("exports_gdp_pct", "X/GDP %", 2),
        ReportColumn.Number("usd_bn", "welfare USD bn/yr", 1),
    ];

    /// <summary>
    /// One row per date and economy: the US rate on it (fraction; for the USA the import-weighted mean US rate), its
    /// welfare change on the actual and the threat path (%), its exports/GDP change (%) and the actual welfare change in
    /// USD bn a year. <paramref name="all"/> writes every economy instead of the focus ones.
    /// </summary>
    public static ReportTable Timeline(TimelineResult result, bool all = false)
    {
        var baseline = result.Baseline;
        var codes = all ? baseline.Countries.Select(c => c.Iso3).ToList() : result.Spec.Focus.Where(baseline.Countries.Contains).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var p in result.Points)
        {
            foreach (var iso in codes)
            {
                var i = baseline.Countries.Require(iso);
                var a = p.ActualResult.Outcomes[i];
                rows.Add([
                    Date(p.Date), iso, ActualPath.UsRate(baseline, p.Actual.Tariffs, iso), a.WelfarePct,
                    p.ThreatResult.Outcomes[i].WelfarePct, a.ExportsToGdpPct, TimelineMoney.ValueUsdBn(baseline, i, a.WelfarePct),
                ]);
            }
        }

        return new ReportTable("timeline", "The path, date by date", TimelineColumns, rows)
        {
            ScreenRowLimit = 0,
            Note = "us_rate: effective additional US tariff (fraction); for USA the import-weighted mean US tariff. Welfare: % change from the zero-tariff 2023 baseline.",
        };
    }

    /// <summary>The wide screen table: for each date the US rate and welfare of each focus economy, and Mexico on the threat path.</summary>
    public static ReportTable Path(TimelineResult result)
    {
        var baseline = result.Baseline;
        var codes = result.Spec.Focus.Where(baseline.Countries.Contains).ToList();
        var columns = new List<ReportColumn> { ReportColumn.Text("date") };
        foreach (var iso in codes)
        {
            columns.Add(ReportColumn.Number($"{iso.ToLowerInvariant()}_rate_pct", $"{iso} rate%", 1));
            columns.Add(ReportColumn.Number($"{iso.ToLowerInvariant()}_welfare_pct", $"{iso} W%", 2));
        }

        columns.Add(ReportColumn.Number("mex_threat_rate_pct", "MEX rate% threat", 1));
        columns.Add(ReportColumn.Number("mex_threat_welfare_pct", "MEX W% threat", 2));
        var mex = baseline.Countries.Require("MEX");
        var usa = baseline.UnitedStates;
        var rows = result.Points.Select(p =>
        {
            var row = new List<object?> { Date(p.Date) };
            foreach (var iso in codes)
            {
                row.Add(100 * ActualPath.UsRate(baseline, p.Actual.Tariffs, iso));
                row.Add(p.ActualResult.Outcomes[baseline.Countries.Require(iso)].WelfarePct);
            }

            row.Add(100 * (p.Actual.Tariffs[mex, usa] + p.ThreatIncrement));
            row.Add(p.ThreatResult.Outcomes[mex].WelfarePct);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ReportTable("path", "US tariff rate and welfare change at each tracker date", columns, rows)
        {
            Note = "rate%: effective additional US tariff (for USA: import-weighted mean over all origins); W%: welfare change from the zero-tariff 2023 baseline; threat: every standing threat on Mexico carried out.",
        };
    }

    /// <summary>Columns of episodes.csv, in order; the D* columns follow only when a coercion model is wired in.</summary>
    public static IReadOnlyList<ReportColumn> EpisodeColumns { get; } =
    [
        ReportColumn.Number("episode", "#", 0),
        ReportColumn.Text("threat_date", "threat"),
        ReportColumn.Number("threat_rate", "rate", 2),
        ReportColumn.Text("threat_goods", "goods"),
        ReportColumn.Number("threat_effective_rate", "effective", 3),
        ReportColumn.Text("postponement_date", "postponed"),
        ReportColumn.Text("window_until", "until"),
        ReportColumn.Number("tracker_dates", "dates", 0),
        ReportColumn.Number("days", "days", 0),
        ReportColumn.Number("mex_rate_actual", "MEX rate", 3),
        ReportColumn.Number("mex_rate_threat", "MEX rate threat", 3),
        ReportColumn.Number("welfare_mex_pct", "MEX W%", 2),
        ReportColumn.Number("welfare_mex_threat_pct", "MEX W% threat", 2),
        ReportColumn.Number("value_mex_usd_bn", "value MEX USD bn/yr", 1),
        ReportColumn.Number("value_mex_pct_gdp", "% GDP", 2),
        ReportColumn.Number("value_mex_window_usd_bn", "over window USD bn", 1),
        ReportColumn.Number("value_usa_usd_bn", "value USA USD bn/yr", 1),
        ReportColumn.Text("concessions", "Mexico gave around it"),
        ReportColumn.Text("episode_end", "episode end"),
        ReportColumn.Text("end_reason"),
    ];

    /// <summary>Columns added when an <see cref="IThreatDemand"/> answered.</summary>
    public static IReadOnlyList<ReportColumn> DemandColumns { get; } =
    [
        ReportColumn.Text("threat_credible", "credible"),
        ReportColumn.Number("d_star_usd_bn", "D* USD bn", 1),
        ReportColumn.Number("d_star_pct_gdp", "D* % GDP", 2),
    ];

    /// <summary>One row per postponement: the threat, the window, Mexico's rate and welfare on both paths, the value for Mexico and the US, the concessions around it, and D* when known.</summary>
    public static ReportTable Episodes(TimelineResult result)
    {
        var baseline = result.Baseline;
        var mex = baseline.Countries.Require("MEX");
        var threats = new ThreatPath(result.Episodes, result.Spec.ComplianceShare);
        var withDemand = result.Postponements.Any(p => p.Demand is not null);
        var rows = result.Postponements.Select(p =>
        {
            var e = p.Episode;
            var row = new List<object?>
            {
                (double)e.Number, Date(e.Threat.Date), e.Rate, e.Threat.On!.Goods, threats.EffectiveThreat(e), Date(p.From),
                p.Until is { } u ? Date(u) : "open", (double)p.Dates.Count, (double)p.Days, p.MexicoRateActual, p.MexicoRateThreat,
                p.WelfareActualPct, p.WelfareThreatPct, p.ValueMexicoUsdBn, TimelineMoney.PctOfGdp(baseline, mex, p.ValueMexicoUsdBn),
                p.ValueMexicoWindowUsdBn, p.ValueUsaUsdBn, Concessions(p.Concessions), e.End is { } end ? Date(end) : "open", e.EndReason,
            };
            if (withDemand)
            {
                row.Add(p.Demand is null ? null : p.Demand.Credible ? "yes" : "no");
                row.Add(p.Demand?.DStarUsdBn ?? double.NaN);
                row.Add(p.Demand?.DStarPctGdp ?? double.NaN);
            }

            return (IReadOnlyList<object?>)row;
        }).ToList();
        var note = "Value = V_MEX(actual) − V_MEX(threat carried out) over the tracker dates in the window, day-weighted, USD bn at annual rates; " +
                   $"rates are effective fractions (s = {result.Spec.ComplianceShare.ToString(CultureInfo.InvariantCulture)} of Mexico's exports USMCA-compliant). " +
                   (withDemand ? $"D*: {result.DemandMethod}." : "D* (coercion game) not computed in this run.");
        return new ReportTable("episodes", "Threats, postponements and what each was worth to Mexico", withDemand ? [.. EpisodeColumns, .. DemandColumns] : EpisodeColumns, rows) { Note = note };
    }

    /// <summary>
    /// The episodes for a terminal: one row per postponement with the threat, the window, Mexico's rate and welfare
    /// (in force → threat carried out) and the values; the concessions follow as <see cref="ConcessionLines"/>.
    /// </summary>
    public static ReportTable EpisodesSummary(TimelineResult result)
    {
        var baseline = result.Baseline;
        var mex = baseline.Countries.Require("MEX");
        var withDemand = result.Postponements.Any(p => p.Demand is not null);
        var columns = new List<ReportColumn>
        {
            ReportColumn.Text("postponement", "P"), ReportColumn.Text("threat"), ReportColumn.Text("postponement_date", "postponed"),
            ReportColumn.Number("days", "days", 0), ReportColumn.Text("mex_rate", "MEX rate %"),
            ReportColumn.Text("mex_welfare", "MEX W %"), ReportColumn.Number("value_mex_usd_bn", "MEX USD bn/yr", 1),
            ReportColumn.Number("value_mex_pct_gdp", "% GDP", 2), ReportColumn.Number("value_mex_window_usd_bn", "window USD bn", 1),
            ReportColumn.Number("value_usa_usd_bn", "USA USD bn/yr", 1),
        };
        if (withDemand)
        {
            columns.Add(ReportColumn.Number("d_star_usd_bn", "D* USD bn", 1));
        }

        var rows = result.Postponements.Select((p, k) =>
        {
            var e = p.Episode;
            var row = new List<object?>
            {
                $"P{k + 1}",
                $"{Pct(e.Rate)} {e.Threat.On!.Goods}",
                Date(p.From),
                (double)p.Days,
                $"{Pct(p.MexicoRateActual, 1)} → {Pct(p.MexicoRateThreat, 1)}",
                string.Create(CultureInfo.InvariantCulture, $"{p.WelfareActualPct:F2} → {p.WelfareThreatPct:F2}"),
                p.ValueMexicoUsdBn, TimelineMoney.PctOfGdp(baseline, mex, p.ValueMexicoUsdBn), p.ValueMexicoWindowUsdBn, p.ValueUsaUsdBn,
            };
            if (withDemand)
            {
                row.Add(p.Demand?.DStarUsdBn ?? double.NaN);
            }

            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ReportTable("episodes", "What each postponement was worth (value = Mexico's welfare in force minus with the threat carried out)", columns, rows)
        {
            Note = "MEX rate: effective US tariff on Mexico, in force → threat carried out (day-weighted over the window); USD bn at annual rates; window = the value summed over the days covered." +
                   (withDemand ? string.Empty : " D* (coercion game) not computed in this run."),
        };
    }

    /// <summary>What Mexico gave around each postponement, one line per postponement (P1, P2, … as in <see cref="EpisodesSummary"/>).</summary>
    public static IReadOnlyList<string> ConcessionLines(TimelineResult result) =>
    [
        .. result.Postponements.Select((p, k) =>
            $"P{k + 1}: threat of {Date(p.Episode.Threat.Date)} (episode {p.Episode.Number}, {p.Episode.EndReason}); window {Date(p.From)} to {(p.Until is { } u ? Date(u) : "the end of the data")}; Mexico gave {Concessions(p.Concessions)}"),
        $"Concessions are listed with the nearest postponement within {result.Spec.ConcessionWindowDays} days (events.csv, kind = concession, and the postponement's own concession cell).",
    ];

    private static string Pct(double fraction, int decimals = 0) => (100 * fraction).ToString("F" + decimals, CultureInfo.InvariantCulture) + (decimals == 0 ? "%" : string.Empty);

    /// <summary>The tracker dates each postponement covers, valued with its own threat carried out.</summary>
    public static ReportTable CoveredDates(TimelineResult result) => new(
        "postponement_dates",
        "Dates each postponement covers: Mexico with its threat carried out",
        [
            ReportColumn.Number("episode", "#", 0), ReportColumn.Text("postponement_date", "postponed"), ReportColumn.Text("date"),
            ReportColumn.Number("days", "days", 0), ReportColumn.Number("mex_rate_actual", "MEX rate", 3),
            ReportColumn.Number("mex_rate_threat", "MEX rate threat", 3), ReportColumn.Number("welfare_mex_pct", "MEX W%", 2),
            ReportColumn.Number("welfare_mex_threat_pct", "MEX W% threat", 2), ReportColumn.Number("value_mex_usd_bn", "value MEX USD bn/yr", 1),
            ReportColumn.Number("value_usa_usd_bn", "value USA USD bn/yr", 1),
        ],
        result.Postponements.SelectMany(p => p.Dates.Select(d => (IReadOnlyList<object?>)[
            (double)p.Episode.Number, Date(p.From), Date(d.Date), (double)d.Days, d.MexicoRateActual, d.MexicoRateThreat,
            d.WelfareActualPct, d.WelfareThreatPct, d.ValueMexicoUsdBn, d.ValueUsaUsdBn,
        ])).ToList());

    /// <summary>The events, as read.</summary>
    public static ReportTable Events(TimelineResult result) => new(
        "events",
        "US–Mexico events",
        [ReportColumn.Text("date"), ReportColumn.Text("kind"), ReportColumn.Number("rate", "rate", 2), ReportColumn.Text("rate_on"), ReportColumn.Text("description")],
        result.Events.Select(e => (IReadOnlyList<object?>)[Date(e.Date) + (e.Precision == DatePrecision.Month ? " (month)" : string.Empty), e.Kind.ToString().ToLowerInvariant(), e.Rate ?? double.NaN, e.On?.Goods is { } g ? $"{e.On.Levier} on {e.On.Target}, {g}" : string.Empty, e.Description]).ToList())
    { ScreenRowLimit = 0 };

    /// <summary>Solver work and the run's notes, for the report footer.</summary>
    public static IReadOnlyList<string> Notes(TimelineResult result)
    {
        var s = result.Stats;
        var notes = new List<string>(result.Notes)
        {
            string.Create(CultureInfo.InvariantCulture, $"{result.Points.Count} tracker dates × 2 paths: {s.Solves} equilibria solved ({s.NewtonIterations} Newton iterations, warm-started date to date), {s.Reused} reused, {s.Elapsed.TotalSeconds:F2} s."),
            "Omitted economies: " + string.Join("; ", result.Spec.OmittedEconomies.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rate:P0} from {r.From:yyyy-MM-dd}{(r.Until is { } u ? $" until {u:yyyy-MM-dd}" : string.Empty)} ({r.Source})"))),
        };
        notes.AddRange(result.Spec.Measures.Select(m => string.Create(CultureInfo.InvariantCulture, $"Measure '{m.Label}': {m.Importer} levies {m.When.Rate} on {string.Join(",", m.Exporters)} from {m.When.From:yyyy-MM-dd} ({m.When.Source}).")));
        notes.Add("Sources: Trade War Tracker country-by-time.csv (MIT); usmx-events/events.csv; bilateral-2023 (CEPII BACI 2023, World Bank WDI); model of Ignatenko, Macedoni, Lashkaripour & Simonovska (2025).");
        return notes;
    }

    private static string Concessions(IReadOnlyList<AttachedConcession> list) =>
        list.Count == 0
            ? "—"
            : string.Join("; ", list.Select(c =>
            {
                var e = c.Event;
                var what = e.Concession ?? e.Description;
                var q = e.Quantity is { } x ? $"{x.ToString("N0", CultureInfo.InvariantCulture)} {e.Unit} " : string.Empty;
                var when = Date(e.Date) + (e.Precision == DatePrecision.Month ? " (month)" : string.Empty);
                return $"{when}: {q}({what})";
            }));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
