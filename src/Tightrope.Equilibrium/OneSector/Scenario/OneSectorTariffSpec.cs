using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>
/// Countries a tariff rule selects, as written: ISO3 codes, "*" (every country), "@GROUP" and "-ISO" (leave out).
/// Groups are checked when parsed; codes are resolved against a data set's countries by <see cref="Resolve"/>.
/// </summary>
/// <param name="Items">The entries as written.</param>
/// <param name="File">Scenario file, for errors.</param>
/// <param name="Field">Field path, for errors.</param>
public sealed record CountrySelector(IReadOnlyList<string> Items, string File, string Field)
{
    /// <summary>Positions of the selected countries in <paramref name="countries"/>, ascending.</summary>
    public int[] Resolve(CountrySet countries)
    {
        var result = new SortedSet<int>();
        var removed = new SortedSet<int>();
        foreach (var entry in Items)
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
                target.UnionWith(CountryGroups.Positions(CountryGroups.Find(item[1..])!, countries));
            }
            else
            {
                var k = countries.IndexOf(item);
                if (k < 0)
                {
                    throw Unknown(item, countries);
                }

                target.Add(k);
            }
        }

        result.ExceptWith(removed);
        return [.. result];
    }

    /// <summary>Checks every ISO3 code against <paramref name="countries"/> (read from the data's country list alone); throws naming the field and the nearest code.</summary>
    public void Check(CountrySet countries)
    {
        foreach (var entry in Items)
        {
            var item = entry.StartsWith('-') ? entry[1..] : entry;
            if (item != "*" && !item.StartsWith('@') && !countries.Contains(item))
            {
                throw Unknown(item, countries);
            }
        }
    }

    private ScenarioException Unknown(string item, CountrySet countries)
    {
        var near = EditDistance.Nearest(item, countries.Select(c => c.Iso3));
        var hint = near is null ? "ISO3 codes such as MEX, USA" : $"did you mean '{near}' ({countries[countries.IndexOf(near)].Name})?";
        return new ScenarioException(File, Field, $"'{item}' is not a country of the data set; {hint}");
    }

    /// <summary>Reads the selector of a rule (plural or singular spelling); throws naming the field when absent or malformed.</summary>
    public static CountrySelector Read(ScenarioReader rule, string plural, string singular)
    {
        if (rule.Has(plural) && rule.Has(singular))
        {
            // One would be ignored silently; the two spellings are the same field.
            throw rule.Error(singular, $"is given together with '{plural}'; they are the same field, keep one.");
        }

        var field = rule.Has(plural) ? plural : singular;
        var items = rule.StringOrList(field);
        if (items.Count == 0)
        {
            throw rule.Error(plural, $"is missing; name ISO3 codes, \"*\" for every country, a group, or \"-ISO\" to leave one out; groups: ({string.Join(", ", CountryGroups.Names.Select(g => "@" + g))}).");
        }

        foreach (var entry in items)
        {
            var item = entry.StartsWith('-') ? entry[1..] : entry;
            if (item.StartsWith('@') && CountryGroups.Find(item[1..]) is null)
            {
                throw rule.Error(field, $"unknown group '{item}'; known: {string.Join(", ", CountryGroups.Names.Select(g => "@" + g))}.");
            }
        }

        return new CountrySelector(items, rule.File, rule.PathOf(field));
    }
}

/// <summary>The level a tariff rule sets: a fixed rate, or a named schedule resolved against the baseline.</summary>
public abstract record TariffLevel;

/// <summary>A fixed ad-valorem rate, as a fraction (0.25 = 25%).</summary>
public sealed record FixedRate(double Rate) : TariffLevel;

/// <summary>A named schedule (<see cref="TariffRules.Schedules"/>) with the floor of the ustr-2025 schedules.</summary>
public sealed record NamedSchedule(string Name, double Floor) : TariffLevel;

/// <summary>One tariff rule: the rate the selected importers levy on the selected exporters' goods.</summary>
public sealed record TariffRule(CountrySelector Importers, CountrySelector Exporters, TariffLevel Level);

/// <summary>What a counterfactual's trade imbalances are.</summary>
public enum TransferMode
{
    /// <summary>Deficits held at the data, relative to world income.</summary>
    Fixed,

    /// <summary>Transfers that balance every country's trade with the United States; results are differences from zero tariffs.</summary>
    BalancedWithUnitedStates,
}

