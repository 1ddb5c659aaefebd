using System.Globalization;
using System.Text.Json.Serialization;
using Tightrope.Reports;

namespace Tightrope.Store;

/// <summary>What a run was asked and how it went: enough to list it, reopen it and rerun it.</summary>
public sealed record RunManifest
{
    /// <summary>Run identifier (time-ordered, e.g. 20261201-193012-1a2b3c4d).</summary>
    public required string Id { get; init; }

    /// <summary>When the run finished (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Scenario title.</summary>
    public required string Title { get; init; }

    /// <summary>The model that ran it.</summary>
    public required string Model { get; init; }

    /// <summary>Where the run was started: "cli", "web", or "sweep" (a sweep recorded with its summary).</summary>
    public required string Origin { get; init; }

    /// <summary>The overrides applied to the catalogue scenario, as path=value.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }

    /// <summary>SHA-256 of the effective scenario body: equal hashes mean equal inputs.</summary>
    public required string InputHash { get; init; }

    /// <summary>Wall-clock time of the solve, in milliseconds.</summary>
    public required double ElapsedMs { get; init; }

    /// <summary>Version of the Tightrope assembly that ran it.</summary>
    public required string Version { get; init; }

    /// <summary>The report's headline.</summary>
    public required string ReportTitle { get; init; }

    /// <summary>The report's notes (sources, diagnostics).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The result tables: names, titles, columns and row counts.</summary>
    public required IReadOnlyList<StoredTableInfo> Tables { get; init; }

    /// <summary>The effective scenario JSON (after overrides), so the run can be repeated exactly.</summary>
    public required string ScenarioJson { get; init; }

    /// <summary>For a sweep: its plan and where its rows are (null for a single run).</summary>
    public SweepManifest? Sweep { get; init; }
}

/// <summary>A sweep recorded as a run: its plan, size, and the directory holding its Parquet rows.</summary>
/// <param name="Directory">The sweep's output directory (plan.json, shards/, results.parquet, summary.csv).</param>
/// <param name="Results">The merged rows, results.parquet: one row per point × economy × outcome plus the point's inputs.</param>
/// <param name="Points">Points in the plan.</param>
/// <param name="Rows">Rows in <paramref name="Results"/>.</param>
/// <param name="Failed">Points that did not solve (no rows).</param>
/// <param name="Axes">The swept fields, as given (grid and random axes).</param>
/// <param name="PlanJson">plan.json: everything that determines the results.</param>
public sealed record SweepManifest(string Directory, string Results, int Points, long Rows, int Failed, IReadOnlyList<string> Axes, string PlanJson);

/// <summary>One column of a stored table.</summary>
public sealed record StoredColumn(string Name, string Label, [property: JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))] ColumnKind Kind, int Decimals);

/// <summary>A stored table's description (its rows live beside it).</summary>
public sealed record StoredTableInfo(string Name, string Title, IReadOnlyList<StoredColumn> Columns, int RowCount, string? Note, int? ScreenRowLimit = null);

/// <summary>
/// A stored result table. Cells are kept as the CLI's CSV text (<see cref="ReportTable.FormatCsv"/>), so an export is
/// byte for byte the CSV the CLI writes.
/// </summary>
public sealed record StoredTable(StoredTableInfo Info, IReadOnlyList<IReadOnlyList<string>> Cells)
{
    /// <summary>Captures a report table.</summary>
    public static StoredTable From(ReportTable table) => new(
        new StoredTableInfo(table.Name, table.Title, table.Columns.Select(c => new StoredColumn(c.Name, c.Label, c.Kind, c.Decimals)).ToList(), table.Rows.Count, table.Note, table.ScreenRowLimit),
        table.Rows.Select(r => (IReadOnlyList<string>)r.Select(ReportTable.FormatCsv).ToList()).ToList());

    /// <summary>The table back as a <see cref="ReportTable"/> whose CSV is identical to the original's.</summary>
    public ReportTable ToReportTable() => new(
        Info.Name,
        Info.Title,
        Info.Columns.Select(c => new ReportColumn(c.Name, c.Label, c.Kind, c.Decimals)).ToList(),
        Cells.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList()).ToList())
    { Note = Info.Note, ScreenRowLimit = Info.ScreenRowLimit };

    /// <summary>The table with numbers as doubles, for display (on screen, numbers are rounded to the column's decimals).</summary>
    public ReportTable ToDisplayTable() => ToReportTable() with
    {
        Rows = Enumerable.Range(0, Cells.Count).Select(r => (IReadOnlyList<object?>)Enumerable.Range(0, Info.Columns.Count).Select(k => Value(r, k)).ToList()).ToList(),
    };

    /// <summary>A cell as a typed value: numbers as double (null for empty or NaN), text as string.</summary>
    public object? Value(int row, int column)
    {
        var text = Cells[row][column];
        if (Info.Columns[column].Kind != ColumnKind.Number)
        {
            return text;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }
}

/// <summary>A run with its tables.</summary>
public sealed record StoredRun(RunManifest Manifest, IReadOnlyList<StoredTable> Tables)
{
    /// <summary>A table by name, or null.</summary>
    public StoredTable? Table(string name) => Tables.FirstOrDefault(t => t.Info.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
