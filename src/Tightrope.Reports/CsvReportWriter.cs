namespace Tightrope.Reports;

/// <summary>Writes report tables as RFC 4180 CSV files (see <see cref="OutputFolder"/> for whole output folders).</summary>
public static class CsvReportWriter
{
    /// <summary>Writes one table to <paramref name="path"/>.</summary>
    public static void Write(ReportTable table, string path) =>
        File.WriteAllText(path, Format(table), new System.Text.UTF8Encoding(false));

    /// <summary>The CSV text of one table, exactly as <see cref="Write"/> writes it.</summary>
    public static string Format(ReportTable table) => ReportFormats.Csv(table);

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
}
