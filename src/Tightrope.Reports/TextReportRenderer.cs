using System.Globalization;
using System.Text;

namespace Tightrope.Reports;

/// <summary>How text output is laid out: the width to fit (columns) and whether ANSI colour codes are written.</summary>
/// <param name="Width">Characters per line; <see cref="Unlimited"/> never wraps (redirected output).</param>
/// <param name="Color">Write ANSI colours (terminals only, never with NO_COLOR).</param>
public sealed record RenderSettings(int Width, bool Color)
{
    /// <summary>The width used when output is not a terminal: nothing is wrapped.</summary>
    public const int Unlimited = 100_000;

    /// <summary>Plain text without wrapping, for files and pipes.</summary>
    public static RenderSettings Plain { get; } = new(Unlimited, false);
}

/// <summary>
/// Lays report tables out as plain text that fits a width: columns separated by two spaces, text wrapped only between
/// words (names and numbers are never split), a long layout (one block per row) when a short table cannot fit, and the
/// key columns with a pointer to the CSV when a long one cannot. Colours follow each column's <see cref="Polarity"/>.
/// </summary>
public static class TextReportRenderer
{
    private const string Gap = "  ";
    private const int LongLayoutMaxRows = 12;
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Bold = "\u001b[1m";
    private const string Grey = "\u001b[90m";
    private const string Reset = "\u001b[0m";

    /// <summary>Renders the whole report: title, headline, tables with rows on screen, a line naming the others, notes.</summary>
    public static string Render(RunReport report, RenderSettings settings)
    {
        var sb = new StringBuilder();
        AppendWrapped(sb, report.Title, settings, Bold, string.Empty);
        if (report.Headline is { } headline)
        {
            sb.Append('\n');
            AppendWrapped(sb, headline, settings, null, "  ");
        }

        var hidden = new List<ReportTable>();
        foreach (var table in report.Tables.Where(t => !t.CsvOnly))
        {
            if (ShownRows(table) == 0)
            {
                hidden.Add(table);
                continue;
            }

            // A table titled like the report (a comparison) does not repeat the title.
            sb.Append('\n').Append(Render(table.Title == report.Title ? table with { Title = string.Empty } : table, settings));
        }

        if (hidden.Count > 0)
        {
            sb.Append('\n');
            AppendWrapped(sb,
                $"Not shown on screen: {string.Join(", ", hidden.Select(t => $"{t.Name} ({t.Rows.Count} rows)"))}; write them with --out DIR or print them with --format csv.",
                settings, Grey, "  ");
        }

        if (report.Notes.Count > 0)
        {
            sb.Append('\n');
            foreach (var note in report.Notes)
            {
                AppendWrapped(sb, note, settings, Grey, "  ");
            }
        }

        return sb.ToString();
    }

