namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// Bilateral flows for every sector, oriented exporter → importer: <c>this[sector, exporter, importer]</c>, in a declared
/// <see cref="MoneyUnit"/> and valued at producer (pre-tariff) prices. The diagonal holds domestic sales.
/// </summary>
public sealed class SectoralTradeFlows
{
    private readonly double[] _values;

    /// <summary>Wraps values laid out as [sector][exporter][importer] (copied); every value must be finite and ≥ 0.</summary>
    public SectoralTradeFlows(CountrySet countries, IReadOnlyList<Sector> sectors, ReadOnlySpan<double> sectorExporterImporter, MoneyUnit unit)
    {
        var n = countries.Count;
        if (sectorExporterImporter.Length != sectors.Count * n * n)
        {
            throw new ArgumentException($"Flows over {sectors.Count} sectors and {n} countries need {sectors.Count * n * n} values, got {sectorExporterImporter.Length}.");
        }

        foreach (var v in sectorExporterImporter)
        {
            if (!double.IsFinite(v) || v < 0)
            {
                throw new ArgumentException($"Trade flows must be finite and ≥ 0; found {v}.");
            }
        }

        Countries = countries;
        Sectors = sectors;
        Unit = unit;
        _values = sectorExporterImporter.ToArray();
    }

    /// <summary>Exporter and importer labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Sector labels.</summary>
    public IReadOnlyList<Sector> Sectors { get; }

    /// <summary>Unit of every value.</summary>
    public MoneyUnit Unit { get; }

    /// <summary>Flow of <paramref name="sector"/> goods from <paramref name="exporter"/> to <paramref name="importer"/>.</summary>
    public double this[int sector, int exporter, int importer] => _values[(((sector * Countries.Count) + exporter) * Countries.Count) + importer];

    /// <summary>All values, [sector][exporter][importer] row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Sales of one sector of one exporter to every destination, itself included (gross output at producer prices).</summary>
    public double SalesOf(int sector, int exporter)
    {
        var sum = 0.0;
        foreach (var v in _values.AsSpan(((sector * Countries.Count) + exporter) * Countries.Count, Countries.Count))
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>The same flows in another unit.</summary>
    public SectoralTradeFlows In(MoneyUnit unit) => unit == Unit
        ? this
        : new SectoralTradeFlows(Countries, Sectors, _values.Select(v => v * MoneyUnits.Factor(Unit, unit)).ToArray(), unit);

    /// <summary>Reordered; <paramref name="countryOrder"/>[k] and <paramref name="sectorOrder"/>[k] are old positions of new position k.</summary>
    public SectoralTradeFlows Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder)
    {
        var n = Countries.Count;
        var values = new double[_values.Length];
        for (var s = 0; s < sectorOrder.Count; s++)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    values[(((s * n) + a) * n) + b] = this[sectorOrder[s], countryOrder[a], countryOrder[b]];
                }
            }
        }

        return new SectoralTradeFlows(Countries.Permute(countryOrder), sectorOrder.Select(i => Sectors[i]).ToList(), values, Unit);
    }
}

/// <summary>
/// Ad-valorem tariffs for every sector, oriented exporter → importer: <c>this[sector, exporter, importer]</c> is the rate
/// the importer levies on the exporter's goods of that sector, as a fraction (0.25 = 25%). The diagonal is zero.
/// </summary>
public sealed class SectoralTariffs
{
    private readonly double[] _rates;

