using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>
/// Tariff settings of a Caliendo–Parro scenario. <c>reference</c> names the tariffs of the reference run ("1993", or
/// "nafta-2005": 1993 with the 2005 rates between CAN, MEX and USA). The <c>tariffs</c> rules are applied in order on top
/// of the reference to give the counterfactual; each sets the rate the selected importers levy on the selected exporters'
/// goods of the selected <c>sectors</c> (codes, or "*" for every tradable sector), to a fixed <c>rate</c> (fraction) or
/// to the data's <c>schedule</c> ("1993" or "2005").
/// </summary>
public static class CpTariffRules
{
    /// <summary>Reference tariff sets a scenario may name.</summary>
    public static IReadOnlyList<string> References { get; } = ["1993", "nafta-2005"];

    /// <summary>Builds (reference, counterfactual) tariff factors for the scenario body.</summary>
    public static (double[] Reference, double[] Counterfactual) Build(ScenarioReader body, CpBaseline baseline)
    {
        var reference = body.OptionalString("reference") ?? "1993";
        var referenceFactors = reference switch
        {
            "1993" => baseline.FactorsOf(baseline.Data.Tariffs1993),
            "nafta-2005" => CpExperiment.NaftaFactors(baseline),
            _ => throw body.Error("reference", $"'{reference}' is not one of {string.Join(", ", References)}."),
        };

        var counterfactual = referenceFactors.ToArray();
        var any = false;
        int n = baseline.N;
        foreach (var rule in body.Array("tariffs"))
        {
            any = true;
            var importers = TariffRules.Select(rule, "importers", "importer", baseline.Countries);
            var exporters = TariffRules.Select(rule, "exporters", "exporter", baseline.Countries);
            var sectors = SelectSectors(rule, baseline);
            var hasRate = rule.Has("rate");
            var schedule = rule.OptionalString("schedule");
            if (hasRate == (schedule is not null))
            {
                throw rule.Error("rate", "give exactly one of 'rate' (a fraction, 0.25 = 25%) or 'schedule' (\"1993\" or \"2005\").");
            }

            var rate = hasRate ? rule.RequiredNumber("rate") : 0;
            if (hasRate && rate is < 0 or > 10)
            {
                throw rule.Error("rate", $"{rate} is outside [0, 10]; rates are fractions (0.25 = 25%).");
            }

            var table = schedule switch
            {
                null => null,
                "1993" => baseline.Data.Tariffs1993,
                "2005" => baseline.Data.Tariffs2005,
                _ => throw rule.Error("schedule", $"'{schedule}' is not one of 1993, 2005."),
            };

            var nafta = new[] { "CAN", "MEX", "USA" }.Select(baseline.Countries.IndexOf).ToHashSet();
            foreach (var s in sectors)
            {
                foreach (var m in importers)
                {
                    foreach (var i in exporters.Where(i => i != m))
                    {
                        if (schedule == "2005" && baseline.Data.Tariffs2005NaftaOnly && !(nafta.Contains(m) && nafta.Contains(i)))
                        {
                            throw rule.Error("schedule", $"the {baseline.Data.Source} files carry 2005 rates only between CAN, MEX and USA; {baseline.Countries[m].Iso3} on {baseline.Countries[i].Iso3} is outside.");
                        }

                        counterfactual[(((s * n) + m) * n) + i] = 1 + (table is null ? rate : table[s, i, m]);
                    }
                }
            }
        }

        if (!any)
        {
            throw body.Error("tariffs", "is missing or empty; list at least one rule.");
        }

        return (referenceFactors, counterfactual);
    }

    private static int[] SelectSectors(ScenarioReader rule, CpBaseline baseline)
    {
        var items = rule.StringOrList("sectors");
        if (items.Count == 0)
        {
            throw rule.Error("sectors", $"is missing; name sector codes or \"*\" for every tradable sector. Tradable codes: {string.Join(", ", TradableCodes(baseline))}.");
        }

        var result = new SortedSet<int>();
        foreach (var item in items)
        {
            if (item == "*")
            {
                result.UnionWith(Enumerable.Range(0, baseline.J).Where(s => baseline.Tradable[s]));
                continue;
            }

            var s = baseline.Data.SectorIndex(item);
            if (s < 0)
            {
                throw rule.Error("sectors", $"'{item}' is not a sector code. Tradable codes: {string.Join(", ", TradableCodes(baseline))}.");
            }

            if (!baseline.Tradable[s])
            {
                throw rule.Error("sectors", $"'{item}' ({baseline.Sectors[s].Name}) is not traded across borders; a tariff on it has no effect.");
            }

            result.Add(s);
        }

        return result.ToArray();
    }

    private static IEnumerable<string> TradableCodes(CpBaseline baseline) =>
        Enumerable.Range(0, baseline.J).Where(s => baseline.Tradable[s]).Select(s => baseline.Sectors[s].Code);

    /// <summary>Reads the data source field ("original" or "tidy").</summary>
    public static CaliendoParroSource Source(ScenarioReader body)
    {
        var text = body.OptionalString("source") ?? "original";
        return text switch
        {
            "original" => CaliendoParroSource.Original,
            "tidy" => CaliendoParroSource.Tidy,
            _ => throw body.Error("source", $"'{text}' is not one of original, tidy."),
        };
    }

    /// <summary>Reads the deficits field ("zero" or "data").</summary>
    public static DeficitCase Deficits(ScenarioReader body)
    {
        var text = body.OptionalString("deficits") ?? "zero";
        return text switch
        {
            "zero" => DeficitCase.Zero,
            "data" => DeficitCase.Data,
            _ => throw body.Error("deficits", $"'{text}' is not one of zero, data."),
        };
    }
}
