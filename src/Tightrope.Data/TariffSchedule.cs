namespace Tightrope.Data;

/// <summary>Ad-valorem tariffs that one importer levies on each origin, as fractions (0.25 = 25%).</summary>
public sealed class ImporterTariffSchedule
{
    private readonly double[] _rates;

    /// <summary>Creates the schedule; one rate per country of <paramref name="origins"/>.</summary>
    public ImporterTariffSchedule(Country importer, CountrySet origins, ReadOnlySpan<double> rateByOrigin)
    {
        _rates = LabelledArrays.Copy(rateByOrigin, origins.Count, "one tariff rate per origin");
        (Importer, Origins) = (importer, origins);
    }

    /// <summary>The country levying the tariffs.</summary>
    public Country Importer { get; }

    /// <summary>The exporting countries, in order.</summary>
    public CountrySet Origins { get; }

    /// <summary>Rate on goods from the origin at a zero-based position.</summary>
    public double this[int origin] => _rates[origin];

    /// <summary>Rates in origin order.</summary>
    public ReadOnlySpan<double> Rates => _rates;

    /// <summary>The schedule with origins reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public ImporterTariffSchedule Permute(IReadOnlyList<int> order) =>
        new(Importer, Origins.Permute(order), order.Select(i => _rates[i]).ToArray());
}
