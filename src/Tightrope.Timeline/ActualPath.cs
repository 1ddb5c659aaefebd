using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Timeline;

/// <summary>Where the US rate on one economy at one date comes from.</summary>
public enum RateOrigin
{
    /// <summary>The tracker's own row for the economy.</summary>
    TrackerRow,

    /// <summary>The tracker's EUROPEAN UNION row (a member without its own row).</summary>
    TrackerEuRow,

    /// <summary>The rule for economies the tracker omits.</summary>
    OmittedRule,
}

/// <summary>The full tariff matrix in force at one tracker date, with the provenance of every US rate.</summary>
/// <param name="Date">The tracker date.</param>
/// <param name="Tariffs">Exporter → importer rates (baseline tariffs are zero, so these are the additional rates).</param>
/// <param name="Origins">Provenance of the US rate on each economy, in baseline order (USA itself: OmittedRule, rate 0).</param>
public sealed record DatedTariffs(DateOnly Date, PairMatrix Tariffs, IReadOnlyList<RateOrigin> Origins);

/// <summary>Builds the actual path: the matrix in force at each tracker date.</summary>
public static class ActualPath
{
    /// <summary>
    /// One matrix per tracker date: t[i, USA] is the tracker's rate for i (its own row first, else the EU row for an
    /// EU member, else the omitted-economy rule); the scenario's measures are added from their effective dates.
    /// Tracker partners absent from the baseline (TAIWAN) are listed in <paramref name="notes"/>, never dropped silently.
    /// </summary>
    public static IReadOnlyList<DatedTariffs> Build(OneSectorBaseline baseline, TrackerTable tracker, TimelineSpec spec, List<string>? notes = null)
    {
        var countries = baseline.Countries;
        var n = countries.Count;
        var us = baseline.UnitedStates;
        var own = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var eu = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var absent = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var partner in tracker.Partners)
        {
            var iso = PartnerNames.Lookup(partner)!;
            var target = partner == PartnerNames.EuropeanUnion ? eu : own;
            foreach (var code in iso)
            {
                if (countries.Contains(code))
                {
                    target[code] = partner;
                }
                else
                {
                    absent.Add($"{partner} ({code})");
                }
            }
        }

        foreach (var code in own.Keys)
        {
            eu.Remove(code);
        }

        foreach (var m in spec.Measures)
        {
            foreach (var code in m.Exporters.Append(m.Importer))
            {
                countries.Require(code);
            }
        }

        notes?.Add($"US rates: {own.Count} economies from their own tracker row, {eu.Count} EU members from the EUROPEAN UNION row, " +
                   $"{n - 1 - own.Count - eu.Count} economies the tracker omits by the omitted-economy rule.");
        if (absent.Count > 0)
        {
            notes?.Add($"In the tracker but not among the {n} economies of the baseline, so not used: {string.Join(", ", absent)}.");
        }

        var path = new List<DatedTariffs>(tracker.Dates.Count);
        foreach (var date in tracker.Dates)
        {
            var t = new double[n * n];
            var origins = new RateOrigin[n];
            var omitted = spec.OmittedEconomies.LastOrDefault(r => r.Covers(date))?.Rate ?? 0.0;
            for (var i = 0; i < n; i++)
            {
                if (i == us)
                {
                    origins[i] = RateOrigin.OmittedRule;
                    continue;
                }

                var code = countries[i].Iso3;
                if (own.TryGetValue(code, out var partner))
                {
                    t[(i * n) + us] = tracker.At(date, partner).Rate;
                    origins[i] = RateOrigin.TrackerRow;
                }
                else if (eu.TryGetValue(code, out var union))
                {
                    t[(i * n) + us] = tracker.At(date, union).Rate;
                    origins[i] = RateOrigin.TrackerEuRow;
                }
                else
                {
                    t[(i * n) + us] = omitted;
                    origins[i] = RateOrigin.OmittedRule;
                }
            }

            foreach (var m in spec.Measures.Where(m => m.When.Covers(date)))
            {
                var j = countries.Require(m.Importer);
                foreach (var e in m.Exporters)
                {
                    var i = countries.Require(e);
                    if (i != j)
                    {
                        t[(i * n) + j] = m.When.Rate;
                    }
                }
            }

            path.Add(new DatedTariffs(date, PairMatrix.Rates(countries, t), origins));
        }

        return path;
    }

    /// <summary>The US tariff on <paramref name="iso3"/>, or for the USA the import-weighted mean US tariff (baseline 2023 flows).</summary>
    public static double UsRate(OneSectorBaseline baseline, PairMatrix tariffs, string iso3)
    {
        var us = baseline.UnitedStates;
        var i = baseline.Countries.Require(iso3);
        if (i != us)
        {
            return tariffs[i, us];
        }

        double weighted = 0, total = 0;
        for (var k = 0; k < baseline.Size; k++)
        {
            if (k != us)
            {
                weighted += baseline.Flows[k, us] * tariffs[k, us];
                total += baseline.Flows[k, us];
            }
        }

        return weighted / total;
    }
}
