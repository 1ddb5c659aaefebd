using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>
/// The <c>tariffs</c> list of a tariff scenario: rules applied in order, each setting the rate that the selected
/// importers levy on the selected exporters, either a fixed <c>rate</c> or a named <c>schedule</c>. Later rules
/// override earlier ones; a country never taxes itself.
/// </summary>
public static class TariffRules
{
    /// <summary>Named schedules a rule may use.</summary>
    public static IReadOnlyDictionary<string, string> Schedules { get; } = new Dictionary<string, string>
    {
        ["ustr-2025"] = "US 'Liberation Day' rate on each exporter, max(floor, applied_tariff) with floor 0.10 by default",
        ["ustr-2025-mirror"] = "each importer levies the US 'Liberation Day' rate it faces, max(floor, applied_tariff[importer]) (reciprocal retaliation)",
        ["optimal-us"] = "uniform US optimal tariff t* (denominator: US imports)",
        ["optimal-us-income"] = "uniform US optimal tariff t** (denominator: US income less domestic sales), as in Table 2 panel 4",
        ["optimal-retaliation"] = "uniform optimal retaliatory tariff t^R of the rest of the world",
    };

    /// <summary>Builds the tariff matrix of a scenario body on a baseline.</summary>
    public static PairMatrix Build(ScenarioReader body, OneSectorBaseline baseline, TariffModelParameters parameters) =>
        Resolve(Parse(body), baseline, parameters);

    /// <summary>Reads and checks the <c>tariffs</c> list without data: selectors, rate range, schedule names.</summary>
    public static IReadOnlyList<TariffRule> Parse(ScenarioReader body)
    {
        var rules = new List<TariffRule>();
        foreach (var rule in body.Array("tariffs"))
        {
            var importers = CountrySelector.Read(rule, "importers", "importer");
            var exporters = CountrySelector.Read(rule, "exporters", "exporter");
            var hasRate = rule.Has("rate");
            var schedule = rule.OptionalString("schedule");
            if (hasRate == (schedule is not null))
            {
                throw rule.Error("rate", "give exactly one of 'rate' (a fraction, 0.25 = 25%) or 'schedule'.");
            }

            TariffLevel level;
            if (hasRate)
            {
                var rate = rule.RequiredNumber("rate");
                if (rate < 0 || rate > 10)
                {
                    throw rule.Error("rate", $"{rate} is outside [0, 10]; rates are fractions (0.25 = 25%).");
                }

                level = new FixedRate(rate);
            }
            else
            {
                if (!Schedules.ContainsKey(schedule!))
                {
                    throw rule.Error("schedule", $"unknown schedule '{schedule}'; known: {string.Join(", ", Schedules.Keys)}.");
                }

                level = new NamedSchedule(schedule!, rule.Number("floor", LiberationDaySchedule.DefaultFloor));
            }

            rules.Add(new TariffRule(importers, exporters, level));
        }

        if (rules.Count == 0)
        {
            throw body.Error("tariffs", "is missing or empty; list at least one rule (an empty change is written as a rule with rate 0).");
        }

        return rules;
    }

    /// <summary>The tariff matrix the rules give on a baseline: rules applied in order, a country never taxing itself.</summary>
    public static PairMatrix Resolve(IReadOnlyList<TariffRule> rules, OneSectorBaseline baseline, TariffModelParameters parameters)
    {
        var countries = baseline.Countries;
        var n = countries.Count;
        var rates = new double[n * n];
        foreach (var rule in rules)
        {
            var importers = rule.Importers.Resolve(countries);
            var exporters = rule.Exporters.Resolve(countries);
            var rateOf = rule.Level switch
            {
                FixedRate f => (_, _) => f.Rate,
                NamedSchedule s => ScheduleRates(s, baseline, parameters),
                _ => throw new ArgumentOutOfRangeException(nameof(rules)),
            };
            foreach (var j in importers)
            {
                foreach (var i in exporters)
                {
                    if (i != j)
                    {
                        rates[(i * n) + j] = rateOf(i, j);
                    }
                }
            }
        }

        return PairMatrix.Rates(countries, rates);
    }

    private static Func<int, int, double> ScheduleRates(NamedSchedule named, OneSectorBaseline baseline, TariffModelParameters parameters)
    {
        var floor = named.Floor;
        switch (named.Name)
        {
            case "ustr-2025":
                return (i, _) => LiberationDaySchedule.Rate(baseline, i, floor);
            case "ustr-2025-mirror":
                return (_, j) => LiberationDaySchedule.Rate(baseline, j, floor);
            case "optimal-us":
                {
                    var t = OptimalTariffs.UnitedStates(baseline, parameters);
                    return (_, _) => t;
                }

            case "optimal-us-income":
                {
                    var t = OptimalTariffs.UnitedStates(baseline, parameters, OptimalTariffs.UsDenominator.IncomeLessDomestic);
                    return (_, _) => t;
                }

            case "optimal-retaliation":
                {
                    var t = OptimalTariffs.Retaliation(baseline, parameters);
                    return (_, _) => t;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(named), $"unknown schedule '{named.Name}'.");
        }
    }

    internal static int[] Select(ScenarioReader rule, string plural, string singular, CountrySet countries) =>
        CountrySelector.Read(rule, plural, singular).Resolve(countries);
}
