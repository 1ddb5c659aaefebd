namespace Tightrope.Data;

/// <summary>
/// Exporter → importer matrices for every sector of a <see cref="SectorSet"/>, over one <see cref="CountrySet"/>, with a
/// declared <see cref="PairUnit"/>. Index convention: <c>this[sector, exporter, importer]</c>, stored as
/// [sector][exporter][importer] row-major. For a tariff, the cell is the rate the importer levies on the exporter's goods
/// of that sector. Cells are validated on construction (finite, ≥ 0; zero diagonal for rates) and immutable afterwards.
/// </summary>
public sealed class SectoralPairMatrix
{
    private readonly double[] _values;

    /// <summary>Wraps values laid out [sector][exporter][importer] (copied and validated).</summary>
    public SectoralPairMatrix(SectorSet sectors, CountrySet countries, ReadOnlySpan<double> sectorExporterImporter, PairUnit unit)
    {
        int n = countries.Count, j = sectors.Count;
        if (sectorExporterImporter.Length != j * n * n)
        {
            throw new ArgumentException($"A sectoral pair matrix over {j} sectors and {n} countries needs {j * n * n} values, got {sectorExporterImporter.Length}.");
        }

        var valid = unit.AllValid(sectorExporterImporter, n);
        for (var s = 0; !valid && s < j; s++)
        {
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    if (unit.Problem(sectorExporterImporter[(((s * n) + e) * n) + i], e == i) is { } problem)
                    {
                        throw new ArgumentException($"{sectors[s].Code}, {countries[e].Iso3} → {countries[i].Iso3}: {problem}.");
                    }
                }
            }
        }

        Sectors = sectors;
        Countries = countries;
        Unit = unit;
        _values = sectorExporterImporter.ToArray();
    }

    /// <summary>Sector labels.</summary>
    public SectorSet Sectors { get; }

    /// <summary>Exporter and importer labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Unit of every cell.</summary>
    public PairUnit Unit { get; }

    /// <summary>The currency of a matrix of flows; throws for rates and factors.</summary>
    public MoneyUnit Currency => Unit.Money ?? throw new InvalidOperationException($"A matrix in {Unit} has no currency.");

    /// <summary>Value of <paramref name="sector"/> from <paramref name="exporter"/> to <paramref name="importer"/> (zero-based).</summary>
    public double this[int sector, int exporter, int importer] => _values[(((sector * Countries.Count) + exporter) * Countries.Count) + importer];

    /// <summary>Value named by sector code and ISO3 codes.</summary>
    public double this[string sector, string exporter, string importer] =>
        this[Sectors.Require(sector), Countries.Require(exporter), Countries.Require(importer)];

    /// <summary>All values, [sector][exporter][importer] row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>One sector's row of one exporter, every importer (itself included).</summary>
    public ReadOnlySpan<double> Row(int sector, int exporter) =>
        _values.AsSpan(((sector * Countries.Count) + exporter) * Countries.Count, Countries.Count);

    /// <summary>Sales of one sector of one exporter to every destination, itself included (gross output for producer-price flows).</summary>
    public double SalesOf(int sector, int exporter)
    {
        var sum = 0.0;
        foreach (var v in Row(sector, exporter))
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>The same flows in another currency (money matrices only).</summary>
    public SectoralPairMatrix In(MoneyUnit unit)
    {
        if (Currency == unit)
        {
            return this;
        }

        var f = MoneyUnits.Factor(Currency, unit);
        return new SectoralPairMatrix(Sectors, Countries, _values.Select(v => v * f).ToArray(), unit);
    }

    /// <summary>The exporter → importer matrix of one sector.</summary>
    public PairMatrix Sector(int sector)
    {
        var size = Countries.Count * Countries.Count;
        return new PairMatrix(Countries, _values.AsSpan(sector * size, size), Unit);
    }

    /// <summary>Sum over sectors (money only): the aggregate exporter → importer matrix.</summary>
    public PairMatrix SumOverSectors()
    {
        if (Unit.IsFraction)
        {
            throw new InvalidOperationException("Rates cannot be summed over sectors; aggregate with trade weights instead.");
        }

        var size = Countries.Count * Countries.Count;
        var sum = new double[size];
        for (var s = 0; s < Sectors.Count; s++)
        {
            var block = _values.AsSpan(s * size, size);
            for (var k = 0; k < size; k++)
            {
                sum[k] += block[k];
            }
        }

        return new PairMatrix(Countries, sum, Unit);
    }

    /// <summary>A copy with cells changed: <paramref name="edit"/> receives the mutable [sector][exporter][importer] array; the result is validated.</summary>
    public SectoralPairMatrix With(Action<double[]> edit)
    {
        var copy = _values.ToArray();
        edit(copy);
        return new SectoralPairMatrix(Sectors, Countries, copy, Unit);
    }

    /// <summary>Position of one cell in <see cref="Values"/> and in the array given to <see cref="With"/>.</summary>
    public int At(int sector, int exporter, int importer) => (((sector * Countries.Count) + exporter) * Countries.Count) + importer;

    /// <summary>Reordered; <paramref name="sectorOrder"/>[k] and <paramref name="countryOrder"/>[k] are old positions of new position k.</summary>
    public SectoralPairMatrix Permute(IReadOnlyList<int> sectorOrder, IReadOnlyList<int> countryOrder) =>
        new(Sectors.Permute(sectorOrder), Countries.Permute(countryOrder), LabelledArrays.Permute(_values, sectorOrder, countryOrder, countryOrder), Unit);

    /// <summary>Zero everywhere, over the same labels, in another unit.</summary>
    public static SectoralPairMatrix Zero(SectorSet sectors, CountrySet countries, PairUnit unit) =>
        new(sectors, countries, new double[sectors.Count * countries.Count * countries.Count], unit);
}
