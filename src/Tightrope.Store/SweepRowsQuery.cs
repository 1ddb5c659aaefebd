using System.Globalization;
using DuckDB.NET.Data;
using Tightrope.Reports;

namespace Tightrope.Store;

/// <summary>
/// SQL over a sweep's Parquet rows, read in place by DuckDB (<c>read_parquet</c>): the rows are the view <c>rows</c>
/// (draw, iso3, outcome, value, then one column per swept field). Runs on its own in-memory database, so it never
/// holds the run store's file.
/// </summary>
public static class SweepRowsQuery
{
    /// <summary>The view name queries use.</summary>
    public const string View = "rows";

    /// <summary>
    /// Runs <paramref name="sql"/> against the rows in <paramref name="parquetPath"/> (or a glob of shard files) and
    /// returns at most <paramref name="limit"/> result rows as a table (numbers as numbers, everything else as text).
    /// </summary>
    /// <exception cref="StoreException">The file is missing or the query fails; the message says why.</exception>
    public static ReportTable Run(string parquetPath, string sql, int limit = 10_000, string name = "query") =>
        Execute(parquetPath, sql, [], limit, name);

    /// <summary>The rows of one economy and/or outcome (null: all), in draw order, at most <paramref name="limit"/>.</summary>
    public static ReportTable Select(string parquetPath, string? iso3, string? outcome, int limit) =>
        Execute(
            parquetPath,
            $"SELECT * FROM {View} WHERE ($1 IS NULL OR iso3 = $1) AND ($2 IS NULL OR outcome = $2) ORDER BY draw, iso3, outcome",
            [iso3, outcome],
            limit,
            "rows");

    private static ReportTable Execute(string parquetPath, string sql, object?[] parameters, int limit, string name)
    {
        if (!parquetPath.Contains('*') && !File.Exists(parquetPath))
        {
            throw new StoreException($"{parquetPath}: the sweep's rows are not there (moved or deleted?); 'tightrope sweep collect DIR' writes them.");
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            using (var view = connection.CreateCommand())
            {
                view.CommandText = $"CREATE VIEW {View} AS SELECT * FROM read_parquet('{parquetPath.Replace("'", "''")}')";
                view.ExecuteNonQuery();
            }

            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var p in parameters)
            {
                cmd.Parameters.Add(new DuckDBParameter((object?)p ?? DBNull.Value));
            }

            using var reader = cmd.ExecuteReader();
            var columns = new List<ReportColumn>();
            var numeric = new bool[reader.FieldCount];
            for (var k = 0; k < reader.FieldCount; k++)
            {
                var type = reader.GetFieldType(k);
                // Integers (draw numbers, counts) stay plain digits; fractional numbers are numbers.
                numeric[k] = type == typeof(double) || type == typeof(float) || type == typeof(decimal);
                var column = reader.GetName(k);
                columns.Add(numeric[k] ? ReportColumn.Number(column, column, 4) : ReportColumn.Text(column));
            }

            var rows = new List<IReadOnlyList<object?>>();
            while (rows.Count < limit && reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var k = 0; k < row.Length; k++)
                {
                    row[k] = reader.IsDBNull(k) ? null
                        : numeric[k] ? Convert.ToDouble(reader.GetValue(k), CultureInfo.InvariantCulture)
                        : Convert.ToString(reader.GetValue(k), CultureInfo.InvariantCulture);
                }

                rows.Add(row);
            }

            var more = reader.Read();
            var title = more ? $"{name}: the first {limit} rows (--limit)" : $"{name}: {rows.Count} rows";
            return new ReportTable(name, title, columns, rows);
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"query on {parquetPath}: {e.Message.Split('\n')[0].Trim()}");
        }
    }
}
