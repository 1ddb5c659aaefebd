using System.Globalization;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Sweeps;

/// <summary>Uncertainty bands for a run: the scenario's tables with 5/50/95% quantiles over random draws beside each number.</summary>
public static class SweepBands
{
    /// <summary>
    /// Runs <paramref name="scenario"/> once, then <paramref name="draws"/> random edits of it, and returns the report
    /// with three columns (5%, 50%, 95%) after every number that the draws give a distribution for.
    /// </summary>
    public static RunReport Run(
        ScenarioModelRegistry registry, ScenarioDocument scenario, int draws, IReadOnlyList<VaryAxis> vary, long seed, RunOptions options,
        SweepProgress? progress = null)
    {
        var report = registry.Run(scenario, options);
        var model = registry.For(scenario);
        var outcomes = model is ISweepableScenarioModel s
            ? s.OutcomeNames
            : report.Tables.OrderBy(t => t.Name == "countries" ? 0 : 1).First().Columns.Where(c => c.Kind == ColumnKind.Number).Select(c => c.Name).ToArray();
        var plan = new SweepPlan
        {
            ScenarioJson = scenario.Body.GetRawText(),
            ScenarioPath = scenario.Path,
            Vary = vary,
            Draws = draws,
            Seed = seed,
            Outcomes = outcomes,
            DataRoot = options.DataRoot,
        };
        var runner = new SweepRunner(registry, options);
        runner.Validate(plan);
        var points = runner.Solve(plan, 0, plan.BlockCount, progress);
        var summary = SweepResultFiles.Summarise(plan, points);
        var failed = points.Count(p => !p.Solved);
        var note = string.Create(CultureInfo.InvariantCulture, $"Bands: 5%, 50% and 95% quantiles over {draws - failed} random draws (seed {seed}) of {string.Join("; ", vary)}")
            + (failed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {failed} draws did not solve and are left out.") : ".");
        return Attach(report, summary, note);
    }

    /// <summary>
    /// Adds the bands to a report: a first table "bands" (each focus economy × outcome: the run's value, then the 5%,
    /// 50% and 95% quantiles beside it), and three quantile columns after every outcome of the all-economies table
    /// (which is written to CSV). The other tables are unchanged.
    /// </summary>
    public static RunReport Attach(RunReport report, IReadOnlyList<SummaryRow> summary, string note)
    {
        var byKey = summary.ToDictionary(s => (s.Economy, s.Outcome));
        var outcomeNames = summary.Select(s => s.Outcome).Distinct().ToList();
        var all = report.Tables.FirstOrDefault(t => t.Name == "countries") ?? report.Tables.FirstOrDefault(t => t.Columns.Count > 0 && t.Columns[0].Kind == ColumnKind.Text &&
            t.Rows.Any(r => r[0] is string k && byKey.ContainsKey((k, outcomeNames[0]))));
        if (all is null)
        {
            return report with { Notes = [.. report.Notes, note] };
        }

        var banded = all.Columns.Select((c, i) => (c, i)).Where(p => p.c.Kind == ColumnKind.Number && outcomeNames.Contains(p.c.Name)).ToList();

        // The screen table: the focus table's economies (or the first ten rows) × the banded outcomes.
        var focusTable = report.Tables.FirstOrDefault(t => t.Name == "focus");
        var focusKeys = (focusTable?.Rows ?? all.Rows.Take(10)).Select(r => r[0] as string).Where(k => !string.IsNullOrEmpty(k) && byKey.ContainsKey((k!, banded[0].c.Name))).Select(k => k!).Distinct().ToList();
        var rowsByKey = all.Rows.Where(r => r[0] is string).GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.First());
        var bandRows = new List<IReadOnlyList<object?>>();
        foreach (var key in focusKeys)
        {
            foreach (var (c, i) in banded)
            {
                var s = byKey[(key, c.Name)];
                bandRows.Add([key, c.Label, rowsByKey.TryGetValue(key, out var row) ? row[i] : null, s.P05, s.P50, s.P95]);
            }
        }

        var bands = new ReportTable("bands", "Uncertainty: the run's value and 5/50/95% quantiles over the draws",
            [ReportColumn.Text("iso3"), ReportColumn.Text("outcome"), ReportColumn.Number("value", "value", 3), ReportColumn.Number("p05", "5%", 3), ReportColumn.Number("p50", "50%", 3), ReportColumn.Number("p95", "95%", 3)],
            bandRows)
        { Note = note };

        var positions = banded.Select(p => p.i).ToHashSet();
        var columns = new List<ReportColumn>();
        for (var i = 0; i < all.Columns.Count; i++)
        {
            var c = all.Columns[i];
            columns.Add(c);
            if (positions.Contains(i))
            {
                columns.Add(ReportColumn.Number($"{c.Name}_p05", "5%", c.Decimals));
                columns.Add(ReportColumn.Number($"{c.Name}_p50", "50%", c.Decimals));
                columns.Add(ReportColumn.Number($"{c.Name}_p95", "95%", c.Decimals));
            }
        }

        var rows = all.Rows.Select(r =>
        {
            var row = new List<object?>();
            for (var i = 0; i < r.Count; i++)
            {
                row.Add(r[i]);
                if (positions.Contains(i))
                {
                    var found = r[0] is string key && byKey.TryGetValue((key, all.Columns[i].Name), out var s) ? s : null;
                    row.Add(found?.P05);
                    row.Add(found?.P50);
                    row.Add(found?.P95);
                }
            }

            return (IReadOnlyList<object?>)row;
        }).ToList();
        var withBands = all with { Columns = columns, Rows = rows };
        var tables = new List<ReportTable> { bands };
        tables.AddRange(report.Tables.Select(t => ReferenceEquals(t, all) ? withBands : t));
        return report with { Tables = tables, Notes = [.. report.Notes, note] };
    }
}
