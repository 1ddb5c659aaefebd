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
        var summary = SweepResultFiles.Summarise(SweepResultFiles.Rows(plan, points));
        var failed = points.Count(p => !p.Solved);
        var note = string.Create(CultureInfo.InvariantCulture, $"Bands: 5%, 50% and 95% quantiles over {draws - failed} random draws (seed {seed}) of {string.Join("; ", vary)}")
            + (failed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {failed} draws did not solve and are left out.") : ".");
        return Attach(report, summary, note);
    }

    /// <summary>Adds band columns from <paramref name="summary"/> to every table keyed by economy.</summary>
    public static RunReport Attach(RunReport report, IReadOnlyList<SummaryRow> summary, string note)
    {
        var byKey = summary.ToDictionary(s => (s.Economy, s.Outcome));
        var keys = summary.Select(s => s.Economy).ToHashSet(StringComparer.Ordinal);
        var tables = report.Tables.Select(t =>
        {
            if (t.Columns.Count == 0 || t.Columns[0].Kind != ColumnKind.Text || !t.Rows.Any(r => r[0] is string k && keys.Contains(k)))
            {
                return t;
            }

            var banded = t.Columns.Select((c, i) => (c, i)).Where(p => p.c.Kind == ColumnKind.Number && summary.Any(s => s.Outcome == p.c.Name)).Select(p => p.i).ToHashSet();
            var columns = new List<ReportColumn>();
            for (var i = 0; i < t.Columns.Count; i++)
            {
                var c = t.Columns[i];
                columns.Add(c);
                if (banded.Contains(i))
                {
                    columns.Add(ReportColumn.Number($"{c.Name}_p05", "5%", c.Decimals));
                    columns.Add(ReportColumn.Number($"{c.Name}_p50", "50%", c.Decimals));
                    columns.Add(ReportColumn.Number($"{c.Name}_p95", "95%", c.Decimals));
                }
            }

            var rows = t.Rows.Select(r =>
            {
                var row = new List<object?>();
                for (var i = 0; i < r.Count; i++)
                {
                    row.Add(r[i]);
                    if (banded.Contains(i))
                    {
                        var found = r[0] is string key && byKey.TryGetValue((key, t.Columns[i].Name), out var s) ? s : null;
                        row.Add(found?.P05);
                        row.Add(found?.P50);
                        row.Add(found?.P95);
                    }
                }

                return (IReadOnlyList<object?>)row;
            }).ToList();
            return t with { Columns = columns, Rows = rows, Note = t.Note is null ? note : $"{t.Note} {note}" };
        }).ToList();
        return report with { Tables = tables, Notes = [.. report.Notes, note] };
    }
}
