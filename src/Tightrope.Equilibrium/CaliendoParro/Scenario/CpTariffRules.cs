using Tightrope.Data;
using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>
/// Tariff settings of a Caliendo–Parro scenario. <c>reference</c> names the tariffs of the reference run ("1993", or
/// "nafta-2005": 1993 with the 2005 rates between CAN, MEX and USA; "2014" on the 2014 data). The <c>tariffs</c> rules are
/// applied in order on top of the reference to give the counterfactual; each sets the rate the selected importers levy on
/// the selected exporters' goods of the selected <c>sectors</c> (codes, or "*" for every tradable sector), to a fixed
/// <c>rate</c> (fraction) or to the data's <c>schedule</c> ("1993" or "2005"; "2014"). On the 2014 data a rule may instead
/// raise the rate in force by <c>add</c> (a fraction, e.g. a Section 232 duty on top of the ordinary rate) or by
/// <c>add_schedule</c> "us-tariffs-2025" (the tracker's 2025 US increases by sector).
/// </summary>
public static class CpTariffRules
{
    /// <summary>Reference tariff sets a scenario may name on the 1993 Caliendo–Parro files.</summary>
    public static IReadOnlyList<string> References { get; } = ["1993", "nafta-2005"];

    /// <summary>Reference tariff sets a scenario may name on the 2014 data (<c>"source": "wiod-2014"</c>).</summary>
    public static IReadOnlyList<string> References2014 { get; } = ["2014"];

    /// <summary>Named increases a rule may add with <c>add_schedule</c> (2014 data only).</summary>
    public static IReadOnlyList<string> AddSchedules { get; } = ["us-tariffs-2025"];

    /// <summary>Builds the (reference, counterfactual) tariff rates [sector, exporter, importer] for the scenario body.</summary>
    public static (SectoralPairMatrix Reference, SectoralPairMatrix Counterfactual) Build(ScenarioReader body, CpBaseline baseline, string? dataRoot = null) =>
        Resolve(baseline, ReadReference(body, baseline.Data.Source), Parse(body, baseline.Data.Source), dataRoot);

    /// <summary>Reads the reference tariff set the scenario names (checked against the data source, no data read).</summary>
    public static string ReadReference(ScenarioReader body, CaliendoParroSource source)
    {
        var is2014 = source == CaliendoParroSource.Wiod2014;
        var reference = body.OptionalString("reference") ?? (is2014 ? "2014" : "1993");
        return (is2014 ? References2014 : References).Contains(reference)
            ? reference
            : throw body.Error("reference", $"'{reference}' is not one of {string.Join(", ", is2014 ? References2014 : References)} for the {(is2014 ? 2014 : 1993)} data.");
    }

    /// <summary>Parses the tariff rules without reading data; throws naming the field.</summary>
    public static IReadOnlyList<CpTariffRule> Parse(ScenarioReader body, CaliendoParroSource source)
    {
        var is2014 = source == CaliendoParroSource.Wiod2014;
        var schedules = is2014 ? "\"2014\"" : "\"1993\" or \"2005\"";
        var rules = new List<CpTariffRule>();
        foreach (var rule in body.Array("tariffs"))
        {
            var importers = CountrySelector.Read(rule, "importers", "importer");
            var exporters = CountrySelector.Read(rule, "exporters", "exporter");
            var sectors = rule.StringOrList("sectors");
            var schedule = rule.OptionalString("schedule");
            var addSchedule = rule.OptionalString("add_schedule");
            var given = new[] { rule.Has("rate"), schedule is not null, rule.Has("add"), addSchedule is not null }.Count(x => x);
            if (given != 1)
            {
                var extra = is2014 ? ", 'add' (a fraction added to the rate in force) or 'add_schedule' (\"us-tariffs-2025\")" : "";
                throw rule.Error("rate", $"give exactly one of 'rate' (a fraction, 0.25 = 25%), 'schedule' ({schedules}){extra}.");
            }

            if (!is2014 && (rule.Has("add") || addSchedule is not null))
            {
                throw rule.Error(rule.Has("add") ? "add" : "add_schedule", "is available only on the 2014 data (\"source\": \"wiod-2014\").");
            }

            CpTariffLevel level = rule.Has("rate") ? new CpRate(Fraction(rule, "rate"))
                : rule.Has("add") ? new CpAdd(Fraction(rule, "add"))
                : schedule is not null ? ((schedule, is2014) switch
                {
                    ("1993", false) or ("2014", true) => new CpSchedule(schedule),
                    ("2005", false) => new CpSchedule(schedule),
                    _ => throw rule.Error("schedule", $"'{schedule}' is not one of {schedules}."),
                })
                : AddSchedules.Contains(addSchedule!) ? new CpAddSchedule(addSchedule!)
                : throw rule.Error("add_schedule", $"'{addSchedule}' is not one of {string.Join(", ", AddSchedules)}.");
            rules.Add(new CpTariffRule(importers, exporters, sectors, level, rule.File, rule.Prefix));
        }

        return rules.Count > 0 ? rules : throw body.Error("tariffs", "is missing or empty; list at least one rule.");
    }

