namespace Tightrope.Data;

/// <summary>
/// Bilateral flows between the countries of one <see cref="CountrySet"/>, oriented exporter → importer:
/// <c>this[exporter, importer]</c>. Stored row-major by exporter, in a declared <see cref="MoneyUnit"/>.
/// </summary>
public sealed class TradeMatrix
{
    private readonly double[] _flows;

    /// <summary>Wraps row-major exporter×importer values (the array is copied).</summary>
    public TradeMatrix(CountrySet countries, ReadOnlySpan<double> exporterByImporter, MoneyUnit unit)
    {
        var n = countries.Count;
        if (exporterByImporter.Length != n * n)
        {
            throw new ArgumentException($"A trade matrix over {n} countries needs {n * n} values, got {exporterByImporter.Length}.");
        }

        Countries = countries;
        Unit = unit;
        _flows = exporterByImporter.ToArray();
    }

    /// <summary>Row and column labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Unit of every cell.</summary>
    public MoneyUnit Unit { get; }

    /// <summary>Number of countries (rows = columns).</summary>
    public int Size => Countries.Count;

    /// <summary>Flow from <paramref name="exporter"/> to <paramref name="importer"/> (zero-based positions).</summary>
    public double this[int exporter, int importer] => _flows[(exporter * Size) + importer];

    /// <summary>Flow between two countries named by ISO3 code.</summary>
    public double this[string exporter, string importer] => this[Countries.Require(exporter), Countries.Require(importer)];

    /// <summary>Row-major exporter×importer view of the values.</summary>
    public ReadOnlySpan<double> Values => _flows;

    /// <summary>Exports of one country to all others (excluding the diagonal).</summary>
    public double ExportsOf(int exporter)
    {
        var row = Values.Slice(exporter * Size, Size);
        var sum = 0.0;
        for (var j = 0; j < Size; j++)
        {
            if (j != exporter)
            {
                sum += row[j];
            }
        }

        return sum;
    }

    /// <summary>Imports of one country from all others (excluding the diagonal).</summary>
    public double ImportsOf(int importer)
    {
        var sum = 0.0;
        for (var i = 0; i < Size; i++)
        {
            if (i != importer)
            {
                sum += _flows[(i * Size) + importer];
            }
        }

        return sum;
    }

    /// <summary>The same flows expressed in another unit.</summary>
    public TradeMatrix In(MoneyUnit unit)
    {
        if (unit == Unit)
        {
            return this;
        }

        var f = MoneyUnits.Factor(Unit, unit);
        return new TradeMatrix(Countries, _flows.Select(v => v * f).ToArray(), unit);
    }

    /// <summary>The matrix with rows and columns reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public TradeMatrix Permute(IReadOnlyList<int> order)
    {
        var n = Size;
        var values = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                values[(a * n) + b] = _flows[(order[a] * n) + order[b]];
            }
        }

        return new TradeMatrix(Countries.Permute(order), values, Unit);
    }
}

/// <summary>One value per country (GDP, output, …) in a declared unit, in the order of a <see cref="CountrySet"/>.</summary>
public sealed class CountryValues
{
    private readonly double[] _values;

    /// <summary>Wraps the values (copied); their count must match the country set.</summary>
    public CountryValues(CountrySet countries, ReadOnlySpan<double> values, MoneyUnit unit)
    {
        if (values.Length != countries.Count)
        {
            throw new ArgumentException($"Expected {countries.Count} values, one per country, got {values.Length}.");
        }

        Countries = countries;
        Unit = unit;
        _values = values.ToArray();
    }

    /// <summary>Labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Unit of every value.</summary>
    public MoneyUnit Unit { get; }

    /// <summary>Value at a zero-based position.</summary>
    public double this[int index] => _values[index];

    /// <summary>All values in country order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The same values in another unit.</summary>
    public CountryValues In(MoneyUnit unit) =>
        unit == Unit ? this : new CountryValues(Countries, _values.Select(v => v * MoneyUnits.Factor(Unit, unit)).ToArray(), unit);

    /// <summary>The values reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public CountryValues Permute(IReadOnlyList<int> order) =>
        new(Countries.Permute(order), order.Select(i => _values[i]).ToArray(), Unit);
}
