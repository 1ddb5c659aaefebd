using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tightrope.Reports;

/// <summary>The output formats of <c>run</c> and <c>compare</c>.</summary>
public enum OutputFormat
{
    /// <summary>Tables laid out for a terminal or a text file.</summary>
    Table,

    /// <summary>RFC 4180 CSV, full precision.</summary>
    Csv,

    /// <summary>One JSON document: title, headline, tables (rows as objects), notes.</summary>
    Json,

    /// <summary>Markdown pipe tables, screen precision.</summary>
    Markdown,
}

/// <summary>Writes reports as CSV, JSON or Markdown text.</summary>
public static class ReportFormats
{
    /// <summary>Parses a --format value; throws <see cref="ArgumentException"/> naming the valid ones.</summary>
    public static OutputFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "table" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        "markdown" or "md" => OutputFormat.Markdown,
        _ => throw new ArgumentException($"--format '{text}': expected table, csv, json or markdown."),
    };

    /// <summary>The report in <paramref name="format"/>; <see cref="OutputFormat.Table"/> uses <paramref name="settings"/>.</summary>
    public static string Write(RunReport report, OutputFormat format, RenderSettings settings) => format switch
    {
        OutputFormat.Table => TextReportRenderer.Render(report, settings),
        OutputFormat.Csv => Csv(ForFiles(report)),
        OutputFormat.Json => Json(ForFiles(report)),
        OutputFormat.Markdown => Markdown(ForFiles(report)),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The report without its screen-only tables: what machine-readable formats and files carry.</summary>
    public static RunReport ForFiles(RunReport report) =>
        report.Tables.Any(t => t.ScreenOnly) ? report with { Tables = [.. report.Tables.Where(t => !t.ScreenOnly)] } : report;

    /// <summary>One table as CSV text (header line, then rows).</summary>
    public static string Csv(ReportTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(c => CsvEscape(c.Name))).Append('\n');
        foreach (var row in table.Rows)
        {
            sb.AppendJoin(',', row.Select(v => CsvEscape(ReportTable.FormatCsv(v)))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Every table as CSV; with more than one, each is preceded by a "# table: NAME" line and a blank line separates them.</summary>
    public static string Csv(RunReport report)
    {
        if (report.Tables.Count == 1)
        {
            return Csv(report.Tables[0]);
        }

        return string.Join("\n", report.Tables.Select(t => $"# table: {t.Name}\n{Csv(t)}"));
    }

    /// <summary>The report as one JSON document; NaN becomes null.</summary>
    public static string Json(RunReport report)
    {
        var tables = new JsonArray();
        foreach (var t in report.Tables)
        {
            var rows = new JsonArray();
            foreach (var row in t.Rows)
            {
                var obj = new JsonObject();
                for (var i = 0; i < t.Columns.Count; i++)
                {
                    obj[t.Columns[i].Name] = ToNode(i < row.Count ? row[i] : null);
                }

                rows.Add(obj);
            }

            tables.Add(new JsonObject
            {
                ["name"] = t.Name,
                ["title"] = t.Title,
                ["columns"] = new JsonArray([.. t.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["label"] = c.Label, ["kind"] = c.Kind.ToString().ToLowerInvariant() })]),
                ["rows"] = rows,
                ["note"] = t.Note,
            });
        }

        var root = new JsonObject
        {
            ["title"] = report.Title,
            ["headline"] = report.Headline,
            ["tables"] = tables,
            ["notes"] = new JsonArray([.. report.Notes.Select(n => (JsonNode)JsonValue.Create(n)!)]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>The report as Markdown: title, headline, one pipe table per table (every row), notes as a list.</summary>
    public static string Markdown(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(MdEscape(report.Title)).Append("\n\n");
        if (report.Headline is { } h)
        {
            sb.Append(MdEscape(h)).Append("\n\n");
        }

        foreach (var t in report.Tables)
        {
            sb.Append(Markdown(t)).Append('\n');
        }

        foreach (var note in report.Notes)
        {
            sb.Append("- ").Append(MdEscape(note)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>One table as a Markdown pipe table with its title as a heading.</summary>
    public static string Markdown(ReportTable table)
    {
        var sb = new StringBuilder();
        sb.Append("## ").Append(MdEscape(table.Title)).Append("\n\n");
        sb.Append("| ").AppendJoin(" | ", table.Columns.Select(c => MdEscape(c.Label))).Append(" |\n");
        sb.Append('|').AppendJoin('|', table.Columns.Select(c => c.Kind == ColumnKind.Number ? "---:" : "---")).Append("|\n");
        foreach (var row in table.Rows)
        {
            sb.Append("| ").AppendJoin(" | ", table.Columns.Select((c, i) => MdEscape(TextReportRenderer.FormatCell(i < row.Count ? row[i] : null, c).Text))).Append(" |\n");
        }

        if (table.Note is { } note)
        {
            sb.Append('\n').Append(MdEscape(note)).Append('\n');
        }

        return sb.ToString();
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
        float f => float.IsFinite(f) ? JsonValue.Create(f) : null,
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Quotes a CSV field when it holds a comma, quote or line break.</summary>
    public static string CsvEscape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static string MdEscape(string s) => s.Replace("|", "\\|").Replace('\n', ' ');
}
