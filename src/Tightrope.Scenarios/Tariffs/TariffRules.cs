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
    public static BilateralTariffs Build(ScenarioReader body, OneSectorBaseline baseline, TariffModelParameters parameters)
    {
        var countries = baseline.Countries;
        var n = countries.Count;
        var rates = new double[n * n];
        var any = false;
        foreach (var rule in body.Array("tariffs"))
        {
            any = true;
            var importers = Select(rule, "importers", "importer", countries);
            var exporters = Select(rule, "exporters", "exporter", countries);
            var hasRate = rule.Has("rate");
            var schedule = rule.OptionalString("schedule");
            if (hasRate == (schedule is not null))
            {
                throw rule.Error("rate", "give exactly one of 'rate' (a fraction, 0.25 = 25%) or 'schedule'.");
            }

            Func<int, int, double> rateOf;
            if (hasRate)
            {
                var rate = rule.RequiredNumber("rate");
                if (rate < 0 || rate > 10)
                {
                    throw rule.Error("rate", $"{rate} is outside [0, 10]; rates are fractions (0.25 = 25%).");
                }

                rateOf = (_, _) => rate;
            }
            else
            {
                rateOf = ScheduleRates(rule, schedule!, baseline, parameters);
            }

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

        if (!any)
        {
            throw body.Error("tariffs", "is missing or empty; list at least one rule (an empty change is written as a rule with rate 0).");
        }

        return new BilateralTariffs(countries, rates);
    }

    private static Func<int, int, double> ScheduleRates(ScenarioReader rule, string schedule, OneSectorBaseline baseline, TariffModelParameters parameters)
    {
        var floor = rule.Number("floor", LiberationDaySchedule.DefaultFloor);
        switch (schedule)
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
                throw rule.Error("schedule", $"unknown schedule '{schedule}'; known: {string.Join(", ", Schedules.Keys)}.");
        }
    }

    internal static int[] Select(ScenarioReader rule, string plural, string singular, CountrySet countries)
    {
        var field = rule.Has(plural) ? plural : singular;
        var items = rule.StringOrList(field);
        if (items.Count == 0)
        {
            throw rule.Error(plural, $"is missing; name ISO3 codes, \"*\" for every country, a group, or \"-ISO\" to leave one out; groups: ({string.Join(", ", CountryGroups.Names.Select(g => "@" + g))}).");
        }

        var result = new SortedSet<int>();
        var removed = new SortedSet<int>();
        foreach (var entry in items)
        {
            // A leading '-' removes the countries instead of adding them: ["*", "-MEX"].
            var exclude = entry.StartsWith('-');
            var item = exclude ? entry[1..] : entry;
            var target = exclude ? removed : result;
            if (item == "*")
            {
                target.UnionWith(Enumerable.Range(0, countries.Count));
            }
            else if (item.StartsWith('@'))
            {
                var members = CountryGroups.Find(item[1..]) ?? throw rule.Error(field, $"unknown group '{item}'; known: {string.Join(", ", CountryGroups.Names.Select(g => "@" + g))}.");
                target.UnionWith(CountryGroups.Positions(members, countries));
            }
            else
            {
                var k = countries.IndexOf(item);
                if (k < 0)
                {
                    throw rule.Error(field, $"'{item}' is not a country of the data set (ISO3 codes such as MEX, USA).");
                }

                target.Add(k);
            }
        }

        result.ExceptWith(removed);
        return result.ToArray();
    }
}
