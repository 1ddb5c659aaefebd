using Tightrope.Scenarios;

namespace Tightrope.Catalog;

/// <summary>Every scenario model shipped with Tightrope: the registry the CLI, the web app and the tests use.</summary>
public static class ShippedModels
{
    /// <summary>The registry of shipped models; each model adds one line here.</summary>
    public static ScenarioModelRegistry Registry { get; } = new([
        new Scenarios.Tariffs.OneSectorTariffScenarioModel(),
        new Scenarios.CaliendoParro.CaliendoParroScenarioModel(),
        new Scenarios.Bargaining.BargainingScenarioModel(),
        new Scenarios.StructuralGravity.StructuralGravityScenarioModel(),
        new Timeline.TimelineScenarioModel(new Timeline.CoercionThreatDemand()),
        new Linkage.Scenarios.LinkageScenarioModel(),
    ]);
}
