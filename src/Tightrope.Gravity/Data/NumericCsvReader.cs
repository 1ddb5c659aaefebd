using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Tightrope.Gravity.Data;

/// <summary>
/// The fast path of <see cref="CsvTableReader"/> for the common case of a purely numeric CSV file (panels of ids, years and
/// values): the file is cut into chunks at line starts, one pass counts each chunk's lines, and a second pass parses every
/// chunk in parallel straight into the final column arrays (no strings, no intermediate lists). Anything outside that case
/// (quoted cells, text, ragged or empty lines, a lone carriage return, a byte-order mark other than UTF-8's) returns null,
/// and the general reader, which owns every error message, reads the file instead.
/// Index conventions: chunk c covers the bytes [bounds[c], bounds[c + 1]) and holds rows [firstRow[c], firstRow[c + 1]).
/// </summary>
internal static class NumericCsvReader
{
    private const int ChunkBytes = 4 << 20;

    /// <summary>Reads the file, or returns null when it needs the general reader.</summary>
    public static ColumnarTable? TryRead(string path, Func<string, List<string>> splitHeader)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var head = new byte[(int)Math.Min(length, 1 << 16)];
        var got = ReadFully(handle, head, 0);
        var start = 0;
        if (got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return null; // UTF-16/32: the general reader decodes it.
        }

        if (got >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            start = 3;
        }

