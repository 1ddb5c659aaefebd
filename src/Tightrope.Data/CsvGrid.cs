using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Tightrope.Data;

/// <summary>A CSV file read as a header plus rows of raw text cells, remembering file line numbers for error messages.</summary>
public sealed class CsvGrid
{
    private CsvGrid(string path, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Header cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows with their 1-based file line.</summary>
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Reads a comma-separated file with a header line; every row must have as many cells as the header.</summary>
    public static CsvGrid Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new DataFormatException(path, null, null, "file not found.");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null };
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, config);
        string[]? header = null;
        var rows = new List<(int, string[])>();
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            var line = parser.RawRow;
            if (header is null)
            {
                header = record.Select(h => h.Trim()).ToArray();
                continue;
            }

            if (record.Length == 1 && record[0].Length == 0 && header.Length > 1)
            {
                continue; // a blank line, typically the last one
            }

            if (record.Length != header.Length)
            {
                throw new DataFormatException(path, line, null, $"expected {header.Length} cells as in the header, found {record.Length}.");
            }

            rows.Add((line, record));
        }

        if (header is null)
        {
            throw new DataFormatException(path, 1, null, "the file is empty; expected a header line.");
        }

        return new CsvGrid(path, header, rows);
    }

    /// <summary>Position of a header column; throws naming the file if absent.</summary>
    public int ColumnIndex(string name)
    {
        for (var c = 0; c < Header.Count; c++)
        {
            if (string.Equals(Header[c], name, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        throw new DataFormatException(Path, 1, name, $"column '{name}' is missing; the header has: {string.Join(",", Header)}.");
    }

    /// <summary>Parses a cell as a number; an empty cell yields <paramref name="emptyValue"/> or an error when it is null.</summary>
    public double Number(int row, int column, double? emptyValue = null)
    {
        var (line, cells) = Rows[row];
        var text = cells[column].Trim();
        if (text.Length == 0)
        {
            return emptyValue ?? throw new DataFormatException(Path, line, Header[column], "empty cell; expected a number.");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new DataFormatException(Path, line, Header[column], $"'{text}' is not a number.");
        }

        return value;
    }
}
