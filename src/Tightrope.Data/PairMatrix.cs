using System.Globalization;

namespace Tightrope.Data;

/// <summary>
/// What the cells of a pair matrix measure: money in a <see cref="MoneyUnit"/>, an ad-valorem rate as a fraction, or a
/// positive multiplicative factor (trade costs in structural-gravity power form).
/// </summary>
public readonly record struct PairUnit
{
    private PairUnit(MoneyUnit? money, bool factor)
    {
        Money = money;
        IsFactor = factor;
    }

    /// <summary>The currency unit, or null for a rate or a factor.</summary>
    public MoneyUnit? Money { get; }

    /// <summary>True for rates (0.25 = 25%).</summary>
    public bool IsFraction => Money is null && !IsFactor;

    /// <summary>True for positive dimensionless factors.</summary>
    public bool IsFactor { get; }

    /// <summary>Money flows in <paramref name="unit"/>; cells must be ≥ 0.</summary>
    public static PairUnit Of(MoneyUnit unit) => new(unit, false);

    /// <summary>Ad-valorem rates as fractions; cells must be ≥ 0 and the diagonal (a country on itself) zero.</summary>
    public static PairUnit Fraction => new(null, false);

    /// <summary>Dimensionless multiplicative factors, e.g. trade costs t = (iceberg cost)^(1−σ); cells must be &gt; 0.</summary>
    public static PairUnit Factor => new(null, true);

    /// <summary>A money unit is the unit of a matrix of flows.</summary>
    public static implicit operator PairUnit(MoneyUnit unit) => Of(unit);

    /// <summary>A short label for tables and headers.</summary>
    public string Label => Money is { } m ? m.Label() : IsFactor ? "factor" : "fraction";

    /// <inheritdoc />
    public override string ToString() => Label;

    /// <summary>
    /// True when every cell of <paramref name="values"/> (square blocks of <paramref name="n"/> × <paramref name="n"/>) is
    /// valid: one branch-light pass, so that building a matrix in a solver loop costs a copy, not a cell-by-cell diagnosis.
    /// </summary>
    internal bool AllValid(ReadOnlySpan<double> values, int n)
    {
        var bad = false;
        if (IsFactor)
        {
            foreach (var v in values)
            {
                bad |= !(v > 0) | v == double.PositiveInfinity;
            }

            return !bad;
        }

        foreach (var v in values)
        {
            bad |= !(v >= 0) | v == double.PositiveInfinity;
        }

        if (IsFraction)
        {
            for (var block = 0; block < values.Length; block += n * n)
            {
                for (var k = 0; k < n; k++)
                {
                    bad |= values[block + (k * (n + 1))] != 0;
                }
            }
        }

        return !bad;
    }

    /// <summary>Checks one cell; returns null when valid, else what is wrong.</summary>
    internal string? Problem(double value, bool diagonal) => !double.IsFinite(value) ? $"{value} is not finite"
        : IsFactor ? (value > 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{value} is not positive; factors must be > 0"))
        : value < 0 ? string.Create(CultureInfo.InvariantCulture, $"{value} is negative; {(IsFraction ? "rates" : "flows")} must be ≥ 0")
        : IsFraction && diagonal && value != 0 ? string.Create(CultureInfo.InvariantCulture, $"{value} on the diagonal; a country levies no tariff on itself")
        : null;
}

/// <summary>
/// An exporter → importer matrix over one <see cref="CountrySet"/> with a declared <see cref="PairUnit"/>.
/// Index convention: <c>this[exporter, importer]</c> (row = exporter, column = importer), stored row-major by exporter.
/// For a tariff, the cell is the rate the importer levies on the exporter's goods. Values are validated on construction
/// (finite, ≥ 0; zero diagonal for rates) and immutable afterwards.
/// </summary>
public sealed class PairMatrix
{
    private readonly double[] _values;

    /// <summary>Wraps row-major exporter × importer values (copied and validated).</summary>
    public PairMatrix(CountrySet countries, ReadOnlySpan<double> exporterByImporter, PairUnit unit)
    {
        var n = countries.Count;
        if (exporterByImporter.Length != n * n)
        {
            throw new ArgumentException($"A pair matrix over {n} countries needs {n * n} values, got {exporterByImporter.Length}.");
        }

        var valid = unit.AllValid(exporterByImporter, n);
        for (var e = 0; !valid && e < n; e++)
        {
            for (var i = 0; i < n; i++)
            {
                if (unit.Problem(exporterByImporter[(e * n) + i], e == i) is { } problem)
                {
                    throw new ArgumentException($"{countries[e].Iso3} → {countries[i].Iso3}: {problem}.");
                }
            }
        }

        Countries = countries;
        Unit = unit;
        _values = exporterByImporter.ToArray();
    }

    /// <summary>Exporter (row) and importer (column) labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Unit of every cell.</summary>
    public PairUnit Unit { get; }

    /// <summary>The currency of a matrix of flows; throws for rates and factors.</summary>
    public MoneyUnit Currency => Unit.Money ?? throw new InvalidOperationException($"A matrix in {Unit} has no currency.");

    /// <summary>Number of countries (rows = columns).</summary>
    public int Size => Countries.Count;

    /// <summary>Value from <paramref name="exporter"/> to <paramref name="importer"/> (zero-based positions).</summary>
    public double this[int exporter, int importer] => _values[(exporter * Countries.Count) + importer];

    /// <summary>Value between two countries named by ISO3 code.</summary>
    public double this[string exporter, string importer] => this[Countries.Require(exporter), Countries.Require(importer)];

    /// <summary>Row-major exporter × importer view.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Sum over importers of one exporter's row, the diagonal included.</summary>
    public double RowSum(int exporter)
    {
        var sum = 0.0;
        foreach (var v in _values.AsSpan(exporter * Countries.Count, Countries.Count))
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Sum over exporters of one importer's column, the diagonal included.</summary>
    public double ColumnSum(int importer)
    {
        var sum = 0.0;
        for (var e = 0; e < Countries.Count; e++)
        {
            sum += this[e, importer];
        }

        return sum;
    }

    /// <summary>Sum of one exporter's row without the diagonal: its exports to every other country.</summary>
    public double ExportsOf(int exporter)
    {
        var row = Values.Slice(exporter * Size, Size);
        var sum = 0.0;
        for (var i = 0; i < Size; i++)
        {
            if (i != exporter)
            {
                sum += row[i];
            }
        }

        return sum;
    }

    /// <summary>Sum of one importer's column without the diagonal: its imports from every other country.</summary>
    public double ImportsOf(int importer)
    {
        var sum = 0.0;
        for (var e = 0; e < Countries.Count; e++)
        {
            if (e != importer)
            {
                sum += this[e, importer];
            }
        }

        return sum;
    }

    /// <summary>True when every cell is zero.</summary>
    public bool IsZero => !_values.AsSpan().ContainsAnyExcept(0.0);

    /// <summary>The same flows in another currency (money matrices only).</summary>
    public PairMatrix In(MoneyUnit unit)
    {
        if (Currency == unit)
        {
            return this;
        }

        var f = MoneyUnits.Factor(Currency, unit);
        return new PairMatrix(Countries, _values.Select(v => v * f).ToArray(), unit);
    }

    /// <summary>A copy with cells changed: <paramref name="edit"/> receives the mutable exporter × importer array; the result is validated.</summary>
    public PairMatrix With(Action<double[]> edit)
    {
        var copy = _values.ToArray();
        edit(copy);
        return new PairMatrix(Countries, copy, Unit);
    }

    /// <summary>Zero everywhere over <paramref name="countries"/> (rates by default: no tariffs).</summary>
    public static PairMatrix Zero(CountrySet countries, PairUnit? unit = null) =>
        new(countries, new double[countries.Count * countries.Count], unit ?? PairUnit.Fraction);

    /// <summary>Tariff rates (fractions) from row-major exporter × importer values.</summary>
    public static PairMatrix Rates(CountrySet countries, ReadOnlySpan<double> exporterByImporter) => new(countries, exporterByImporter, PairUnit.Fraction);

    /// <summary>The matrix with rows and columns reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public PairMatrix Permute(IReadOnlyList<int> order) =>
        new(Countries.Permute(order), LabelledArrays.Permute(_values, LabelledArrays.One, order, order), Unit);
}
