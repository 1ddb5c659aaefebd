using System.Globalization;
using System.Text;
using Tightrope.Data;

namespace Tightrope.Gravity.Data;

/// <summary>
/// Reads a comma-separated file with a header line into a <see cref="ColumnarTable"/>. A column whose non-empty cells all parse as
/// numbers is numeric; otherwise it is text. Empty cells, <c>NA</c> and <c>.</c> are missing values.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Reads the file; ragged rows and unterminated quotes are errors naming the line.</summary>
    public static ColumnarTable Read(string path)
    {
        // Purely numeric files (the large panels) take the parallel path; anything else is read here.
        if (NumericCsvReader.TryRead(path, h => Split(h, path, 1)) is { } numeric)
        {
            return numeric;
        }

        return ReadSerial(path);
    }

    /// <summary>The general reader, line by line on one thread: every form the format allows (quotes, text columns, empty lines).
    /// <see cref="Read"/> uses it for everything but purely numeric files; public as the baseline of the reading benchmark.</summary>
    public static ColumnarTable ReadSerial(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, true, 1 << 20);
        var headerLine = reader.ReadLine() ?? throw new DataFormatException(path, 1, null, "the file is empty; expected a header line");
        var header = Split(headerLine, path, 1);
        if (header.Count == 0 || header.Any(string.IsNullOrWhiteSpace))
        {
            throw new DataFormatException(path, 1, null, "the header has an empty column name");
        }

        var k = header.Count;
        var numbers = new List<double>[k];
        var texts = new List<string?>?[k];
        var firstText = new int?[k];
        for (var j = 0; j < k; j++)
        {
            numbers[j] = [];
        }

        var line = 1;
        var row = 0;
        var starts = new List<int>(k + 1);
        var lengths = new List<int>(k + 1);
        var quoted = new List<string?>(k + 1);
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            Locate(text, path, line, starts, lengths, quoted);
            if (starts.Count != k)
            {
                throw new DataFormatException(path, line, null, $"expected {k} cells as in the header, found {starts.Count}");
            }

            for (var j = 0; j < k; j++)
            {
                var cell = quoted[j] is { } q ? q.AsSpan() : text.AsSpan(starts[j], lengths[j]).Trim();
                var missing = cell.Length == 0 || cell is "NA" || cell is ".";
                if (texts[j] is { } t)
                {
                    t.Add(missing ? null : cell.ToString());
                    continue;
                }

                if (missing)
                {
                    numbers[j].Add(double.NaN);
                }
                else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    numbers[j].Add(v);
                }
                else
                {
                    var converted = new List<string?>(numbers[j].Count + 1024);
                    foreach (var d in numbers[j])
                    {
                        converted.Add(double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture));
                    }

                    converted.Add(cell.ToString());
                    texts[j] = converted;
                    firstText[j] = row;
                    numbers[j] = [];
                }
            }

            row++;
        }

        var columns = new TableColumn[k];
        for (var j = 0; j < k; j++)
        {
            columns[j] = texts[j] is { } t
                ? new TextColumn(header[j], [.. t], firstText[j])
                : new NumericColumn(header[j], [.. numbers[j]]);
        }

        return new ColumnarTable(path, columns, RowNumbering.CsvLine);
    }

    // Finds the cells of a line without allocating: start and length of each unquoted cell; quoted cells are unescaped into strings.
    private static void Locate(string text, string path, int line, List<int> starts, List<int> lengths, List<string?> quoted)
    {
        starts.Clear();
        lengths.Clear();
        quoted.Clear();
        var i = 0;
        while (true)
        {
            var begin = i;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                var consumed = QuotedLength(text.AsSpan(i), path, line);
                starts.Add(i);
                lengths.Add(consumed);
                quoted.Add(text.Substring(i + 1, consumed - 2).Replace("\"\"", "\"", StringComparison.Ordinal).Trim());
                i += consumed;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    throw new DataFormatException(path, line, null, "text after a closing quote");
                }
            }
            else
            {
                var end = text.IndexOf(',', begin);
                if (end < 0)
                {
                    end = text.Length;
                }

                starts.Add(begin);
                lengths.Add(end - begin);
                quoted.Add(null);
                i = end;
            }

            if (i >= text.Length)
            {
                return;
            }

            i++; // the comma
        }
    }

    private static int QuotedLength(ReadOnlySpan<char> text, string path, int line)
    {
        var i = 1;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new DataFormatException(path, line, null, "unterminated quoted cell");
            }

            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }
    }

    private static List<string> Split(string text, string path, int line)
    {
        var cells = new List<string>();
        SplitInto(text, path, line, cells);
        return cells;
    }

    private static void SplitInto(string text, string path, int line, List<string> cells)
    {
        cells.Clear();
        var i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new DataFormatException(path, line, null, "unterminated quoted cell");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(text[i++]);
                }

                cells.Add(sb.ToString().Trim());
                if (i < text.Length && text[i] != ',')
                {
                    throw new DataFormatException(path, line, null, "text after a closing quote");
                }
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0)
                {
                    end = text.Length;
                }

                cells.Add(text[i..end].Trim());
                i = end;
            }

            if (i >= text.Length)
            {
                return;
            }

            i++; // the comma
        }
    }
}
