using Tightrope.Reports;

namespace Tightrope.Scenarios.Bargaining;

/// <summary>Runs negotiation scenarios (<c>"model": "bargaining"</c>): expected-utility or exchange model on a stakeholder set, with optional sensitivity analysis.</summary>
public sealed class BargainingScenarioModel : IScenarioModel
{
    /// <inheritdoc />
    public string Name => "bargaining";

    /// <inheritdoc />
    public string Description => "Negotiation forecasts: Bueno de Mesquita expected utility (Scholz et al. 2011, R1) or Stokman–van Oosten equal-gain exchange";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => BargainingScenarioFields.All;

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario) => Validate(scenario, new RunOptions());

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario, RunOptions options) => BargainingSpec.Parse(scenario).CheckStakeholders(options);

    /// <summary>Parses the scenario, loads its stakeholder set and solves it.</summary>
    public static BargainingResult Solve(ScenarioDocument scenario, RunOptions options)
    {
        var spec = BargainingSpec.Parse(scenario);
        return BargainingSession.Load(spec, options).Solve(spec);
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => BargainingReport.Build(Solve(scenario, options));
}
