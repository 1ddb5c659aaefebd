namespace Tightrope.Gravity.Data;

/// <summary>Reads a data file into a <see cref="ColumnarTable"/>, choosing the reader by extension (.dta = Stata, .parquet = Parquet, otherwise CSV).</summary>
public static class TableReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    public static ColumnarTable Read(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".dta" => DtaTableReader.Read(path),
        ".parquet" or ".parq" or ".pq" => ParquetTableReader.Read(path),
        _ => CsvTableReader.Read(path),
    };
}
