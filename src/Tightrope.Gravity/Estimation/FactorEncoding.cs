using System.Runtime.CompilerServices;
using Tightrope.Gravity.Data;

namespace Tightrope.Gravity.Estimation;

/// <summary>Turns categorical variables (and their interactions) into dense 0-based level codes with labels.</summary>
internal static class FactorEncoding
{
    /// <summary>Codes for every table row (-1 where a component is missing) and the first row of each level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int[] Codes, List<int> FirstRow) Encode(ColumnarTable table, IReadOnlyList<string> variables)
    {
        var n = table.RowCount;
        int[]? combined = null;
        var combinedLevels = 0;
        foreach (var v in variables)
        {
            var (codes, levels) = EncodeOne(table.Column(v));
            if (combined is null)
            {
                combined = codes;
                combinedLevels = levels;
                continue;
            }

            var next = new int[n];
            if ((long)combinedLevels * levels <= Math.Max(4L * n, 1L << 24))
            {
                // Dense key space: an array lookup instead of hashing.
                var lookup = new int[combinedLevels * levels];
                Array.Fill(lookup, -1);
                var count = 0;
                for (var i = 0; i < n; i++)
                {
                    if (combined[i] < 0 || codes[i] < 0)
                    {
                        next[i] = -1;
                        continue;
                    }

                    var key = (combined[i] * levels) + codes[i];
                    var c = lookup[key];
                    if (c < 0)
                    {
                        c = count++;
                        lookup[key] = c;
                    }

                    next[i] = c;
                }

                combined = next;
                combinedLevels = count;
                continue;
            }

            var map = new Dictionary<long, int>();
            for (var i = 0; i < n; i++)
            {
                if (combined[i] < 0 || codes[i] < 0)
                {
                    next[i] = -1;
                    continue;
                }

                var key = ((long)combined[i] * levels) + codes[i];
                if (!map.TryGetValue(key, out var c))
                {
                    c = map.Count;
                    map[key] = c;
                }

                next[i] = c;
            }

            combined = next;
            combinedLevels = map.Count;
        }

        var first = new List<int>(combinedLevels);
        var seen = new bool[combinedLevels];
        for (var i = 0; i < n; i++)
        {
            var c = combined![i];
            if (c >= 0 && !seen[c])
            {
                seen[c] = true;
                while (first.Count <= c)
                {
                    first.Add(-1);
                }

                first[c] = i;
            }
        }

        return (combined!, first);
    }

    /// <summary>The label of a row's level: the component values joined by '^'.</summary>
    public static string Label(ColumnarTable table, IReadOnlyList<string> variables, int row) =>
        string.Join("^", variables.Select(v => table.Column(v).Text(row)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Codes, int Levels) EncodeOne(TableColumn column)
    {
        var n = column.Length;
        var codes = new int[n];
        switch (column)
        {
            case NumericColumn num when TryIntegerRange(num.Values, out var min, out var range):
                {
                    // Integer codes in a compact range (ids, years): an array lookup instead of hashing.
                    var table = new int[range + 1];
                    Array.Fill(table, -1);
                    var count = 0;
                    var values = num.Values;
                    for (var i = 0; i < n; i++)
                    {
                        var v = values[i];
                        if (double.IsNaN(v))
                        {
                            codes[i] = -1;
                            continue;
                        }

                        var key = (int)(v - min);
                        var c = table[key];
                        if (c < 0)
                        {
                            c = count++;
                            table[key] = c;
                        }

                        codes[i] = c;
                    }

                    return (codes, count);
                }

            case NumericColumn num:
                {
                    var map = new Dictionary<double, int>();
                    var values = num.Values;
                    var lastValue = double.NaN;
                    var lastCode = -1;
                    for (var i = 0; i < n; i++)
                    {
                        var v = values[i];
                        if (double.IsNaN(v))
                        {
                            codes[i] = -1;
                            continue;
                        }

                        if (v == lastValue)
                        {
                            codes[i] = lastCode;
                            continue;
                        }

                        if (!map.TryGetValue(v, out var c))
                        {
                            c = map.Count;
                            map[v] = c;
                        }

                        codes[i] = c;
                        lastValue = v;
                        lastCode = c;
                    }

                    return (codes, map.Count);
                }

            case TextColumn text:
                {
                    var map = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < n; i++)
                    {
                        var v = text.Values[i];
                        if (v is null)
                        {
                            codes[i] = -1;
                            continue;
                        }

                        if (!map.TryGetValue(v, out var c))
                        {
                            c = map.Count;
                            map[v] = c;
                        }

                        codes[i] = c;
                    }

                    return (codes, map.Count);
                }

            default:
                throw new InvalidOperationException();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryIntegerRange(double[] values, out long min, out long range)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (v != Math.Floor(v) || Math.Abs(v) > 1e15)
            {
                min = range = 0;
                return false;
            }

            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        min = double.IsInfinity(lo) ? 0 : (long)lo;
        range = double.IsInfinity(lo) ? 0 : (long)(hi - lo);
        return range <= Math.Max(4L * values.Length, 1L << 20);
    }

    /// <summary>Re-codes <paramref name="codes"/> restricted to <paramref name="rows"/> densely; returns the map from new to old code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int[] Codes, int[] OldCode) Compact(int[] codes, int[] rows, int oldLevels)
    {
        // Every row kept (rows are ascending and distinct): the codes are already dense in order of first appearance.
        if (rows.Length == codes.Length)
        {
            return (codes, [.. Enumerable.Range(0, oldLevels)]);
        }

        var map = new int[oldLevels];
        Array.Fill(map, -1);
        var result = new int[rows.Length];
        var old = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            var c = codes[rows[i]];
            var k = map[c];
            if (k < 0)
            {
                k = old.Count;
                map[c] = k;
                old.Add(c);
            }

            result[i] = k;
        }

        return (result, [.. old]);
    }
}
