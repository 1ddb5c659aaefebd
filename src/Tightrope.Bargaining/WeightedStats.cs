namespace Tightrope.Bargaining;

/// <summary>Central tendency of positions weighted by capability × salience.</summary>
public static class WeightedStats
{
    /// <summary>Weighted mean Σ c s x / Σ c s (0 when the total weight is 0).</summary>
    public static double Mean(ReadOnlySpan<double> capability, ReadOnlySpan<double> salience, ReadOnlySpan<double> position)
    {
        double num = 0, den = 0;
        for (var k = 0; k < position.Length; k++)
        {
            var w = capability[k] * salience[k];
            num += w * position[k];
            den += w;
        }

        return den == 0 ? 0 : num / den;
    }

    /// <summary>
    /// Weighted median (the Condorcet winner under linear utilities): sort by position, accumulate c·s and return the first
    /// position whose cumulative weight is strictly greater than half the total. At an exact half split this picks the
    /// upper of the two tied positions.
    /// </summary>
    public static double Median(ReadOnlySpan<double> capability, ReadOnlySpan<double> salience, ReadOnlySpan<double> position)
    {
        var n = position.Length;
        Span<int> order = n <= 64 ? stackalloc int[n] : new int[n];
        for (var k = 0; k < n; k++)
        {
            order[k] = k;
        }

        // insertion sort: stable, and n is small
        for (var i = 1; i < n; i++)
        {
            var v = order[i];
            var j = i - 1;
            while (j >= 0 && position[order[j]] > position[v])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = v;
        }

        double total = 0;
        for (var k = 0; k < n; k++)
        {
            total += capability[k] * salience[k];
        }

        double cumulative = 0;
        for (var i = 0; i < n; i++)
        {
            var k = order[i];
            cumulative += capability[k] * salience[k];
            if (cumulative > total / 2)
            {
                return position[k];
            }
        }

        return n == 0 ? double.NaN : position[order[n - 1]];
    }
}
