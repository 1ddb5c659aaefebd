namespace Tightrope.Gravity.Data;

/// <summary>One named column of a <see cref="ColumnarTable"/>.</summary>
public abstract class TableColumn(string name)
{
    /// <summary>Column name as in the file.</summary>
    public string Name { get; } = name;

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when row <paramref name="row"/> holds no value.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The value of row <paramref name="row"/> as text (empty when missing).</summary>
    public abstract string Text(int row);
}

/// <summary>A numeric column; missing values are NaN.</summary>
public sealed class NumericColumn(string name, double[] values) : TableColumn(name)
{
    /// <summary>The values, NaN where missing.</summary>
    public double[] Values { get; } = values;

    /// <inheritdoc/>
    public override int Length => Values.Length;

    /// <inheritdoc/>
    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    /// <inheritdoc/>
    public override string Text(int row) => IsMissing(row) ? string.Empty : Values[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A text column; missing values are null. Remembers its first non-numeric cell for error messages.</summary>
public sealed class TextColumn(string name, string?[] values, int? firstTextRow = null) : TableColumn(name)
{
    /// <summary>The values, null where missing.</summary>
    public string?[] Values { get; } = values;

    /// <summary>0-based row of the first value that is not a number (null when unknown).</summary>
    public int? FirstTextRow { get; } = firstTextRow;

    /// <inheritdoc/>
    public override int Length => Values.Length;

    /// <inheritdoc/>
    public override bool IsMissing(int row) => Values[row] is null;

    /// <inheritdoc/>
    public override string Text(int row) => Values[row] ?? string.Empty;
}

/// <summary>
/// A rectangular data set stored by column, as read from a CSV or Stata file. <see cref="Source"/> names the file and
/// <see cref="RowLabel"/> turns a 0-based row into the place users see in the file (CSV line, .dta observation).
/// </summary>
public sealed class ColumnarTable
{
    private readonly Dictionary<string, TableColumn> _byName;

    /// <summary>Creates a table from columns of equal length.</summary>
    public ColumnarTable(string source, IReadOnlyList<TableColumn> columns, RowNumbering numbering = RowNumbering.Observation)
    {
        Source = source;
        Columns = columns;
        Numbering = numbering;
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
        _byName = new Dictionary<string, TableColumn>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c.Length != RowCount)
            {
                throw new ArgumentException($"{source}: column '{c.Name}' has {c.Length} rows, expected {RowCount}.");
            }

            if (!_byName.TryAdd(c.Name, c))
            {
                throw new ArgumentException($"{source}: column '{c.Name}' appears twice.");
            }
        }
    }

    /// <summary>File (or description) the table came from.</summary>
    public string Source { get; }

    /// <summary>The columns in file order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>How rows are numbered for users.</summary>
    public RowNumbering Numbering { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>True when the table has a column of that name.</summary>
    public bool Has(string name) => _byName.ContainsKey(name);

    /// <summary>The column of that name; a <see cref="KeyNotFoundException"/> naming the file and the columns available otherwise.</summary>
    public TableColumn Column(string name) => _byName.TryGetValue(name, out var c)
        ? c
        : throw new KeyNotFoundException($"{Source}: no variable '{name}'. Available: {string.Join(", ", Columns.Select(x => x.Name))}.");

    /// <summary>The numeric column of that name; an error naming the first non-numeric value if it holds text.</summary>
    public NumericColumn Numeric(string name) => Column(name) switch
    {
        NumericColumn n => n,
        TextColumn t => throw new Tightrope.Data.DataFormatException(
            Source, t.FirstTextRow is int r ? RowLabel(r) : null, name,
            t.FirstTextRow is int r2 ? $"expected a number, found '{t.Values[r2]}'" : "expected a numeric variable, found text"),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The user-facing number of a 0-based row: the CSV line (header = 1) or the 1-based observation.</summary>
    public int RowLabel(int row) => Numbering == RowNumbering.CsvLine ? row + 2 : row + 1;

    /// <summary>A table with the given column added (or replaced).</summary>
    public ColumnarTable With(TableColumn column)
    {
        var cols = Columns.Where(c => c.Name != column.Name).Append(column).ToList();
        return new ColumnarTable(Source, cols, Numbering);
    }
}

/// <summary>How rows of a <see cref="ColumnarTable"/> are numbered in messages.</summary>
public enum RowNumbering
{
    /// <summary>1-based observation number (.dta).</summary>
    Observation,

    /// <summary>1-based line of a CSV file with a header line.</summary>
    CsvLine,
}
