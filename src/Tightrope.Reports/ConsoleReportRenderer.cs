using System.Globalization;
using Spectre.Console;

namespace Tightrope.Reports;

/// <summary>Prints report tables to a terminal with Spectre.Console.</summary>
public static class ConsoleReportRenderer
{
    /// <summary>Renders the whole report: title, tables, notes.</summary>
    public static void Render(RunReport report, IAnsiConsole console)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(report.Title)}[/]").LeftJustified());
        foreach (var table in report.Tables.Where(t => !t.CsvOnly))
        {
            Render(table, console);
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }
    }

    /// <summary>Renders one table; negative numbers in red, positive in green.</summary>
    public static void Render(ReportTable table, IAnsiConsole console)
    {
        var t = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(table.Title)}[/]");
        foreach (var c in table.Columns)
        {
            var col = new TableColumn(Markup.Escape(c.Label));
            if (c.Kind == ColumnKind.Number)
            {
                col.RightAligned();
            }

            t.AddColumn(col);
        }

        var limit = table.ScreenRowLimit ?? int.MaxValue;
        foreach (var row in table.Rows.Take(limit))
        {
            t.AddRow(row.Select((v, i) => Cell(v, table.Columns[i])).ToArray());
        }

        if (table.Rows.Count > limit)
        {
            t.Caption($"[grey]{limit} of {table.Rows.Count} rows shown; all rows are in {Markup.Escape(table.Name)}.csv[/]");
        }
        else if (table.Note is not null)
        {
            t.Caption($"[grey]{Markup.Escape(table.Note)}[/]");
        }

        console.Write(t);
    }

    private static string Cell(object? value, ReportColumn column)
    {
        if (value is double d && column.Kind == ColumnKind.Number)
        {
            if (double.IsNaN(d))
            {
                return "[grey]n/a[/]";
            }

            var text = d.ToString("N" + column.Decimals, CultureInfo.InvariantCulture);
            var rounded = Math.Round(d, column.Decimals);
            return rounded < 0 ? $"[red]{text}[/]" : rounded > 0 ? $"[green]{text}[/]" : text;
        }

        return Markup.Escape(ReportTable.FormatCsv(value));
    }
}
