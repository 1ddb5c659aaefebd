using System.Collections;

namespace Tightrope.Data;

/// <summary>An ordered, duplicate-free list of countries; the order is the row/column order of every matrix built on it.</summary>
public sealed class CountrySet : IReadOnlyList<Country>
{
    private readonly Country[] _countries;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the set; throws if an ISO3 code repeats.</summary>
    public CountrySet(IEnumerable<Country> countries)
    {
        _countries = countries.ToArray();
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _countries.Length; i++)
        {
            if (!_index.TryAdd(_countries[i].Iso3, i))
            {
                throw new ArgumentException($"Country code '{_countries[i].Iso3}' appears twice (positions {_index[_countries[i].Iso3] + 1} and {i + 1}).");
            }
        }
    }

    /// <summary>Number of countries.</summary>
    public int Count => _countries.Length;

    /// <summary>The country at a zero-based position.</summary>
    public Country this[int index] => _countries[index];

    /// <summary>Zero-based position of the country with this ISO3 code, or -1.</summary>
    public int IndexOf(string iso3) => _index.TryGetValue(iso3, out var i) ? i : -1;

    /// <summary>Zero-based position of the country with this ISO3 code; throws a readable error if absent.</summary>
    public int Require(string iso3) =>
        _index.TryGetValue(iso3, out var i)
            ? i
            : throw new KeyNotFoundException($"Country '{iso3}' is not in this data set of {Count} countries.");

    /// <summary>Whether the ISO3 code is present.</summary>
    public bool Contains(string iso3) => _index.ContainsKey(iso3);

    /// <summary>A new set with the countries in the order given by <paramref name="order"/> (old positions).</summary>
    public CountrySet Permute(IReadOnlyList<int> order) => new(order.Select(i => _countries[i]));

    /// <inheritdoc />
    public IEnumerator<Country> GetEnumerator() => ((IEnumerable<Country>)_countries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
