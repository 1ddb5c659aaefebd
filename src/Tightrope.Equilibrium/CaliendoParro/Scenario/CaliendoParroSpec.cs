using Tightrope.Data;
using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>What a Caliendo–Parro tariff rule sets: a rate, a data schedule, or an increase on the rate in force.</summary>
public abstract record CpTariffLevel;

/// <summary>A fixed rate, as a fraction (0.25 = 25%).</summary>
public sealed record CpRate(double Rate) : CpTariffLevel;

/// <summary>The data's rates of a year ("1993", "2005"; "2014").</summary>
public sealed record CpSchedule(string Year) : CpTariffLevel;

/// <summary>A fraction added to the rate in force (2014 data).</summary>
public sealed record CpAdd(double Amount) : CpTariffLevel;

/// <summary>A named set of increases by sector added to the rate in force (<see cref="CpTariffRules.AddSchedules"/>, 2014 data).</summary>
public sealed record CpAddSchedule(string Name) : CpTariffLevel;

/// <summary>
/// One rule: the rate the selected importers levy on the selected exporters' goods of the selected sectors (codes, or
/// "*" for every tradable sector). Codes are checked against label lists by validation and resolved against the data when solved.
/// </summary>
/// <param name="Importers">Importers as written.</param>
/// <param name="Exporters">Exporters as written.</param>
/// <param name="Sectors">Sector codes as written.</param>
/// <param name="Level">What the rule sets.</param>
/// <param name="File">Scenario file, for errors.</param>
/// <param name="Path">Field path of the rule (e.g. <c>tariffs[0]</c>), for errors.</param>
public sealed record CpTariffRule(CountrySelector Importers, CountrySelector Exporters, IReadOnlyList<string> Sectors, CpTariffLevel Level, string File, string Path)
{
    /// <summary>An error naming one field of this rule.</summary>
    public ScenarioException Error(string field, string problem) => new(File, $"{Path}.{field}", problem);

    /// <summary>Positions of the selected sectors in <paramref name="sectors"/>; throws naming the field, with the nearest code, for an unknown or non-tradable one.</summary>
    public int[] SectorIndices(SectorSet sectors, Func<int, bool> tradable)
    {
        var codes = Enumerable.Range(0, sectors.Count).Where(tradable).Select(s => sectors[s].Code).ToList();
        if (Sectors.Count == 0)
        {
            throw Error("sectors", $"is missing; name sector codes or \"*\" for every tradable sector. Tradable codes: {string.Join(", ", codes)}.");
        }

        var result = new SortedSet<int>();
        foreach (var item in Sectors)
        {
            if (item == "*")
            {
                result.UnionWith(Enumerable.Range(0, sectors.Count).Where(tradable));
                continue;
            }

            var s = sectors.IndexOf(item);
            if (s < 0)
            {
                var near = EditDistance.Nearest(item, codes);
                throw Error("sectors", $"'{item}' is not a sector code{(near is null ? "" : $"; did you mean '{near}'?")} Tradable codes: {string.Join(", ", codes)}.");
            }

            if (!tradable(s))
            {
                throw Error("sectors", $"'{item}' ({sectors[s].Name}) is not traded across borders; a tariff on it has no effect.");
            }

            result.Add(s);
        }

        return [.. result];
    }
}

