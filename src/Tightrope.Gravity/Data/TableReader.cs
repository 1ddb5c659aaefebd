namespace Tightrope.Gravity.Data;

/// <summary>Reads a data file into a <see cref="ColumnarTable"/>, choosing the reader by extension (.dta = Stata, otherwise CSV).</summary>
public static class TableReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    public static ColumnarTable Read(string path) =>
        Path.GetExtension(path).Equals(".dta", StringComparison.OrdinalIgnoreCase) ? DtaTableReader.Read(path) : CsvTableReader.Read(path);
}