        var newline = head.AsSpan(start, got - start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var headerBytes = head.AsSpan(start, newline);
        if (headerBytes.Length > 0 && headerBytes[^1] == '\r')
        {
            headerBytes = headerBytes[..^1];
        }

        if (headerBytes.IndexOf((byte)'\r') >= 0 || headerBytes.IsEmpty)
        {
            return null;
        }

        var header = splitHeader(Encoding.UTF8.GetString(headerBytes));
        if (header.Count == 0 || header.Any(string.IsNullOrWhiteSpace) || header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            return null;
        }

        var k = header.Count;
        long dataStart = start + newline + 1;
        var dataLength = length - dataStart;

        // A text cell in the first data line: the general reader, without parsing the whole file twice.
        var firstLineEnd = head.AsSpan((int)Math.Min(dataStart, got)).IndexOf((byte)'\n');
        if (firstLineEnd > 0 && !ParseLine(head.AsSpan((int)dataStart, firstLineEnd), k, null, 0))
        {
            return null;
        }

        // Chunk boundaries at line starts.
        var chunks = (int)Math.Clamp(dataLength / ChunkBytes, 1, 4096);
        var bounds = new long[chunks + 1];
        bounds[0] = dataStart;
        bounds[chunks] = length;
        var probe = new byte[1 << 16];
        for (var c = 1; c < chunks; c++)
        {
            var position = Math.Max(dataStart + (c * (dataLength / chunks)) - 1, bounds[c - 1]);
            bounds[c] = length;
            while (position < length)
            {
                var n = RandomAccess.Read(handle, probe, position);
                if (n <= 0)
                {
                    break;
                }

                var at = probe.AsSpan(0, n).IndexOf((byte)'\n');
                if (at >= 0)
                {
                    bounds[c] = position + at + 1;
                    break;
                }

                position += n;
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var rowsIn = new long[chunks];
        var failed = 0;
        var largest = 0L;
        for (var c = 0; c < chunks; c++)
        {
            largest = Math.Max(largest, bounds[c + 1] - bounds[c]);
        }

        if (largest > int.MaxValue / 2)
        {
            return null;
        }

        // Pass 1: lines per chunk (and the quick rejections: quotes or carriage returns not followed by a newline).
        Parallel.For(0, chunks, options, () => new byte[largest], (c, _, buffer) =>
        {
            if (Volatile.Read(ref failed) != 0)
            {
                return buffer;
            }

            var size = (int)(bounds[c + 1] - bounds[c]);
            var bytes = buffer.AsSpan(0, size);
            if (ReadFully(handle, buffer, bounds[c], size) != size || bytes.IndexOf((byte)'"') >= 0
                || bytes.Count((byte)'\r') != bytes.Count("\r\n"u8))
            {
                Volatile.Write(ref failed, 1);
                return buffer;
            }

            var lines = bytes.Count((byte)'\n');
            if (size > 0 && bytes[^1] != '\n')
            {
                lines++;
            }

            rowsIn[c] = lines;
            return buffer;
        }, _ => { });
        if (failed != 0)
        {
            return null;
        }

        var firstRow = new long[chunks + 1];
        for (var c = 0; c < chunks; c++)
        {
            firstRow[c + 1] = firstRow[c] + rowsIn[c];
        }

        if (firstRow[chunks] > Array.MaxLength)
        {
            return null;
        }

        var rows = (int)firstRow[chunks];
        var columns = new double[k][];
        for (var j = 0; j < k; j++)
        {
            columns[j] = GC.AllocateUninitializedArray<double>(rows);
        }

        // Pass 2: parse every chunk into its rows of the final columns.
        Parallel.For(0, chunks, options, () => new byte[largest], (c, _, buffer) =>
        {
            if (Volatile.Read(ref failed) != 0)
            {
                return buffer;
            }

            var size = (int)(bounds[c + 1] - bounds[c]);
            if (ReadFully(handle, buffer, bounds[c], size) != size || !ParseChunk(buffer.AsSpan(0, size), k, columns, (int)firstRow[c], (int)rowsIn[c]))
            {
                Volatile.Write(ref failed, 1);
            }

            return buffer;
        }, _ => { });
        if (failed != 0)
        {
            return null;
        }

        var result = new TableColumn[k];
        for (var j = 0; j < k; j++)
        {
            result[j] = new NumericColumn(header[j], columns[j]);
        }

        return new ColumnarTable(path, result, RowNumbering.CsvLine);
    }

    private static int ReadFully(SafeFileHandle handle, byte[] buffer, long offset, int count = -1)
    {
        count = count < 0 ? buffer.Length : count;
        var total = 0;
        while (total < count)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(total, count - total), offset + total);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ParseChunk(ReadOnlySpan<byte> bytes, int k, double[][] columns, int row, int rows)
    {
        var end = row + rows;
        while (!bytes.IsEmpty)
        {
            var at = bytes.IndexOf((byte)'\n');
            var line = at < 0 ? bytes : bytes[..at];
            bytes = at < 0 ? [] : bytes[(at + 1)..];
            if (row >= end || !ParseLine(line, k, columns, row))
            {
                return false;
            }

            row++;
        }

        return row == end;
    }

    // One line of exactly k numeric (or missing) cells; false for anything else (an empty line, a ragged row, text).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ParseLine(ReadOnlySpan<byte> line, int k, double[][]? columns, int row)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            return false;
        }

        for (var j = 0; j < k; j++)
        {
            var comma = line.IndexOf((byte)',');
            ReadOnlySpan<byte> cell;
            if (comma < 0)
            {
                if (j != k - 1)
                {
                    return false;
                }

                cell = line;
                line = [];
            }
            else
            {
                if (j == k - 1)
                {
                    return false;
                }

                cell = line[..comma];
                line = line[(comma + 1)..];
            }

            if (!TryParseCell(cell, out var value))
            {
                return false;
            }

            if (columns is not null)
            {
                columns[j][row] = value;
            }
        }

        return true;
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    // A number as double.Parse (invariant culture) reads it, or a missing value (empty, NA, "."). Plain decimals with at most
    // 2^53 as their digit string and a decimal exponent within ±22 are exact in binary, so one correctly rounded multiplication or
    // division gives the correctly rounded result (Clinger's fast path); every other form goes to double.TryParse.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseCell(ReadOnlySpan<byte> cell, out double value)
    {
        while (!cell.IsEmpty && (cell[0] == ' ' || cell[0] == '\t'))
        {
            cell = cell[1..];
        }

        while (!cell.IsEmpty && (cell[^1] == ' ' || cell[^1] == '\t'))
        {
            cell = cell[..^1];
        }

        if (cell.IsEmpty || (cell.Length == 1 && cell[0] == '.') || (cell.Length == 2 && cell[0] == 'N' && cell[1] == 'A'))
        {
            value = double.NaN;
            return true;
        }

        var i = 0;
        var negative = false;
        if (cell[0] == '-' || cell[0] == '+')
        {
            negative = cell[0] == '-';
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = 0;
        var any = false;
        for (; i < cell.Length && (uint)(cell[i] - '0') <= 9; i++)
        {
            any = true;
            if (mantissa != 0 || cell[i] != '0')
            {
                mantissa = (mantissa * 10) + (uint)(cell[i] - '0');
                digits++;
            }
        }

        if (i < cell.Length && cell[i] == '.')
        {
            for (i++; i < cell.Length && (uint)(cell[i] - '0') <= 9; i++)
            {
                any = true;
                if (mantissa != 0 || cell[i] != '0')
                {
                    mantissa = (mantissa * 10) + (uint)(cell[i] - '0');
                    digits++;
                }

                scale--;
            }
        }

        if (any && i < cell.Length && (cell[i] == 'e' || cell[i] == 'E'))
        {
            var j = i + 1;
            var expNegative = false;
            if (j < cell.Length && (cell[j] == '-' || cell[j] == '+'))
            {
                expNegative = cell[j] == '-';
                j++;
            }

            var exponent = 0;
            var expDigits = 0;
            for (; j < cell.Length && (uint)(cell[j] - '0') <= 9 && expDigits < 6; j++, expDigits++)
            {
                exponent = (exponent * 10) + (cell[j] - '0');
            }

            if (expDigits > 0 && j == cell.Length)
            {
                scale += expNegative ? -exponent : exponent;
                i = j;
            }
        }

        if (any && i == cell.Length && digits <= 19 && mantissa <= (1UL << 53) && scale >= -22 && scale <= 22)
        {
            var v = (double)mantissa;
            v = scale >= 0 ? v * PowersOfTen[scale] : v / PowersOfTen[-scale];
            value = negative ? -v : v;
            return true;
        }

        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
