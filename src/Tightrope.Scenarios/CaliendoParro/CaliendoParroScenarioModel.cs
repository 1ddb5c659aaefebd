using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Reports;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>Runs scenarios of the multi-sector Caliendo–Parro (2015) model (<c>"model": "caliendo-parro"</c>) on its 1993 data.</summary>
public sealed class CaliendoParroScenarioModel : IScenarioModel
{
    /// <inheritdoc />
    public string Name => "caliendo-parro";

    /// <inheritdoc />
    public string Description => "Multi-sector tariff general equilibrium with input–output links and tariff revenue (Caliendo & Parro 2015), 1993 data";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => CpScenarioFields.All;

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        CpTariffRules.Source(body);
        CpTariffRules.Deficits(body);
        if (!body.Has("tariffs"))
        {
            throw body.Error("tariffs", "is missing.");
        }
    }

    /// <summary>Loads the scenario's data, builds the baseline and both tariff sets, and runs the experiment.</summary>
    public static CpComparison Solve(ScenarioDocument scenario, RunOptions options)
    {
        var body = scenario.Reader;
        var source = CpTariffRules.Source(body);
        var deficits = CpTariffRules.Deficits(body);
        var folder = Path.Combine(options.ResolveDataRoot(), scenario.Data ?? CaliendoParroData.DefaultFolder);
        var baseline = CpBaseline.Build(CaliendoParroData.Load(source, folder));
        options.RecordFolder(Path.Combine(folder, source == CaliendoParroSource.Original ? "original" : "tidy"));
        var (reference, counterfactual) = CpTariffRules.Build(body, baseline);
        return CpExperiment.Run(baseline, reference, counterfactual, deficits);
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => CpReport.Build(scenario, Solve(scenario, options));
}
