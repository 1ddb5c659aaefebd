namespace Tightrope.Reports;

/// <summary>Puts one column of several runs' tables side by side, keyed by the table's first column (e.g. iso3).</summary>
public static class ReportComparison
{
    /// <summary>
    /// Builds a table with one row per key in <paramref name="keys"/> (all keys of the first run when empty) and one
    /// column per run, holding <paramref name="column"/> of table <paramref name="tableName"/>.
    /// </summary>
    public static ReportTable Compare(IReadOnlyList<(string Name, RunReport Report)> runs, string tableName, string column, IReadOnlyList<string> keys)
    {
        if (runs.Count == 0)
        {
            throw new ArgumentException("Nothing to compare.");
        }

        var lookups = runs.Select(run =>
        {
            var table = run.Report.Tables.FirstOrDefault(t => t.Name == tableName)
                ?? throw new ArgumentException($"Run '{run.Name}' has no table '{tableName}'; it has: {string.Join(", ", run.Report.Tables.Select(t => t.Name))}.");
            var index = table.Columns.ToList().FindIndex(c => c.Name == column);
            if (index < 0)
            {
                throw new ArgumentException($"Table '{tableName}' of run '{run.Name}' has no column '{column}'; it has: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            }

            var rows = table.Rows.ToDictionary(r => ReportTable.FormatCsv(r[0]), r => (Row: r, Index: index), StringComparer.OrdinalIgnoreCase);
            return (Table: table, Rows: rows, Index: index);
        }).ToList();

        var first = lookups[0].Table;
        var label = first.Columns[lookups[0].Index];
        var selected = keys.Count > 0 ? keys : first.Rows.Select(r => ReportTable.FormatCsv(r[0])).ToList();
        var hasName = first.Columns.Count > 1 && first.Columns[1].Kind == ColumnKind.Text;
        var columns = new List<ReportColumn> { first.Columns[0] };
        if (hasName)
        {
            columns.Add(first.Columns[1]);
        }

        columns.AddRange(runs.Select(r => ReportColumn.Number(r.Name, r.Name, label.Decimals)));
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var key in selected)
        {
            if (!lookups[0].Rows.TryGetValue(key, out var head))
            {
                throw new ArgumentException($"'{key}' is not a row of table '{tableName}'.");
            }

            var row = new List<object?> { head.Row[0] };
            if (hasName)
            {
                row.Add(head.Row[1]);
            }

            row.AddRange(lookups.Select(l => l.Rows.TryGetValue(key, out var hit) ? hit.Row[hit.Index] : null));
            rows.Add(row);
        }

        return new ReportTable("comparison", $"{label.Label} ({column}) by scenario", columns, rows);
    }
}
