namespace Tightrope.Scenarios;

/// <summary>Nearest-name suggestions for misspelt fields, options and codes.</summary>
public static class EditDistance
{
    /// <summary>Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent transpositions), case-insensitive.</summary>
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>The candidate closest to <paramref name="name"/> when it is plausibly a misspelling of it, else null.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var distance = Between(name, c);
            if (distance < bestDistance)
            {
                best = c;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    /// <summary>"did you mean 'x'?" or the list of valid names.</summary>
    public static string Suggest(string name, IReadOnlyCollection<string> candidates) =>
        Nearest(name, candidates) is { } near
            ? $"did you mean '{near}'?"
            : candidates.Count == 0 ? "this object takes no fields." : $"valid fields here: {string.Join(", ", candidates)}.";
}
