using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;
using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Linkage.Scenarios;

/// <summary>Runs <c>"model": "tightrope-linkage"</c> scenarios: the coercion game and linked bargaining on the 194-economy tariff model.</summary>
public sealed class LinkageScenarioModel : IScenarioModel
{
    /// <inheritdoc />
    public string Name => "tightrope-linkage";

    /// <inheritdoc />
    public string Description => "The tightrope: tariff threats, Drezner's coercion game and linked Nash bargaining over tariffs and concessions";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => LinkageScenarioFields.All;

    /// <summary>Checks the values (ranges, issue ids in the stakeholder set); field names and types are checked by the registry against <see cref="Fields"/>.</summary>
    public void Validate(ScenarioDocument scenario)
    {
        var settings = LinkageSettingsReader.Read(scenario);
        var stakeholders = Stakeholders(scenario, settings, new RunOptions());
        foreach (var k in settings.Concessions)
        {
            Guard(scenario, "bargaining.concessions", () => stakeholders.Issue(k, "bargaining.concessions"));
        }
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => LinkageReport.Build(scenario, Solve(scenario, options));

    /// <summary>Reads, loads the data once and runs the analysis.</summary>
    public static LinkageResult Solve(ScenarioDocument scenario, RunOptions options)
    {
        var settings = LinkageSettingsReader.Read(scenario);
        var stakeholders = Stakeholders(scenario, settings, options);
        var folder = scenario.Data ?? BilateralDatasetReader.DefaultFolder;
        var data = BilateralDatasetReader.Load(Path.Combine(options.ResolveDataRoot(), folder));
        var baseline = OneSectorBaseline.Build(data, settings.Baseline);
        (double, double)? agreement = null;
        var how = "";
        if (settings.Agreement is { } ag)
        {
            (agreement, how) = AgreementValue(scenario, ag, baseline, options);
        }

        try
        {
            return LinkageAnalysis.Run(baseline, settings, stakeholders, agreement, how);
        }
        catch (LinkageInputException e)
        {
            throw new ScenarioException(scenario.Path, e.Field, e.Problem);
        }
        catch (ArgumentException e)
        {
            var field = e.Message.Split(':')[0];
            throw new ScenarioException(scenario.Path, field.Contains(' ', StringComparison.Ordinal) ? null : field, e.Message);
        }
    }

    /// <summary>A scenario of the default library by name, or null when there is none.</summary>
    private static ScenarioDocument? FromLibrary(string name)
    {
        try
        {
            return ScenarioCatalog.Default().Find(name);
        }
        catch (Exception e) when (e is ScenarioException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The stakeholder set named by the scenario, with each actor's bloc.</summary>
    public static BlocStakeholders Stakeholders(ScenarioDocument scenario, LinkageSettings settings, RunOptions options)
    {
        var catalog = new ScenarioCatalog(Path.GetDirectoryName(Path.GetFullPath(scenario.Path))!);
        ScenarioDocument doc;
        try
        {
            doc = catalog.Find(settings.Stakeholders);
        }
        catch (ScenarioException e)
        {
            // A scenario known by its file name only (the web app names catalogue entries without their folder) finds
            // its stakeholder set in the scenario library.
            doc = FromLibrary(settings.Stakeholders) ?? throw new ScenarioException(scenario.Path, "stakeholders", e.Message);
        }

        if (doc.Model != "bargaining")
        {
            throw new ScenarioException(scenario.Path, "stakeholders", $"'{settings.Stakeholders}' is a {doc.Model} scenario; expected a bargaining scenario with a stakeholder set.");
        }

        var setup = BargainingSetup.FromScenario(doc, options);
        var blocs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in doc.Reader.Array("actors"))
        {
            blocs[a.RequiredString("id")] = a.OptionalString("bloc") ?? "";
        }

        return new BlocStakeholders(setup.Set, blocs);
    }

    /// <summary>A_USA, A_MEX: the dollar value of keeping the USMCA from the structural-gravity scenario's real-GDP effect.</summary>
    public static ((double Usa, double Mex) Value, string How) AgreementValue(ScenarioDocument scenario, AgreementSettings ag, OneSectorBaseline baseline, RunOptions options)
    {
        var catalog = new ScenarioCatalog(Path.GetDirectoryName(Path.GetFullPath(scenario.Path))!);
        ScenarioDocument doc;
        try
        {
            doc = catalog.Find(ag.Scenario);
        }
        catch (ScenarioException e)
        {
            throw new ScenarioException(scenario.Path, "agreement.scenario", e.Message);
        }

        if (doc.Model != "structural-gravity")
        {
            throw new ScenarioException(scenario.Path, "agreement.scenario", $"'{ag.Scenario}' is a {doc.Model} scenario; expected a structural-gravity scenario.");
        }

        // The point estimate is what prices issue U; its bands are not needed here.
        var outcome = StructuralGravityScenarioModel.Solve(ScenarioOverrides.Apply(doc, ["draws=0"]), options);
        double Value(string iso, out double effect)
        {
            effect = outcome.Result.For(iso).ChangeRgdpFull;

            // effect = 100 (with − without) / without, so with − without = with · effect / (100 + effect); GDP 2023 as "with".
            return baseline.Income[baseline.Countries.Require(iso)] * 1e-6 * effect / (100 + effect);
        }

        var usa = Value("USA", out var eu);
        var mex = Value("MEX", out var em);
        var how = $"{ag.Scenario}: real GDP with the agreement {eu:0.###}% (USA) and {em:0.###}% (MEX) above without it (structural gravity, full endowment), times 2023 GDP";
        return ((usa, mex), how);
    }

    private static void Guard(ScenarioDocument scenario, string field, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException(scenario.Path, field, e.Message);
        }
    }
}
