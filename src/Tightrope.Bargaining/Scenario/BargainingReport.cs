using System.Globalization;
using Tightrope.Bargaining;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Bargaining.Sensitivity;
using Tightrope.Reports;

namespace Tightrope.Scenarios.Bargaining;

/// <summary>Runs a <see cref="BargainingSetup"/> (or takes a solved <see cref="BargainingResult"/>) and lays the results out as report tables (forecast, path, rounds, moves, sensitivity).</summary>
public static class BargainingReport
{
    /// <summary>Runs the model (and the sensitivity analysis when configured) and builds the report.</summary>
    public static RunReport Build(BargainingSetup setup) => Build(BargainingResult.Solve(setup));

    /// <summary>Lays a solved run out as the report.</summary>
    public static RunReport Build(BargainingResult result)
    {
        var setup = result.Setup;
        var set = setup.Set;
        var tables = new List<ReportTable>();
        var notes = new List<string>();
        var paths = result.Paths;
        if (result.Bdm is { } bdm)
        {
            tables.Add(BdmMoves(set, bdm));
            notes.Add($"Model: expected utility (Scholz et al. 2011, profile R1), {setup.Bdm.Rounds} rounds, capitulation test {(setup.Bdm.Capitulation == CapitulationTest.R1Bug ? "as in R1 (never fires)" : "corrected")}; each issue bargained separately.");
        }
        else
        {
            tables.Add(Exchanges(set, result.Exchange!));
            notes.Add($"Model: Stokman–van Oosten equal-gain exchange, {setup.Exchange.Rounds} rounds, ties broken by creation order; positions per round are the voting positions.");
        }

        var forecasts = result.Forecasts;
        if (setup.Stopping is { } rule && result.Stopped is { } stopped)
        {
            var minRounds = setup.Model == BargainingModelKind.Bdm ? setup.Bdm.Rounds : setup.Exchange.Rounds;
            tables.Add(Stopping(stopped));
            notes.Add($"Forecast: stopping rule — at least {minRounds} rounds, then until the positions converge or cycle (tolerance {rule.Tolerance:G2} of the scale, {rule.Confirmations} confirmations, at most {rule.MaxRounds} rounds); the rounds table shows the first {minRounds} rounds.");
            notes.AddRange(stopped.Where(f => f.Warning is not null).Select(f => "WARNING: " + f.Warning));
        }
        else
        {
            notes.Add("Forecast: R1's fixed round count (the final positions after the last round).");
        }

        var modelTime = result.ModelTime;
        var initial = result.Initial;
        var issueOf = set.Issues.ToDictionary(i => i.Issue.Id, i => i.Issue, StringComparer.Ordinal);
        string NameOf(string id) => issueOf.TryGetValue(id, out var i) ? i.Name : id;
        string ScaleOf(string id) => issueOf.TryGetValue(id, out var i) ? $"{Fmt(i.Lower)}–{Fmt(i.Upper)}" : string.Empty;
        string Meaning(string id, double median) =>
            setup.Anchors.TryGetValue(id, out var anchors) && anchors.Count > 0
                ? anchors.MinBy(a => Math.Abs(a.At - median)) is { } near ? $"nearest anchor {near.Label}: {near.Meaning}" : string.Empty
                : string.Empty;
        var hasAnchors = setup.Anchors.Count > 0;
        var readableColumns = new List<ReportColumn>
        {
            ReportColumn.Text("issue"), ReportColumn.Text("name", "issue name"), ReportColumn.Text("scale"),
            ReportColumn.Number("median", "median", 1), ReportColumn.Number("mean", "mean", 1),
        };
        if (hasAnchors)
        {
            readableColumns.Add(ReportColumn.Text("median_means", "what the median means"));
        }

        var note = "Initial median / mean: " + string.Join("; ", initial.Select(f => $"{f.Issue} {Fmt(f.Median)} / {Fmt(f.Mean)}"))
            + ". Positions are points on each issue's scale; the weighted median is the forecast outcome.";
        tables.Insert(0, new ReportTable(
            "forecast_explained",
            "Forecast per issue: the c·s-weighted median and mean of the final positions, and what they mean",
            readableColumns,
            forecasts.Select(f => (IReadOnlyList<object?>)(hasAnchors
                ? [f.Issue, NameOf(f.Issue), ScaleOf(f.Issue), f.Median, f.Mean, Meaning(f.Issue, f.Median)]
                : [f.Issue, NameOf(f.Issue), ScaleOf(f.Issue), f.Median, f.Mean])).ToList())
        {
            Note = note,
        });

        // The machine-readable forecast keeps its columns (issue, median, mean); on screen the table above shows it with words.
        tables.Insert(1, new ReportTable(
            "forecast",
            "Forecast per issue (c·s-weighted median and mean of the final positions)",
            [ReportColumn.Text("issue"), ReportColumn.Number("median", "median", 3), ReportColumn.Number("mean", "mean", 3)],
            forecasts.Select(f => (IReadOnlyList<object?>)[f.Issue, f.Median, f.Mean]).ToList())
        {
            Note = note,
            ScreenRowLimit = 0,
        });
        tables.Insert(2, Path(set, paths));
        tables.Insert(3, Rounds(set, paths));

        if (setup.Sensitivity is { } options && result.Sensitivity is { } sensitivity)
        {
            tables.Add(Distribution(sensitivity));
            tables.Add(TopDrivers(sensitivity));
            tables.Add(Drivers(sensitivity));
            notes.Add($"Sensitivity: {options.Runs} runs, capability and salience × (1 + {Fmt(options.Spread)}·U(−1,1)) independently per actor and issue, seed {options.Seed}, models {string.Join(" + ", options.Models)}; {result.SensitivityTime.TotalSeconds:F2} s.");
        }

        notes.Add($"Model run: {modelTime.TotalMilliseconds:F1} ms.");
        notes.AddRange(setup.Sources.Select(s => $"Source: {s.Claim} — {s.Source}"));
        foreach (var (id, anchors) in setup.Anchors)
        {
            notes.Add($"Scale of {id} ({NameOf(id)}): " + string.Join("; ", anchors.Select(a => $"{a.Label} = {a.Meaning}")));
        }

        return new RunReport(setup.Title, tables, notes)
        {
            Headline = "Forecast (weighted median of final positions): " + string.Join("; ", forecasts.Select(f => $"{NameOf(f.Issue)} {Fmt(Math.Round(f.Median, 1))} on {ScaleOf(f.Issue)}")) + ".",
        };
    }

