using Tightrope.Scenarios;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Cli.Tests;

/// <summary>The typed tariff API: a spec parsed without data, one loaded baseline, many solves with warm starts.</summary>
public class TypedApiTests
{
    [Fact]
    public void A_session_solves_many_specs_on_one_baseline_and_warm_starts_agree_with_cold_solves()
    {
        var doc = ScenarioCatalog.Default().Find("imls-case1");
        var spec = OneSectorTariffSpec.Parse(doc);
        spec.Tariffs.Single().Level.ShouldBe(new NamedSchedule("ustr-2025", 0.10));
        var files = new DataFileLog();
        var session = OneSectorTariffSession.Load(spec, new RunOptions { Files = files });
        files.Files.Count.ShouldBe(4);

        var first = session.Solve(spec);
        var raised = spec with { Tariffs = [spec.Tariffs[0] with { Level = new NamedSchedule("ustr-2025", 0.12) }] };
        var cold = session.Solve(raised);
        var warm = session.Solve(raised, warmStart: first);
        warm.Diagnostics.Solver.Iterations.ShouldBeLessThanOrEqualTo(cold.Diagnostics.Solver.Iterations);
        for (var i = 0; i < cold.Outcomes.Count; i++)
        {
            warm.Outcomes[i].WelfarePct.ShouldBe(cold.Outcomes[i].WelfarePct, 1e-8);
        }

        // The same numbers as the scenario run through the registry.
        OneSectorTariffScenarioModel.Solve(doc, new RunOptions()).For("MEX").WelfarePct.ShouldBe(first.For("MEX").WelfarePct, 1e-12);
    }

    [Fact]
    public void A_spec_is_checked_without_data()
    {
        var bad = ScenarioDocument.Parse("""
            { "name": "t", "model": "tariffs-one-sector", "sources": [ { "claim": "c", "source": "s" } ],
              "tariffs": [ { "importers": "@EU26", "exporters": "USA", "rate": 0.1 } ] }
            """, "bad.json");
        var e = Should.Throw<ScenarioException>(() => OneSectorTariffSpec.Parse(bad));
        e.Field.ShouldBe("tariffs[0].importers");
        e.Message.ShouldContain("unknown group '@EU26'");
    }
}
