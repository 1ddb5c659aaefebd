using Parquet;
using Parquet.Schema;
using Tightrope.Data;

namespace Tightrope.Gravity.Data;

/// <summary>
/// Reads an Apache Parquet file (flat schema) into a <see cref="ColumnarTable"/>: numeric columns of any width (integers,
/// floating point, decimals, booleans as 0/1; nulls missing) become numeric columns, strings text columns; other types are an error naming the column.
/// Rows are numbered as observations (1-based).
/// </summary>
public static class ParquetTableReader
{
    /// <summary>Reads <paramref name="path"/>; a file that is not Parquet or has nested columns is a <see cref="DataFormatException"/>.</summary>
    public static ColumnarTable Read(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return ReadAsync(path, stream).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(path, null, null, $"not a readable Parquet file ({e.Message})");
        }
    }

    private static async Task<ColumnarTable> ReadAsync(string path, Stream stream)
    {
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        if (reader.Schema.Fields.Count != fields.Length || fields.Any(f => f.IsArray))
        {
            throw new DataFormatException(path, null, null, "nested Parquet columns (structs, lists, maps) are not supported; flatten them first");
        }

        var groups = new List<ParquetRowGroupReader>();
        try
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                groups.Add(reader.OpenRowGroupReader(g));
            }

            var n = checked((int)groups.Sum(g => g.RowCount));
            var columns = new List<TableColumn>(fields.Length);
            foreach (var field in fields)
            {
                columns.Add(await ReadColumn(path, field, groups, n).ConfigureAwait(false));
            }

            return new ColumnarTable(path, columns, RowNumbering.Observation);
        }
        finally
        {
            foreach (var g in groups)
            {
                g.Dispose();
            }
        }
    }

    private static async Task<TableColumn> ReadColumn(string path, DataField field, List<ParquetRowGroupReader> groups, int n)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var text = new string?[n];
            var row = 0;
            foreach (var g in groups)
            {
                var count = (int)g.RowCount;
                await g.ReadAsync(field, text.AsMemory(row, count)).ConfigureAwait(false);
                row += count;
            }

            return new TextColumn(field.Name, text);
        }

        var values = new double[n];
        var at = 0;
        foreach (var g in groups)
        {
            var count = (int)g.RowCount;
            var dest = values.AsMemory(at, count);
            var task = type switch
            {
                _ when type == typeof(double) => Numeric<double>(g, field, dest, v => v),
                _ when type == typeof(float) => Numeric<float>(g, field, dest, v => v),
                _ when type == typeof(int) => Numeric<int>(g, field, dest, v => v),
                _ when type == typeof(long) => Numeric<long>(g, field, dest, v => v),
                _ when type == typeof(short) => Numeric<short>(g, field, dest, v => v),
                _ when type == typeof(byte) => Numeric<byte>(g, field, dest, v => v),
                _ when type == typeof(sbyte) => Numeric<sbyte>(g, field, dest, v => v),
                _ when type == typeof(ushort) => Numeric<ushort>(g, field, dest, v => v),
                _ when type == typeof(uint) => Numeric<uint>(g, field, dest, v => v),
                _ when type == typeof(ulong) => Numeric<ulong>(g, field, dest, v => v),
                _ when type == typeof(decimal) => Numeric<decimal>(g, field, dest, v => (double)v),
                _ when type == typeof(bool) => Numeric<bool>(g, field, dest, v => v ? 1 : 0),
                _ => throw new DataFormatException(path, null, field.Name, $"Parquet type {type.Name} is not supported (numbers, booleans and strings are)"),
            };
            await task.ConfigureAwait(false);
            at += count;
        }

        return new NumericColumn(field.Name, values);
    }

    private static async Task Numeric<T>(ParquetRowGroupReader group, DataField field, Memory<double> dest, Func<T, double> convert)
        where T : struct
    {
        var count = dest.Length;
        if (field.IsNullable)
        {
            var buffer = new T?[count];
            await group.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            var span = dest.Span;
            for (var i = 0; i < count; i++)
            {
                span[i] = buffer[i] is { } v ? convert(v) : double.NaN;
            }
        }
        else
        {
            var buffer = new T[count];
            await group.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            var span = dest.Span;
            for (var i = 0; i < count; i++)
            {
                span[i] = convert(buffer[i]);
            }
        }
    }
}
