using Tightrope.Gravity.Data;

namespace Tightrope.Gravity.Estimation;

/// <summary>Turns categorical variables (and their interactions) into dense 0-based level codes with labels.</summary>
internal static class FactorEncoding
{
    /// <summary>Codes for every table row (-1 where a component is missing) and the first row of each level.</summary>
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

            var map = new Dictionary<long, int>();
            var next = new int[n];
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

    private static (int[] Codes, int Levels) EncodeOne(TableColumn column)
    {
        var n = column.Length;
        var codes = new int[n];
        switch (column)
        {
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

    /// <summary>Re-codes <paramref name="codes"/> restricted to <paramref name="rows"/> densely; returns the map from new to old code.</summary>
    public static (int[] Codes, int[] OldCode) Compact(int[] codes, int[] rows, int oldLevels)
    {
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
