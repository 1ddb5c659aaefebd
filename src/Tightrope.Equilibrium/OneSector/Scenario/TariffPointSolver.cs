using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>
/// Sweep points of the one-sector tariff model: each data set and baseline is built once per sweep, each thread keeps
/// one <see cref="TariffSolver"/> per baseline (buffers and the last factorised Jacobian reused), and a point starts
/// from its neighbour's equilibrium. Covers the baseline variant with fixed transfers; others take the full run.
/// </summary>
public sealed class TariffPointSolver(RunOptions options, ScenarioDataCache cache) : IScenarioPointSolver
{
    private readonly Dictionary<OneSectorBaseline, TariffSolver> _solvers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Outcome columns, named as in the report's tables.</summary>
    public static IReadOnlyDictionary<string, Func<CountryOutcome, double>> Outcomes { get; } = new Dictionary<string, Func<CountryOutcome, double>>(StringComparer.Ordinal)
    {
        ["welfare_pct"] = o => o.WelfarePct,
        ["deficit_pct"] = o => o.DeficitPct,
        ["exports_gdp_pct"] = o => o.ExportsToGdpPct,
        ["imports_gdp_pct"] = o => o.ImportsToGdpPct,
        ["employment_pct"] = o => o.EmploymentPct,
        ["prices_pct"] = o => o.PricesPct,
        ["revenue_share"] = o => o.RevenueShare,
    };

    /// <inheritdoc />
    public ScenarioPointResult? TrySolve(ScenarioDocument scenario, IReadOnlyList<string> outcomes, object? neighbour)
    {
        var body = scenario.Reader;
        if ((body.OptionalString("variant") ?? "baseline") != "baseline" || (body.OptionalString("transfers") ?? "fixed") != "fixed")
        {
            return null;
        }

        var (parameters, baselineOptions) = OneSectorTariffScenarioModel.ReadSettings(scenario);
        var folder = Path.Combine(options.ResolveDataRoot(), scenario.Data ?? BilateralDatasetReader.DefaultFolder);
        var data = cache.GetOrAdd($"bilateral:{folder}", () => BilateralDatasetReader.Load(folder));
        var baseline = cache.GetOrAdd($"one-sector-baseline:{folder}:{baselineOptions}", () => OneSectorBaseline.Build(data, baselineOptions));
        var tariffs = TariffRules.Build(body, baseline, parameters);
        if (!_solvers.TryGetValue(baseline, out var solver))
        {
            solver = new TariffSolver(baseline) { ReuseFactorisation = true };
            _solvers[baseline] = solver;
        }

        // A point without a neighbour starts a block: it must not depend on what this thread solved before.
        var warm = neighbour as TariffEquilibriumResult;
        if (warm is null)
        {
            solver.DiscardFactorisation();
        }

        var result = solver.Solve(tariffs, parameters, warm is not null && ReferenceEquals(warm.Baseline, baseline) ? warm : null);
        var getters = outcomes.Select(o => Outcomes[o]).ToArray();
        var values = new double[result.Outcomes.Count * getters.Length];
        for (var e = 0; e < result.Outcomes.Count; e++)
        {
            for (var o = 0; o < getters.Length; o++)
            {
                values[(e * getters.Length) + o] = getters[o](result.Outcomes[e]);
            }
        }

        return new ScenarioPointResult(result.Outcomes.Select(o => o.Country.Iso3).ToArray(), values, result);
    }
}