    /// <summary>Renders one table (title, header, rows, caption) to fit <see cref="RenderSettings.Width"/>.</summary>
    public static string Render(ReportTable table, RenderSettings settings)
    {
        var rows = table.Rows.Take(ShownRows(table)).ToList();
        var columns = table.Columns;
        var cells = rows.Select(r => columns.Select((c, i) => Format(i < r.Count ? r[i] : null, c)).ToArray()).ToList();
        var sb = new StringBuilder();
        if (table.Title.Length > 0)
        {
            AppendWrapped(sb, table.Title, settings, Bold, string.Empty);
        }

        var natural = columns.Select((c, i) => Math.Max(c.Label.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var minimum = columns.Select((c, i) => Math.Max(LongestWord(c.Label), cells.Count == 0 ? 0 : cells.Max(r => c.Kind == ColumnKind.Number ? r[i].Length : LongestWord(r[i].Text)))).ToArray();
        var all = Enumerable.Range(0, columns.Count).ToArray();
        var caption = table.Rows.Count > rows.Count
            ? $"{rows.Count} of {table.Rows.Count} rows shown; all rows are in {table.Name}.csv (--out DIR)."
            : table.Note;

        if (Fit(natural, minimum, all, settings.Width) is { } widths)
        {
            AppendGrid(sb, table, cells, all, widths, settings);
        }
        else if (rows.Count <= LongLayoutMaxRows)
        {
            AppendLong(sb, table, cells, settings);
        }
        else
        {
            // Key columns (the leading text columns) and as many others as fit.
            var keys = all.TakeWhile(i => columns[i].Kind == ColumnKind.Text).ToList();
            var shown = new List<int>(keys);
            foreach (var i in all.Skip(keys.Count))
            {
                if (Fit(natural, minimum, [.. shown, i], settings.Width) is null)
                {
                    break;
                }

                shown.Add(i);
            }

            var chosen = shown.ToArray();
            AppendGrid(sb, table, cells, chosen, Fit(natural, minimum, chosen, settings.Width) ?? chosen.Select(i => minimum[i]).ToArray(), settings);
            var more = $"{chosen.Length} of {columns.Count} columns shown at width {settings.Width}; the full table is {table.Name}.csv (--out DIR), or use --width N or --format csv.";
            caption = caption is null ? more : $"{more} {caption}";
        }

        if (caption is not null)
        {
            AppendWrapped(sb, caption, settings, Grey, "  ");
        }

        return sb.ToString();
    }

    /// <summary>A cell as shown on screen, with its colour (null: none).</summary>
    public static (string Text, string? Color) FormatCell(object? value, ReportColumn column)
    {
        if (column.Kind == ColumnKind.Number)
        {
            switch (value)
            {
                case null:
                    return (string.Empty, null);
                case int or long:
                    return (Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture), null);
                case double d when double.IsNaN(d):
                    return ("n/a", null);
                case double d:
                    {
                        var rounded = Math.Round(d, column.Decimals);
                        if (rounded == 0)
                        {
                            rounded = 0; // no "-0.00"
                        }

                        var text = rounded.ToString("N" + column.Decimals, CultureInfo.InvariantCulture);
                        var sign = Math.Sign(rounded);
                        var color = column.Polarity switch
                        {
                            Polarity.HigherIsBetter => sign > 0 ? Green : sign < 0 ? Red : null,
                            Polarity.LowerIsBetter => sign > 0 ? Red : sign < 0 ? Green : null,
                            _ => null,
                        };
                        return (text, color);
                    }
            }
        }

        return (ReportTable.FormatCsv(value), null);
    }

    private readonly record struct Cell(string Text, string? Color)
    {
        public int Length => Text.Length;
    }

    private static Cell Format(object? value, ReportColumn column)
    {
        var (text, color) = FormatCell(value, column);
        return new Cell(text.Replace('\n', ' '), color);
    }

    private static int ShownRows(ReportTable table) => Math.Min(table.Rows.Count, table.ScreenRowLimit ?? int.MaxValue);

    // Column widths that fit: natural widths, else text columns narrowed (never below their longest word); null if none.
    private static int[]? Fit(int[] natural, int[] minimum, int[] chosen, int width)
    {
        var widths = chosen.Select(i => natural[i]).ToArray();
        var floor = chosen.Select(i => minimum[i]).ToArray();
        var gaps = Gap.Length * (chosen.Length - 1);
        if (floor.Sum() + gaps > width)
        {
            return null;
        }

        var excess = widths.Sum() + gaps - width;
        while (excess > 0)
        {
            var k = -1;
            for (var j = 0; j < widths.Length; j++)
            {
                if (widths[j] > floor[j] && (k < 0 || widths[j] - floor[j] > widths[k] - floor[k]))
                {
                    k = j;
                }
            }

            widths[k]--;
            excess--;
        }

        return widths;
    }

    private static void AppendGrid(StringBuilder sb, ReportTable table, List<Cell[]> cells, int[] chosen, int[] widths, RenderSettings settings)
    {
        var columns = table.Columns;
        var header = chosen.Select((i, k) => Wrap(columns[i].Label, widths[k])).ToArray();
        var headerLines = header.Max(h => h.Count);
        for (var line = 0; line < headerLines; line++)
        {
            var parts = chosen.Select((i, k) =>
            {
                // Labels sit on the last header lines, so a wrapped label reads downwards into its column.
                var offset = headerLines - header[k].Count;
                var text = line >= offset ? header[k][line - offset] : string.Empty;
                return Pad(text, widths[k], columns[i].Kind == ColumnKind.Number);
            });
            AppendLine(sb, string.Join(Gap, parts));
        }

        AppendLine(sb, string.Join(Gap, widths.Select(w => new string('─', w))));
        foreach (var cellRow in cells)
        {
            var wrapped = chosen.Select((i, k) => columns[i].Kind == ColumnKind.Number ? [cellRow[i].Text] : Wrap(cellRow[i].Text, widths[k])).ToArray();
            var lines = wrapped.Max(w => w.Count);
            for (var line = 0; line < lines; line++)
            {
                var parts = chosen.Select((i, k) =>
                {
                    var text = line < wrapped[k].Count ? wrapped[k][line] : string.Empty;
                    var padded = Pad(text, widths[k], columns[i].Kind == ColumnKind.Number);
                    return settings.Color && cellRow[i].Color is { } color && text.Length > 0 ? color + padded + Reset : padded;
                });
                AppendLine(sb, string.Join(Gap, parts));
            }
        }
    }

    private static void AppendLong(StringBuilder sb, ReportTable table, List<Cell[]> cells, RenderSettings settings)
    {
        var columns = table.Columns;
        var keys = Enumerable.Range(0, columns.Count).TakeWhile(i => columns[i].Kind == ColumnKind.Text).ToList();
        if (keys.Count == columns.Count)
        {
            keys = [0];
        }

        var rest = Enumerable.Range(0, columns.Count).Except(keys).ToList();
        var labelWidth = rest.Max(i => columns[i].Label.Length);
        for (var r = 0; r < cells.Count; r++)
        {
            var key = string.Join("  ", keys.Select(i => cells[r][i].Text).Where(t => t.Length > 0));
            AppendLine(sb, settings.Color ? Bold + key + Reset : key);
            var valueWidth = rest.Max(i => cells[r][i].Length);
            foreach (var i in rest)
            {
                var cell = cells[r][i];
                var number = columns[i].Kind == ColumnKind.Number;
                var room = Math.Max(10, settings.Width - labelWidth - 4);
                var valueLines = number ? [cell.Text] : Wrap(cell.Text, room);
                for (var line = 0; line < valueLines.Count; line++)
                {
                    var label = line == 0 ? columns[i].Label : string.Empty;
                    var value = number ? cell.Text.PadLeft(valueWidth) : valueLines[line];
                    var colored = settings.Color && cell.Color is { } color ? color + value + Reset : value;
                    AppendLine(sb, $"  {label.PadRight(labelWidth)}  {colored}");
                }
            }
        }
    }

    private static string Pad(string text, int width, bool right) => right ? text.PadLeft(width) : text.PadRight(width);

    private static void AppendLine(StringBuilder sb, string line) => sb.Append(line.TrimEnd()).Append('\n');

    private static void AppendWrapped(StringBuilder sb, string text, RenderSettings settings, string? style, string indent)
    {
        var lines = Wrap(text, Math.Max(20, settings.Width - indent.Length));
        for (var k = 0; k < lines.Count; k++)
        {
            var line = k == 0 ? lines[k] : indent + lines[k];
            AppendLine(sb, settings.Color && style is not null ? style + line + Reset : line);
        }
    }

    private static int LongestWord(string text) => text.Split(' ').Max(w => w.Length);

    // Word wrap: breaks only at spaces; a word longer than the width stays whole on its own line.
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        lines.Add(current.ToString());
        return lines;
    }
}
