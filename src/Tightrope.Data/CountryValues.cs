namespace Tightrope.Data;

/// <summary>One value per country (GDP, output, …) in a declared unit, in the order of a <see cref="CountrySet"/>.</summary>
public sealed class CountryValues
{
    private readonly double[] _values;

    /// <summary>Wraps the values (copied); their count must match the country set.</summary>
    public CountryValues(CountrySet countries, ReadOnlySpan<double> values, MoneyUnit unit)
    {
        _values = LabelledArrays.Copy(values, countries.Count, "one per country");
        (Countries, Unit) = (countries, unit);
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
