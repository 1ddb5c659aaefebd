using System.Text;

namespace Tightrope.Reports;

/// <summary>Writes report tables as RFC 4180 CSV files.</summary>
public static class CsvReportWriter
{
    /// <summary>Writes one table to <paramref name="path"/>.</summary>
    public static void Write(ReportTable table, string path)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(c => Escape(c.Name))).Append('\n');
        foreach (var row in table.Rows)
        {
            sb.AppendJoin(',', row.Select(v => Escape(ReportTable.FormatCsv(v)))).Append('\n');
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Writes every table of the report into <paramref name="directory"/> as NAME.csv; returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var table in report.Tables.Where(t => !t.ScreenOnly))
        {
            var path = Path.Combine(directory, table.Name + ".csv");
            Write(table, path);
            paths.Add(path);
        }

        return paths;
    }

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