    /// <summary>Resolves typed rules against a baseline: the reference rates and the counterfactual with every rule applied in order.</summary>
    public static (SectoralPairMatrix Reference, SectoralPairMatrix Counterfactual) Resolve(
        CpBaseline baseline, string reference, IReadOnlyList<CpTariffRule> rules, string? dataRoot = null)
    {
        var referenceRates = reference == "nafta-2005" ? CpExperiment.NaftaTariffs(baseline) : baseline.Tariffs;
        var counterfactual = referenceRates.Values.ToArray();
        var nafta = new[] { "CAN", "MEX", "USA" }.Select(baseline.Countries.IndexOf).ToHashSet();
        foreach (var rule in rules)
        {
            var importers = rule.Importers.Resolve(baseline.Countries);
            var exporters = rule.Exporters.Resolve(baseline.Countries);
            var sectors = rule.SectorIndices(baseline.Sectors, s => baseline.Tradable[s]);
            var table = rule.Level is CpSchedule { Year: "2005" } ? baseline.Data.Tariffs2005 : baseline.Data.Tariffs1993;
            var increase = rule.Level is CpAddSchedule named ? TrackerIncreases(rule, named.Name, baseline, importers, exporters, dataRoot) : null;
            foreach (var s in sectors)
            {
                foreach (var m in importers)
                {
                    foreach (var i in exporters.Where(i => i != m))
                    {
                        if (rule.Level is CpSchedule { Year: "2005" } && baseline.Data.Tariffs2005NaftaOnly && !(nafta.Contains(m) && nafta.Contains(i)))
                        {
                            throw rule.Error("schedule", $"the {baseline.Data.Source} files carry 2005 rates only between CAN, MEX and USA; {baseline.Countries[m].Iso3} on {baseline.Countries[i].Iso3} is outside.");
                        }

                        var at = referenceRates.At(s, i, m);
                        counterfactual[at] = rule.Level switch
                        {
                            CpAdd add => counterfactual[at] + add.Amount,
                            CpAddSchedule => counterfactual[at] + increase!(s, i),
                            CpRate rate => rate.Rate,
                            _ => table[s, i, m],
                        };
                    }
                }
            }
        }

        return (referenceRates, new SectoralPairMatrix(referenceRates.Sectors, referenceRates.Countries, counterfactual, PairUnit.Fraction));
    }

    private static double Fraction(ScenarioReader rule, string field)
    {
        var v = rule.RequiredNumber(field);
        return v is < 0 or > 10 ? throw rule.Error(field, $"{v} is outside [0, 10]; rates are fractions (0.25 = 25%).") : v;
    }

    /// <summary>The tracker's 2025 US increases by sector, for importer USA and exporters the tracker covers.</summary>
    private static Func<int, int, double> TrackerIncreases(CpTariffRule rule, string name, CpBaseline baseline, int[] importers, int[] exporters, string? dataRoot)
    {
        var usa = baseline.Countries.IndexOf("USA");
        if (importers.Any(m => m != usa))
        {
            throw rule.Error("importers", "the tracker's 2025 increases are US tariffs; the importer must be USA.");
        }

        var folder = Path.Combine(dataRoot ?? DataLocation.Root, UsTariffIncreases2025.DefaultFolder);
        var sectors = baseline.Sectors;
        var byExporter = new Dictionary<int, SectorValues>();
        foreach (var i in exporters.Where(i => i != usa))
        {
            var iso = baseline.Countries[i].Iso3;
            if (!UsTariffIncreases2025.PartnerFiles.ContainsKey(iso))
            {
                throw rule.Error("exporters", $"the tracker's HS2 files cover {string.Join(", ", UsTariffIncreases2025.PartnerFiles.Keys)}; '{iso}' has none.");
            }

            byExporter[i] = UsTariffIncreases2025.ForPartner(iso, sectors, folder);
        }

        return (s, i) => byExporter[i][s];
    }

    /// <summary>
    /// Checks the country and sector codes of every rule against the data's labels (the 1993 files' are known; the 2014
    /// data's are read from their label files alone), before any data are loaded.
    /// </summary>
    public static void CheckLabels(IReadOnlyList<CpTariffRule> rules, CountrySet countries, SectorSet sectors, Func<int, bool> tradable)
    {
        foreach (var rule in rules)
        {
            rule.Importers.Check(countries);
            rule.Exporters.Check(countries);
            rule.SectorIndices(sectors, tradable);
        }
    }

    /// <summary>Reads the data source field ("original" or "tidy": the 1993 files; "wiod-2014": the 2014 data).</summary>
    public static CaliendoParroSource Source(ScenarioReader body)
    {
        var text = body.OptionalString("source") ?? "original";
        return text switch
        {
            "original" => CaliendoParroSource.Original,
            "tidy" => CaliendoParroSource.Tidy,
            "wiod-2014" => CaliendoParroSource.Wiod2014,
            _ => throw body.Error("source", $"'{text}' is not one of original, tidy, wiod-2014."),
        };
    }

    /// <summary>
    /// Reads the input_output field: "data" (the default on the 1993 files: the authors' coefficients) or "none"
    /// (value-added share 1; the only choice on the 2014 data, which have no coefficients). True when links are kept.
    /// </summary>
    public static bool InputOutput(ScenarioReader body, CaliendoParroSource source)
    {
        var is2014 = source == CaliendoParroSource.Wiod2014;
        var text = body.OptionalString("input_output") ?? (is2014 ? "none" : "data");
        return (text, is2014) switch
        {
            ("data", false) => true,
            ("none", _) => false,
            ("data", true) => throw body.Error("input_output", "the 2014 data carry no input–output coefficients; only \"none\" is possible."),
            _ => throw body.Error("input_output", $"'{text}' is not one of data, none."),
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
