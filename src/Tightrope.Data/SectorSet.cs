using System.Collections;

namespace Tightrope.Data;

/// <summary>An ordered, duplicate-free list of sectors; the order is the sector order of every table built on it.</summary>
public sealed class SectorSet : IReadOnlyList<Sector>
{
    private readonly Sector[] _sectors;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the set; throws if a sector code repeats.</summary>
    public SectorSet(IEnumerable<Sector> sectors)
    {
        _sectors = sectors.ToArray();
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var s = 0; s < _sectors.Length; s++)
        {
            if (!_index.TryAdd(_sectors[s].Code, s))
            {
                throw new ArgumentException($"Sector code '{_sectors[s].Code}' appears twice (positions {_index[_sectors[s].Code] + 1} and {s + 1}).");
            }
        }
    }

    /// <summary>Number of sectors.</summary>
    public int Count => _sectors.Length;

    /// <summary>The sector at a zero-based position.</summary>
    public Sector this[int index] => _sectors[index];

    /// <summary>Zero-based position of the sector with this code (case-insensitive), or -1.</summary>
    public int IndexOf(string code) => _index.TryGetValue(code, out var s) ? s : -1;

    /// <summary>Zero-based position of the sector with this code; throws a readable error listing the codes if absent.</summary>
    public int Require(string code) =>
        _index.TryGetValue(code, out var s)
            ? s
            : throw new KeyNotFoundException($"Sector '{code}' is not one of: {string.Join(", ", _sectors.Select(x => x.Code))}.");

    /// <summary>A new set in the order given by <paramref name="order"/> (old positions).</summary>
    public SectorSet Permute(IReadOnlyList<int> order) => new(order.Select(s => _sectors[s]));

    /// <inheritdoc />
    public IEnumerator<Sector> GetEnumerator() => ((IEnumerable<Sector>)_sectors).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One number per sector (an elasticity, a tariff increase…), in the order of a <see cref="SectorSet"/>.</summary>
public sealed class SectorValues
{
    private readonly double[] _values;

    /// <summary>Wraps the values (copied); one finite value per sector.</summary>
    public SectorValues(SectorSet sectors, ReadOnlySpan<double> values)
    {
        if (values.Length != sectors.Count)
        {
            throw new ArgumentException($"Expected {sectors.Count} values, one per sector, got {values.Length}.");
        }

        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Sector values must be finite; found {v}.");
            }
        }

        Sectors = sectors;
        _values = values.ToArray();
    }

    /// <summary>Labels.</summary>
    public SectorSet Sectors { get; }

    /// <summary>Value of the sector at a zero-based position.</summary>
    public double this[int sector] => _values[sector];

    /// <summary>Value of a sector named by code.</summary>
    public double this[string code] => _values[Sectors.Require(code)];

    /// <summary>All values in sector order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public SectorValues Permute(IReadOnlyList<int> order) => new(Sectors.Permute(order), order.Select(s => _values[s]).ToArray());
}
