using Tightrope.Equilibrium.OneSector;
using Tightrope.Reports;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>Runs scenarios of the one-sector tariff model (<c>"model": "tariffs-one-sector"</c>) on bilateral-2023-style data.</summary>
public sealed class OneSectorTariffScenarioModel : IScenarioModel, ISweepableScenarioModel
{
    /// <inheritdoc />
    public string Name => "tariffs-one-sector";

    /// <inheritdoc />
    public string Description => "One-sector tariff general equilibrium with revenue recycling and elastic employment (Ignatenko et al. 2025)";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => TariffScenarioFields.All;

    /// <inheritdoc />
    public IReadOnlyList<string> OutcomeNames => [.. TariffPointSolver.Outcomes.Keys];

    /// <inheritdoc />
    public IScenarioPointSolver CreatePointSolver(RunOptions options, ScenarioDataCache cache) => new TariffPointSolver(options, cache);

    /// <summary>Reads the model parameters and baseline options of a scenario body.</summary>
    public static (TariffModelParameters Parameters, BaselineOptions Baseline) ReadSettings(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var p = body.Object("parameters");
        var recycling = body.OptionalString("recycling") ?? "income-tax-relief";
        var parameters = new TariffModelParameters
        {
            TradeElasticity = p.Number("tradeElasticity", 4.0),
            LaborSupplyElasticity = p.Number("laborSupplyElasticity", 0.5),
            ScaleElasticity = p.Number("scaleElasticity", 0.67 / 4.0),
            Theta = p.Number("theta", 4.0 / 0.67),
            PassThrough = p.Number("passThrough", 1.0),
            Recycling = recycling switch
            {
                "income-tax-relief" => RevenueRecycling.IncomeTaxRelief,
                "lump-sum" => RevenueRecycling.LumpSum,
                _ => throw body.Error("recycling", $"'{recycling}' is not one of income-tax-relief, lump-sum."),
            },
        };
        try
        {
            parameters.Validate();
        }
        catch (ArgumentException e)
        {
            throw body.Error("parameters", e.Message);
        }

        var costShares = body.OptionalString("costShares") ?? "calibrated";
        var baseline = new BaselineOptions
        {
            CostShares = costShares switch
            {
                "calibrated" => CostShareMode.Calibrated,
                "eaton-kortum" => CostShareMode.EatonKortum,
                _ => throw body.Error("costShares", $"'{costShares}' is not one of calibrated, eaton-kortum."),
            },
        };
        return (parameters, baseline);
    }

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario) => Validate(scenario, new RunOptions());

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario, RunOptions options) => OneSectorTariffSpec.ParseAndCheck(scenario, options);

    /// <summary>Parses the scenario, loads its data, builds the baseline and tariffs, and solves.</summary>
    public static TariffEquilibriumResult Solve(ScenarioDocument scenario, RunOptions options)
    {
        var spec = OneSectorTariffSpec.Parse(scenario);
        return OneSectorTariffSession.Load(spec, options).Solve(spec);
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => TariffReport.Build(scenario, Solve(scenario, options), AverageWeights(scenario));

    /// <summary>How group averages are weighted: baseline expenditure (default) or GDP (<c>"averageWeights": "gdp"</c>).</summary>
    public static GroupWeights AverageWeights(ScenarioDocument scenario) => (scenario.Reader.OptionalString("averageWeights") ?? "expenditure") switch
    {
        "expenditure" => GroupWeights.Expenditure,
        "gdp" => GroupWeights.Gdp,
        var other => throw scenario.Reader.Error("averageWeights", $"'{other}' is not one of expenditure, gdp."),
    };
}
