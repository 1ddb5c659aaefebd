namespace Tightrope.Data.CaliendoParro;

/// <summary>One value per sector and country (output, value added, final demand…): <c>this[sector, country]</c>, in a declared unit.</summary>
public sealed class SectorCountryValues
{
    private readonly double[] _values;

    /// <summary>Wraps values laid out as [sector][country] (copied).</summary>
    public SectorCountryValues(CountrySet countries, IReadOnlyList<Sector> sectors, ReadOnlySpan<double> sectorCountry, MoneyUnit unit)
    {
        _values = LabelledArrays.Copy(sectorCountry, sectors.Count * countries.Count, "sectors × countries");
        (Countries, Sectors, Unit) = (countries, sectors, unit);
    }

    /// <summary>Country labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Sector labels.</summary>
    public IReadOnlyList<Sector> Sectors { get; }

    /// <summary>Unit of every value.</summary>
    public MoneyUnit Unit { get; }

    /// <summary>Value for a sector in a country.</summary>
    public double this[int sector, int country] => _values[(sector * Countries.Count) + country];

    /// <summary>All values, [sector][country] row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Reordered; <paramref name="countryOrder"/>[k] and <paramref name="sectorOrder"/>[k] are old positions of new position k.</summary>
    public SectorCountryValues Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder) =>
        new(Countries.Permute(countryOrder), sectorOrder.Select(i => Sectors[i]).ToList(),
            LabelledArrays.Permute(_values, LabelledArrays.One, sectorOrder, countryOrder), Unit);
}

/// <summary>
/// Intermediate purchases: <c>this[country, input, user]</c> is what sector <c>user</c> of <c>country</c> spends on the
/// composite of sector <c>input</c>, in a declared unit (purchaser prices).
/// </summary>
public sealed class IntermediateUse
{
    private readonly double[] _values;

    /// <summary>Wraps values laid out as [country][input][user] (copied).</summary>
    public IntermediateUse(CountrySet countries, IReadOnlyList<Sector> sectors, ReadOnlySpan<double> countryInputUser, MoneyUnit unit)
    {
        _values = LabelledArrays.Copy(countryInputUser, countries.Count * sectors.Count * sectors.Count, "countries × sectors × sectors");
        (Countries, Sectors, Unit) = (countries, sectors, unit);
    }

    /// <summary>Country labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Sector labels (inputs and users).</summary>
    public IReadOnlyList<Sector> Sectors { get; }

    /// <summary>Unit of every value.</summary>
    public MoneyUnit Unit { get; }

    /// <summary>Spending of <paramref name="user"/> in <paramref name="country"/> on <paramref name="input"/>.</summary>
    public double this[int country, int input, int user] => _values[(((country * Sectors.Count) + input) * Sectors.Count) + user];

    /// <summary>All values, [country][input][user] row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Reordered; <paramref name="countryOrder"/>[k] and <paramref name="sectorOrder"/>[k] are old positions of new position k.</summary>
    public IntermediateUse Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder) =>
        new(Countries.Permute(countryOrder), sectorOrder.Select(i => Sectors[i]).ToList(),
            LabelledArrays.Permute(_values, countryOrder, sectorOrder, sectorOrder), Unit);
}
