namespace Tightrope.Data;

/// <summary>
/// Ad-valorem tariffs between every pair of countries, oriented exporter → importer: <c>this[i, j]</c> is the rate
/// importer j levies on goods from exporter i, as a fraction (0.25 = 25%). The diagonal is always zero.
/// </summary>
public sealed class BilateralTariffs
{
    private readonly double[] _rates;

    /// <summary>Wraps row-major exporter×importer rates (copied). Rates must be finite and ≥ 0; the diagonal must be 0.</summary>
    public BilateralTariffs(CountrySet countries, ReadOnlySpan<double> exporterByImporter)
    {
        var n = countries.Count;
        if (exporterByImporter.Length != n * n)
        {
            throw new ArgumentException($"A tariff matrix over {n} countries needs {n * n} rates, got {exporterByImporter.Length}.");
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var t = exporterByImporter[(i * n) + j];
                if (!double.IsFinite(t) || t < 0)
                {
                    throw new ArgumentException($"Tariff of {countries[j].Iso3} on goods from {countries[i].Iso3} is {t}; expected a finite fraction ≥ 0.");
                }

                if (i == j && t != 0)
                {
                    throw new ArgumentException($"{countries[i].Iso3} cannot levy a tariff on its own goods ({t}).");
                }
            }
        }

        Countries = countries;
        _rates = exporterByImporter.ToArray();
    }

    /// <summary>Row and column labels.</summary>
    public CountrySet Countries { get; }

    /// <summary>Rate levied by <paramref name="importer"/> on goods from <paramref name="exporter"/>.</summary>
    public double this[int exporter, int importer] => _rates[(exporter * Countries.Count) + importer];

    /// <summary>Row-major exporter×importer view.</summary>
    public ReadOnlySpan<double> Values => _rates;

    /// <summary>All tariffs zero.</summary>
    public static BilateralTariffs Zero(CountrySet countries) => new(countries, new double[countries.Count * countries.Count]);

    /// <summary>True when every rate is zero.</summary>
    public bool IsZero => _rates.All(r => r == 0);

    /// <summary>The matrix with rows and columns reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public BilateralTariffs Permute(IReadOnlyList<int> order)
    {
        var n = Countries.Count;
        var values = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                values[(a * n) + b] = _rates[(order[a] * n) + order[b]];
            }
        }

        return new BilateralTariffs(Countries.Permute(order), values);
    }
}
