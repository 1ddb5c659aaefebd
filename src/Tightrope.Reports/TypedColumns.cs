namespace Tightrope.Reports;

/// <summary>A report column bound to the value it shows: the one place a column's name, label and source are written.</summary>
/// <typeparam name="T">The typed row (e.g. one country's outcome).</typeparam>
/// <param name="Definition">Name, label, kind, decimals, polarity.</param>
/// <param name="Value">The cell of one row.</param>
public sealed record Column<T>(ReportColumn Definition, Func<T, object?> Value);

/// <summary>Builds report tables from typed rows and typed columns, so no column order is written twice.</summary>
public static class TypedTable
{
    /// <summary>A table with one row per item.</summary>
    public static ReportTable Build<T>(string name, string title, IReadOnlyList<Column<T>> columns, IEnumerable<T> items) =>
        new(name, title, [.. columns.Select(c => c.Definition)], [.. items.Select(item => Row(columns, item))]);

    /// <summary>One row's cells in column order.</summary>
    public static IReadOnlyList<object?> Row<T>(IReadOnlyList<Column<T>> columns, T item) => [.. columns.Select(c => c.Value(item))];
}
