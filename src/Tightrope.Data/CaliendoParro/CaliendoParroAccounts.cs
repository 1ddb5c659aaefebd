namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// The step every Caliendo–Parro reader ends with: flat arrays read from files become a validated
/// <see cref="CaliendoParroData"/>. Index conventions of the arrays: flows and tariffs [sector][exporter][importer]
/// (row-major, N·N per sector), value added and final demand [sector][country], intermediates [country][input][user].
/// </summary>
internal static class CaliendoParroAccounts
{
    /// <summary>Trade surplus per country, exports − imports at producer prices, from [sector][exporter][importer] flows.</summary>
    public static double[] Surplus(ReadOnlySpan<double> flows, int n, int j)
    {
        var surplus = new double[n];
        for (var s = 0; s < j; s++)
        {
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    if (e != i)
                    {
                        var v = flows[(((s * n) + e) * n) + i];
                        surplus[e] += v;
                        surplus[i] -= v;
                    }
                }
            }
        }

        return surplus;
    }

    /// <summary>Wraps the arrays (USD flows, fraction tariffs) in typed tables; the tables validate every cell.</summary>
    public static CaliendoParroData Assemble(
        CountrySet countries,
        SectorSet sectors,
        IReadOnlyList<bool> tradable,
        IReadOnlyList<double> theta,
        double[] flows,
        double[] baseTariffs,
        double[] laterTariffs,
        bool laterTariffsNaftaOnly,
        double[] valueAdded,
        double[] intermediates,
        double[] finalDemand,
        IReadOnlyList<string> adjustments,
        CaliendoParroSource source,
        string location)
    {
        int n = countries.Count, j = sectors.Count;
        return new CaliendoParroData(
            countries,
            sectors,
            tradable,
            theta,
            new SectoralPairMatrix(sectors, countries, flows, PairUnit.Of(MoneyUnit.Usd)),
            new SectoralPairMatrix(sectors, countries, baseTariffs, PairUnit.Fraction),
            new SectoralPairMatrix(sectors, countries, laterTariffs, PairUnit.Fraction),
            laterTariffsNaftaOnly,
            new SectorCountryValues(countries, sectors, valueAdded, MoneyUnit.Usd),
            new IntermediateUse(countries, sectors, intermediates, MoneyUnit.Usd),
            new SectorCountryValues(countries, sectors, finalDemand, MoneyUnit.Usd),
            new CountryValues(countries, Surplus(flows, n, j), MoneyUnit.Usd),
            adjustments,
            source,
            location);
    }
}
