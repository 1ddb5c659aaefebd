using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Reports;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>
/// Runs scenarios of the multi-sector Caliendo–Parro (2015) model (<c>"model": "caliendo-parro"</c>): on the authors' 1993
/// data with input–output links (<c>"source": "original"</c> or <c>"tidy"</c>), or on the 2014 WIOD-based data without them
/// (<c>"source": "wiod-2014"</c>, value-added share 1).
/// </summary>
public sealed class CaliendoParroScenarioModel : IScenarioModel
{
    /// <inheritdoc />
    public string Name => "caliendo-parro";

    /// <inheritdoc />
    public string Description => "Multi-sector tariff general equilibrium with tariff revenue (Caliendo & Parro 2015): 1993 data with input–output links, or 2014 data without them";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => CpScenarioFields.All;

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario) => Validate(scenario, new RunOptions());

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario, RunOptions options) => CaliendoParroSpec.Parse(scenario).CheckLabels(options);

    /// <summary>Parses the scenario, loads its data, builds the baseline and both tariff sets, and runs the experiment.</summary>
    public static CpComparison Solve(ScenarioDocument scenario, RunOptions options)
    {
        var spec = CaliendoParroSpec.Parse(scenario);
        return CaliendoParroSession.Load(spec, options).Solve(spec);
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => CpReport.Build(scenario, Solve(scenario, options));
}