/// <summary>
/// Everything a <c>caliendo-parro</c> scenario says, parsed and checked without reading data: which data, whether
/// input–output links are kept, the deficits both runs hold, the reference tariffs and the typed rules of the counterfactual.
/// </summary>
public sealed record CaliendoParroSpec(
    CaliendoParroSource Source,
    string DataFolder,
    bool InputOutput,
    DeficitCase Deficits,
    string Reference,
    IReadOnlyList<CpTariffRule> Tariffs)
{
    /// <summary>Parses and checks the scenario's body; throws <see cref="ScenarioException"/> naming the field.</summary>
    public static CaliendoParroSpec Parse(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var source = CpTariffRules.Source(body);
        var deficits = CpTariffRules.Deficits(body);
        var inputOutput = CpTariffRules.InputOutput(body, source);
        if (!body.Has("tariffs"))
        {
            throw body.Error("tariffs", "is missing.");
        }

        var folder = scenario.Data ?? (source == CaliendoParroSource.Wiod2014 ? WiodSectoral2014Data.DefaultFolder : CaliendoParroData.DefaultFolder);
        return new CaliendoParroSpec(source, folder, inputOutput, deficits, CpTariffRules.ReadReference(body, source), CpTariffRules.Parse(body, source));
    }

    /// <summary>
    /// Checks every country and sector code against the data's labels: the 1993 files' are known, the 2014 data's are read
    /// from their label files alone (skipped when no data root is configured; the solve then checks them).
    /// </summary>
    public void CheckLabels(RunOptions options)
    {
        if (Source != CaliendoParroSource.Wiod2014)
        {
            CpTariffRules.CheckLabels(Tariffs, CaliendoParroLabels.CountrySet(), CaliendoParroLabels.SectorList(), s => s < CaliendoParroLabels.TradableCount);
        }
        else if (ScenarioLabels.Folder(options, DataFolder, "sectors.csv") is { } folder)
        {
            var (countries, sectors) = WiodSectoral2014Reader.ReadLabels(folder);
            CpTariffRules.CheckLabels(Tariffs, countries, sectors, _ => true);
        }
    }

    /// <summary>True when <paramref name="other"/> runs on the same data and baseline (source, folder, input–output links).</summary>
    public bool SameBaseline(CaliendoParroSpec other) =>
        Source == other.Source && DataFolder == other.DataFolder && InputOutput == other.InputOutput;
}

/// <summary>
/// A loaded Caliendo–Parro data set and its calibrated baseline, for solving many specs on the same data cheaply: the
/// data are read once, a reference run is solved once per (reference tariffs, deficits), and a counterfactual can start
/// from a previous result's wages.
/// </summary>
public sealed class CaliendoParroSession
{
    private readonly Dictionary<(string Reference, DeficitCase Deficits), (SectoralPairMatrix Rates, CpEquilibrium Solved)> _references = [];
    private readonly string _dataRoot;

    private CaliendoParroSession(CaliendoParroSpec spec, CpBaseline baseline, string dataRoot)
    {
        Spec = spec;
        Baseline = baseline;
        _dataRoot = dataRoot;
    }

    /// <summary>The spec the session was loaded for (its data, source and input–output choice).</summary>
    public CaliendoParroSpec Spec { get; }

    /// <summary>The calibrated baseline every solve starts from.</summary>
    public CpBaseline Baseline { get; }

    /// <summary>Loads the data <paramref name="spec"/> names and builds its baseline, recording the files read in <paramref name="options"/>.</summary>
    public static CaliendoParroSession Load(CaliendoParroSpec spec, RunOptions options)
    {
        var root = options.ResolveDataRoot();
        var folder = System.IO.Path.Combine(root, spec.DataFolder);
        var data = CaliendoParroData.Load(spec.Source, folder);
        options.RecordFolder(spec.Source switch
        {
            CaliendoParroSource.Original => System.IO.Path.Combine(folder, "original"),
            CaliendoParroSource.Tidy => System.IO.Path.Combine(folder, "tidy"),
            _ => folder,
        });
        return new CaliendoParroSession(spec, CpBaseline.Build(spec.InputOutput ? data : data.WithoutInputOutput()), root);
    }

    /// <summary>
    /// Solves <paramref name="spec"/> (same data as the session's); the counterfactual starts from
    /// <paramref name="warmStart"/>'s counterfactual wages when given. Throws <see cref="ScenarioException"/> for a rule
    /// that does not resolve and an exception naming the failure when the solver does not converge.
    /// </summary>
    public CpComparison Solve(CaliendoParroSpec spec, CpComparison? warmStart = null)
    {
        if (!spec.SameBaseline(Spec))
        {
            throw new ArgumentException($"The spec needs {spec.Source} data in {spec.DataFolder} (input–output {spec.InputOutput}); the session holds {Spec.Source} in {Spec.DataFolder} (input–output {Spec.InputOutput}).");
        }

        var (referenceRates, counterfactual) = CpTariffRules.Resolve(Baseline, spec.Reference, spec.Tariffs, _dataRoot);
        var surplus = CpExperiment.Surplus(Baseline, spec.Deficits);
        if (!_references.TryGetValue((spec.Reference, spec.Deficits), out var reference))
        {
            reference = (referenceRates, CpSolver.Solve(Baseline, referenceRates, surplus));
            _references[(spec.Reference, spec.Deficits)] = reference;
        }

        var solved = CpSolver.Solve(Baseline, counterfactual, surplus, warmStart: warmStart?.Counterfactual);
        return CpExperiment.Compare(Baseline, spec.Deficits, reference.Solved, solved);
    }
}