/// <summary>
/// Everything a <c>tariffs-one-sector</c> scenario says, parsed and checked without reading data: the typed input of
/// <see cref="OneSectorTariffSession.Solve"/>. Tariff rules are resolved against the data's countries when solved.
/// </summary>
public sealed record OneSectorTariffSpec(
    string DataFolder,
    TariffModelParameters Parameters,
    BaselineOptions Baseline,
    TransferMode Transfers,
    bool InputOutput,
    double ValueAddedShare,
    GroupWeights AverageWeights,
    IReadOnlyList<TariffRule> Tariffs)
{
    /// <summary>Parses and checks a scenario's body; throws <see cref="ScenarioException"/> naming the field.</summary>
    public static OneSectorTariffSpec Parse(ScenarioDocument scenario)
    {
        var (parameters, baseline) = OneSectorTariffScenarioModel.ReadSettings(scenario);
        var body = scenario.Reader;
        var transfers = (body.OptionalString("transfers") ?? "fixed") switch
        {
            "fixed" => TransferMode.Fixed,
            "balanced-with-usa" => TransferMode.BalancedWithUnitedStates,
            var other => throw body.Error("transfers", $"'{other}' is not one of fixed, balanced-with-usa."),
        };
        var inputOutput = (body.OptionalString("variant") ?? "baseline") switch
        {
            "baseline" => false,
            "input-output" => true,
            var other => throw body.Error("variant", $"'{other}' is not one of baseline, input-output."),
        };
        if (inputOutput && transfers != TransferMode.Fixed)
        {
            throw body.Error("transfers", "the input-output variant supports only fixed transfers.");
        }

        return new OneSectorTariffSpec(
            scenario.Data ?? BilateralDatasetReader.DefaultFolder,
            parameters,
            baseline,
            transfers,
            inputOutput,
            body.Number("valueAddedShare", TariffModel.DefaultValueAddedShare),
            OneSectorTariffScenarioModel.AverageWeights(scenario),
            TariffRules.Parse(body));
    }

    /// <summary>Checks every country code of the tariff rules against the data set's country list (no other data read).</summary>
    public void CheckCountries(CountrySet countries)
    {
        foreach (var rule in Tariffs)
        {
            rule.Importers.Check(countries);
            rule.Exporters.Check(countries);
        }
    }

    /// <summary>
    /// Parses the scenario and checks its country codes against the data set's countries.csv, read alone; when no data
    /// root is configured the codes are checked when the data are loaded.
    /// </summary>
    public static OneSectorTariffSpec ParseAndCheck(ScenarioDocument scenario, RunOptions options)
    {
        var spec = Parse(scenario);
        if (ScenarioLabels.Folder(options, spec.DataFolder, "countries.csv") is { } folder)
        {
            spec.CheckCountries(BilateralDatasetReader.ReadCountryList(folder));
        }

        return spec;
    }
}

/// <summary>
/// A loaded data set and its calibrated baseline, for solving many specs on the same data cheaply (sweeps, optimisers,
/// interactive pages): the data are read once and each solve can start from a previous result.
/// </summary>
public sealed class OneSectorTariffSession
{
    private OneSectorTariffSession(OneSectorBaseline baseline) => Baseline = baseline;

    /// <summary>The calibrated baseline every solve shares.</summary>
    public OneSectorBaseline Baseline { get; }

    /// <summary>Loads <paramref name="spec"/>'s data folder under <paramref name="options"/>' data root and calibrates the baseline.</summary>
    public static OneSectorTariffSession Load(OneSectorTariffSpec spec, RunOptions options)
    {
        var directory = Path.Combine(options.ResolveDataRoot(), spec.DataFolder);
        var data = BilateralDatasetReader.Load(directory);
        foreach (var file in BilateralDatasetReader.Files)
        {
            options.RecordFile(Path.Combine(directory, file));
        }

        return new OneSectorTariffSession(OneSectorBaseline.Build(data, spec.Baseline));
    }

    /// <summary>
    /// Solves a spec on this baseline (its data folder and cost-share mode must be the session's), optionally warm-started
    /// and with other solver settings (the model's defaults when null).
    /// </summary>
    public TariffEquilibriumResult Solve(OneSectorTariffSpec spec, TariffEquilibriumResult? warmStart = null, Tightrope.Numerics.SolverOptions? solverOptions = null)
    {
        var tariffs = TariffRules.Resolve(spec.Tariffs, Baseline, spec.Parameters);
        if (spec.InputOutput)
        {
            return TariffModel.SolveInputOutput(Baseline, tariffs, spec.Parameters, spec.ValueAddedShare, solverOptions);
        }

        return spec.Transfers == TransferMode.Fixed
            ? TariffModel.Solve(Baseline, tariffs, spec.Parameters, solverOptions, warmStart: warmStart)
            : TariffModel.SolveRelativeToTransfers(Baseline, tariffs, TariffModel.TransfersBalancedWithUnitedStates(Baseline), spec.Parameters, solverOptions);
    }
}
