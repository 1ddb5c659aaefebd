using Tightrope.Catalog;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Linkage.Scenarios;
using Tightrope.Scenarios;

namespace Tightrope.Linkage.Tests;

/// <summary>
/// The 194-economy baseline, loaded once, and the flagship analysis run once on it; shared by the tests that need the
/// real data. Payoff surfaces are not thread-safe, so these tests run in one collection.
/// </summary>
public sealed class WorldFixture
{
    public WorldFixture()
    {
        Scenario = ScenarioCatalog.Default().Find("usmx-tightrope-2025");
        Settings = LinkageSettingsReader.Read(Scenario);
        Stakeholders = LinkageScenarioModel.Stakeholders(Scenario, Settings, new RunOptions());
        Baseline = OneSectorBaseline.Build(BilateralDatasetReader.Load());
        Flagship = new TariffPayoffs(Baseline, LinkageAnalysis.Background(Baseline, BackgroundKind.Ustr2025));
        Result = LinkageAnalysis.Run(Baseline, Settings, Stakeholders, payoffs: Flagship);
        Registry = ShippedModels.Registry;
    }

    public ScenarioDocument Scenario { get; }

    public LinkageSettings Settings { get; }

    public BlocStakeholders Stakeholders { get; }

    public OneSectorBaseline Baseline { get; }

    /// <summary>The flagship's payoff surface (background ustr-2025), reused so repeated points are not re-solved.</summary>
    public TariffPayoffs Flagship { get; }

    public LinkageResult Result { get; }

    public ScenarioModelRegistry Registry { get; }
}

[CollectionDefinition("world")]
public sealed class WorldCollection : ICollectionFixture<WorldFixture>;
