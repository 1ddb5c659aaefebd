namespace Tightrope.Reports;

/// <summary>Writes report tables as RFC 4180 CSV files (see <see cref="OutputFolder"/> for whole output folders).</summary>
public static class CsvReportWriter
{
    /// <summary>Writes one table to <paramref name="path"/>.</summary>
    public static void Write(ReportTable table, string path) =>
        File.WriteAllText(path, Format(table), new System.Text.UTF8Encoding(false));

    /// <summary>The CSV text of one table, exactly as <see cref="Write"/> writes it.</summary>
    public static string Format(ReportTable table) => ReportFormats.Csv(table);

}