    private static string Fmt(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static ReportTable Path(StakeholderSet set, IReadOnlyList<IReadOnlyList<double[]>> paths)
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var d = 0; d < set.Issues.Count; d++)
        {
            var issue = set.Issues[d];
            var c = issue.Capabilities();
            var s = issue.Saliences();
            for (var t = 0; t < paths[d].Count; t++)
            {
                var x = paths[d][t];
                var changes = t == 0
                    ? string.Join(", ", issue.Stakes.Select((st, k) => $"{st.Actor.Id} {Fmt(x[k])}"))
                    : string.Join(", ", Enumerable.Range(0, x.Length)
                        .Where(k => x[k] != paths[d][t - 1][k])
                        .Select(k => $"{issue.Stakes[k].Actor.Id} {Fmt(paths[d][t - 1][k])}→{Fmt(x[k])}"));
                rows.Add([issue.Issue.Id, t, WeightedStats.Median(c, s, x), WeightedStats.Mean(c, s, x), changes.Length == 0 ? "(no moves)" : changes]);
            }
        }

        return new ReportTable(
            "path",
            "Round-by-round path: weighted median and mean after each round, and who moved (round 0: the input positions)",
            [ReportColumn.Text("issue"), ReportColumn.Text("round"), ReportColumn.Number("median", "median", 3), ReportColumn.Number("mean", "mean", 3), ReportColumn.Text("moves")],
            rows);
    }

    private static ReportTable Stopping(IReadOnlyList<StoppedForecast> stopped) => new(
        "stopping",
        "How each forecast was reached (stopping rule)",
        [ReportColumn.Text("issue"), ReportColumn.Text("rule"), ReportColumn.Number("stopped_at", "round", 0), ReportColumn.Number("period", "period", 0), ReportColumn.Text("cycle_medians", "medians on the cycle"), ReportColumn.Text("cycle_means", "means on the cycle")],
        stopped.Select(f => (IReadOnlyList<object?>)
        [
            f.Forecast.Issue, f.Kind switch { StopKind.Converged => "converged", StopKind.Cycle => "cycle", _ => "undetermined" }, (double)f.StoppedAt, (double)f.Period,
            string.Join(" ", f.CycleMedians.Take(12).Select(Fmt)) + (f.CycleMedians.Count > 12 ? " …" : ""), string.Join(" ", f.CycleMeans.Take(12).Select(Fmt)) + (f.CycleMeans.Count > 12 ? " …" : ""),
        ]).ToList());

    private static ReportTable Rounds(StakeholderSet set, IReadOnlyList<IReadOnlyList<double[]>> paths)
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var d = 0; d < set.Issues.Count; d++)
        {
            for (var t = 0; t < paths[d].Count; t++)
            {
                for (var k = 0; k < set.Issues[d].Stakes.Count; k++)
                {
                    rows.Add([set.Issues[d].Issue.Id, t, set.Issues[d].Stakes[k].Actor.Id, paths[d][t][k]]);
                }
            }
        }

        return new ReportTable(
            "rounds",
            "Rounds (long form)",
            [ReportColumn.Text("issue"), ReportColumn.Text("round"), ReportColumn.Text("actor"), ReportColumn.Number("position", "position", 6)],
            rows)
        { ScreenRowLimit = 0 };
    }

    private static ReportTable BdmMoves(StakeholderSet set, IReadOnlyList<BdmResult> results)
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var d = 0; d < results.Count; d++)
        {
            var stakes = set.Issues[d].Stakes;
            foreach (var m in results[d].Moves)
            {
                rows.Add([set.Issues[d].Issue.Id, m.Round, stakes[m.Receiver].Actor.Id, m.Kind.ToString().ToLowerInvariant(), stakes[m.Proposer].Actor.Id, m.A, m.B, m.NewPosition]);
            }
        }

        return new ReportTable(
            "moves",
            "Accepted offers (a = receiver's EU of challenging the proposer, b = its view of the proposer's EU of challenging it)",
            [ReportColumn.Text("issue"), ReportColumn.Text("round"), ReportColumn.Text("actor"), ReportColumn.Text("kind"), ReportColumn.Text("proposer"),
                ReportColumn.Number("a", "a", 4), ReportColumn.Number("b", "b", 4), ReportColumn.Number("new_position", "new position", 3)],
            rows)
        { ScreenRowLimit = 40 };
    }

    private static ReportTable Exchanges(StakeholderSet set, ExchangeResult result)
    {
        var rows = result.Exchanges.Select(e => (IReadOnlyList<object?>)[
            e.Round, e.Gain,
            set.Actors[e.ActorI].Id, set.Issues[e.IssueQ].Issue.Id, e.StartI, e.VotingI,
            set.Actors[e.ActorJ].Id, set.Issues[e.IssueP].Issue.Id, e.StartJ, e.VotingJ]).ToList();
        return new ReportTable(
            "exchanges",
            "Realised exchanges (each side moves on the issue it supplies)",
            [ReportColumn.Text("round"), ReportColumn.Number("gain", "gain", 4),
                ReportColumn.Text("actor_i"), ReportColumn.Text("supplies_i"), ReportColumn.Number("from_i", "from", 2), ReportColumn.Number("to_i", "to", 2),
                ReportColumn.Text("actor_j"), ReportColumn.Text("supplies_j"), ReportColumn.Number("from_j", "from", 2), ReportColumn.Number("to_j", "to", 2)],
            rows)
        { ScreenRowLimit = 40 };
    }

    private static ReportTable Distribution(SensitivityResult result) => new(
        "sensitivity",
        $"Forecast distribution over {result.Options.Runs} perturbed runs (spread {Fmt(result.Options.Spread)})",
        [ReportColumn.Text("issue"), ReportColumn.Text("model"),
            ReportColumn.Number("base_median", "base median", 2), ReportColumn.Number("median_p05", "median p5", 2), ReportColumn.Number("median_p50", "median p50", 2), ReportColumn.Number("median_p95", "median p95", 2),
            ReportColumn.Number("base_mean", "base mean", 2), ReportColumn.Number("mean_p05", "mean p5", 2), ReportColumn.Number("mean_p50", "mean p50", 2), ReportColumn.Number("mean_p95", "mean p95", 2), ReportColumn.Number("mean_sd", "mean sd", 2)],
        result.Distributions.Select(d => (IReadOnlyList<object?>)[
            d.Issue, d.Model.ToString().ToLowerInvariant(),
            d.Baseline.Median, d.MedianQuantile(0.05), d.MedianQuantile(0.5), d.MedianQuantile(0.95),
            d.Baseline.Mean, d.MeanQuantile(0.05), d.MeanQuantile(0.5), d.MeanQuantile(0.95), d.SdOfMeans]).ToList());

    private static ReportTable Drivers(SensitivityResult result) => new(
        "drivers",
        "Actors' influence on the forecast mean (correlation with the actor's capability / salience perturbation on that issue)",
        [ReportColumn.Text("issue"), ReportColumn.Text("model"), ReportColumn.Text("actor"),
            ReportColumn.Number("corr_capability", "corr cap", 2), ReportColumn.Number("corr_salience", "corr sal", 2),
            ReportColumn.Number("slope_capability", "d mean / d cap", 2), ReportColumn.Number("slope_salience", "d mean / d sal", 2)],
        result.Drivers.Select(e => (IReadOnlyList<object?>)[
            e.Issue, e.Model.ToString().ToLowerInvariant(), e.Actor, e.CapabilityCorrelation, e.SalienceCorrelation, e.CapabilitySlope, e.SalienceSlope]).ToList())
    { ScreenRowLimit = 0 };

    private static ReportTable TopDrivers(SensitivityResult result) => new(
        "top-drivers",
        "Actors that move each forecast most (|correlation| of the forecast mean with their capability or salience)",
        [ReportColumn.Text("issue"), ReportColumn.Text("model"), ReportColumn.Text("first"), ReportColumn.Text("second"), ReportColumn.Text("third")],
        result.Drivers.GroupBy(e => (e.Issue, e.Model)).Select(g =>
        {
            var top = g.Take(3).Select(e => (object?)$"{e.Actor} ({(Math.Abs(e.CapabilityCorrelation) >= Math.Abs(e.SalienceCorrelation) ? "cap" : "sal")} {Fmt(Math.Abs(e.CapabilityCorrelation) >= Math.Abs(e.SalienceCorrelation) ? e.CapabilityCorrelation : e.SalienceCorrelation)})").ToList();
            while (top.Count < 3)
            {
                top.Add(null);
            }

            return (IReadOnlyList<object?>)[g.Key.Issue, g.Key.Model.ToString().ToLowerInvariant(), top[0], top[1], top[2]];
        }).ToList());
}
