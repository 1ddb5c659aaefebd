using System.Globalization;

namespace Tightrope.Reports;

/// <summary>The kind of value a report column holds, which decides formatting in tables and CSV.</summary>
public enum ColumnKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A number shown with the column's decimals on screen and full precision in CSV.</summary>
    Number,
}

/// <summary>Which direction of a number is good for the row's country; decides its colour on screen.</summary>
public enum Polarity
{
    /// <summary>Neither direction is good or bad in itself (trade shares, deficits, estimates): no colour.</summary>
    Neutral,

    /// <summary>A rise is good (welfare, employment, real GDP): green when positive, red when negative.</summary>
    HigherIsBetter,

    /// <summary>A rise is bad (consumer prices): red when positive, green when negative.</summary>
    LowerIsBetter,
}

/// <summary>A column of a <see cref="ReportTable"/>: CSV header name, screen label, kind and on-screen decimals.</summary>
public sealed record ReportColumn(string Name, string Label, ColumnKind Kind = ColumnKind.Number, int Decimals = 2)
{
    /// <summary>Whether a rise is good, bad or neither, for colours on screen.</summary>
    public Polarity Polarity { get; init; }

    /// <summary>This column with the given polarity.</summary>
    public ReportColumn Good(Polarity polarity) => this with { Polarity = polarity };

    /// <summary>A text column.</summary>
    public static ReportColumn Text(string name, string? label = null) => new(name, label ?? name, ColumnKind.Text, 0);

    /// <summary>A numeric column.</summary>
    public static ReportColumn Number(string name, string label, int decimals = 2) => new(name, label, ColumnKind.Number, decimals);
}

/// <summary>
/// A rectangular result table: what a model run produces for people (printed) and machines (CSV).
/// <see cref="Name"/> is the CSV file stem, e.g. "countries" for countries.csv.
/// </summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Rows shown on screen before the rest are elided (null = all).</summary>
    public int? ScreenRowLimit { get; init; }

    /// <summary>Footnote printed under the table on screen.</summary>
    public string? Note { get; init; }

    /// <summary>True for a table that is only printed (a section in words); the CSV writer skips it.</summary>
    public bool ScreenOnly { get; init; }

    /// <summary>True for a table too wide to print (a compact view is printed instead); the console renderer skips it.</summary>
    public bool CsvOnly { get; init; }

    /// <summary>Formats a cell for CSV: invariant culture, round-trip precision for numbers.</summary>
    public static string FormatCsv(object? value) => value switch
    {
        null => string.Empty,
        double d => double.IsNaN(d) ? "NaN" : d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>Everything one run produced: a title, the tables, and free-form notes (sources, diagnostics).</summary>
public sealed record RunReport(string Title, IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Notes)
{
    /// <summary>One plain-language sentence with the main result, printed first (null: none).</summary>
    public string? Headline { get; init; }

    /// <summary>How each solve of the run converged, for the output manifest.</summary>
    public IReadOnlyList<SolverDiagnostic> Solver { get; init; } = [];

    /// <summary>Files besides the tables' CSVs (charts) that an output folder of this run holds.</summary>
    public IReadOnlyList<OutputFile> Files { get; init; } = [];
}

/// <summary>How one solve converged: iterations and the final residual (null when the solver has none).</summary>
public sealed record SolverDiagnostic(string Solve, int Iterations, double? Residual);