    /// <summary>Wraps rates laid out as [sector][exporter][importer] (copied); rates must be finite, ≥ 0, and 0 on the diagonal.</summary>
    public SectoralTariffs(CountrySet countries, IReadOnlyList<Sector> sectors, ReadOnlySpan<double> sectorExporterImporter)
    {
        var n = countries.Count;
        if (sectorExporterImporter.Length != sectors.Count * n * n)
        {
            throw new ArgumentException($"Tariffs over {sectors.Count} sectors and {n} countries need {sectors.Count * n * n} rates, got {sectorExporterImporter.Length}.");
        }

        for (var s = 0; s < sectors.Count; s++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var m = 0; m < n; m++)
                {
                    var t = sectorExporterImporter[(((s * n) + i) * n) + m];
                    if (!double.IsFinite(t) || t < 0)
                    {
                        throw new ArgumentException($"Tariff of {countries[m].Iso3} on {sectors[s].Name} from {countries[i].Iso3} is {t}; expected a finite fraction ≥ 0.");
                    }

                    if (i == m && t != 0)
                    {
                        throw new ArgumentException($"{countries[i].Iso3} cannot levy a tariff on its own {sectors[s].Name} goods ({t}).");
                    }
                }
            }
        }

        Countries = countries;
        Sectors = sectors;
        _rates = sectorExporterImporter.ToArray();
    }

    /// <summary>Exporter and importer labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Sector labels.</summary>
    public IReadOnlyList<Sector> Sectors { get; }

    /// <summary>Rate <paramref name="importer"/> levies on <paramref name="sector"/> goods from <paramref name="exporter"/>.</summary>
    public double this[int sector, int exporter, int importer] => _rates[(((sector * Countries.Count) + exporter) * Countries.Count) + importer];

    /// <summary>All rates, [sector][exporter][importer] row-major.</summary>
    public ReadOnlySpan<double> Values => _rates;

    /// <summary>A copy with some rates replaced: <paramref name="edit"/> receives the mutable [sector][exporter][importer] array.</summary>
    public SectoralTariffs With(Action<double[]> edit)
    {
        var copy = _rates.ToArray();
        edit(copy);
        return new SectoralTariffs(Countries, Sectors, copy);
    }

    /// <summary>Reordered; <paramref name="countryOrder"/>[k] and <paramref name="sectorOrder"/>[k] are old positions of new position k.</summary>
    public SectoralTariffs Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder)
    {
        var n = Countries.Count;
        var values = new double[_rates.Length];
        for (var s = 0; s < sectorOrder.Count; s++)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    values[(((s * n) + a) * n) + b] = this[sectorOrder[s], countryOrder[a], countryOrder[b]];
                }
            }
        }

        return new SectoralTariffs(Countries.Permute(countryOrder), sectorOrder.Select(i => Sectors[i]).ToList(), values);
    }
}

/// <summary>One value per sector and country (output, value added, final demand…): <c>this[sector, country]</c>, in a declared unit.</summary>
public sealed class SectorCountryValues
{
    private readonly double[] _values;

    /// <summary>Wraps values laid out as [sector][country] (copied).</summary>
    public SectorCountryValues(CountrySet countries, IReadOnlyList<Sector> sectors, ReadOnlySpan<double> sectorCountry, MoneyUnit unit)
    {
        if (sectorCountry.Length != sectors.Count * countries.Count)
        {
            throw new ArgumentException($"Expected {sectors.Count * countries.Count} values (sectors × countries), got {sectorCountry.Length}.");
        }

        Countries = countries;
        Sectors = sectors;
        Unit = unit;
        _values = sectorCountry.ToArray();
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
    public SectorCountryValues Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder)
    {
        var values = new double[_values.Length];
        for (var s = 0; s < sectorOrder.Count; s++)
        {
            for (var c = 0; c < countryOrder.Count; c++)
            {
                values[(s * countryOrder.Count) + c] = this[sectorOrder[s], countryOrder[c]];
            }
        }

        return new SectorCountryValues(Countries.Permute(countryOrder), sectorOrder.Select(i => Sectors[i]).ToList(), values, Unit);
    }
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
        var j = sectors.Count;
        if (countryInputUser.Length != countries.Count * j * j)
        {
            throw new ArgumentException($"Expected {countries.Count * j * j} values (countries × sectors × sectors), got {countryInputUser.Length}.");
        }

        Countries = countries;
        Sectors = sectors;
        Unit = unit;
        _values = countryInputUser.ToArray();
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
    public IntermediateUse Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder)
    {
        var j = sectorOrder.Count;
        var values = new double[_values.Length];
        for (var c = 0; c < countryOrder.Count; c++)
        {
            for (var k = 0; k < j; k++)
            {
                for (var u = 0; u < j; u++)
                {
                    values[(((c * j) + k) * j) + u] = this[countryOrder[c], sectorOrder[k], sectorOrder[u]];
                }
            }
        }

        return new IntermediateUse(Countries.Permute(countryOrder), sectorOrder.Select(i => Sectors[i]).ToList(), values, Unit);
    }
}
