namespace Tightrope.Data;

/// <summary>The one check every labelled table makes on construction: the values fill its label grid exactly.</summary>
internal static class LabelledArrays
{
    /// <summary>A copy of <paramref name="values"/>; throws when there are not exactly <paramref name="expected"/> of them (<paramref name="grid"/> names the layout).</summary>
    public static double[] Copy(ReadOnlySpan<double> values, int expected, string grid) => values.Length == expected
        ? values.ToArray()
        : throw new ArgumentException($"Expected {expected} values ({grid}), got {values.Length}.");

    /// <summary>
    /// Reorders a row-major [a][b][c] array: cell (a, b, c) of the result is cell (<paramref name="first"/>[a],
    /// <paramref name="second"/>[b], <paramref name="third"/>[c]) of <paramref name="values"/> (each order lists old positions).
    /// </summary>
    public static double[] Permute(ReadOnlySpan<double> values, IReadOnlyList<int> first, IReadOnlyList<int> second, IReadOnlyList<int> third)
    {
        int nb = second.Count, nc = third.Count;
        var result = new double[first.Count * nb * nc];
        for (var a = 0; a < first.Count; a++)
        {
            for (var b = 0; b < nb; b++)
            {
                var from = ((first[a] * nb) + second[b]) * nc;
                var to = ((a * nb) + b) * nc;
                for (var c = 0; c < nc; c++)
                {
                    result[to + c] = values[from + third[c]];
                }
            }
        }

        return result;
    }

    /// <summary>The single position of a table with no third dimension, for <see cref="Permute"/>.</summary>
    public static IReadOnlyList<int> One { get; } = [0];
}
