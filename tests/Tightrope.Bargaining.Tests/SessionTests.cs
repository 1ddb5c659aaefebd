using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Bargaining.Sensitivity;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Bargaining.Tests;

/// <summary>The typed bargaining API: a spec parsed without data, a session that loads the set once and solves variants.</summary>
public class SessionTests
{
    private static ScenarioDocument Scenario(string name) => ScenarioCatalog.Default().Find(name);

    private static ScenarioDocument WithData(string data) => ScenarioDocument.Parse(
        $$"""{ "name": "t", "title": "t", "description": "t", "model": "bargaining", "data": "{{data}}", "bargaining": { "model": "exchange", "rounds": 4, "roundMode": "fixed" }, "sources": [{ "claim": "c", "source": "s" }] }""",
        "t.json");

    [Fact]
    public void Spec_names_the_stakeholder_file_without_reading_it()
    {
        var spec = BargainingSpec.Parse(WithData("no/such/stakeholders.csv"));
        spec.Stakeholders.ShouldBe(new StakeholderFile("t.json", "no/such/stakeholders.csv"));
        spec.Model.ShouldBe(BargainingModelKind.Exchange);
        spec.Exchange.Rounds.ShouldBe(4);
        spec.Stopping.ShouldBeNull();
        var e = Should.Throw<ScenarioException>(() => BargainingSession.Load(spec, new RunOptions(Path.GetTempPath())));
        e.Message.ShouldContain("data");
        e.Message.ShouldContain("stakeholders.csv");
    }

    [Fact]
    public void Inline_stakeholders_are_built_when_parsed()
    {
        var spec = BargainingSpec.Parse(Scenario("usmx-bargaining"));
        var inline = spec.Stakeholders.ShouldBeOfType<InlineStakeholders>();
        inline.Set.Issues.Select(i => i.Issue.Id).ShouldBe(["T", "U", "S", "M", "C", "K"]);
        spec.Stopping.ShouldNotBeNull();
        spec.Anchors.Keys.ShouldContain("T");
    }

    [Fact]
    public void Session_solve_gives_the_forecasts_of_the_models_run_directly()
    {
        var spec = BargainingSpec.Parse(Scenario("bdm-ec10")) with { Sensitivity = null };
        var session = BargainingSession.Load(spec, new RunOptions());
        var result = session.Solve(spec);
        var direct = Forecaster.Forecasts(session.Set, Forecaster.Paths(session.Set, BargainingModelKind.Bdm, spec.Bdm, spec.Exchange));
        result.Forecasts.ShouldBe(direct);
        result.Bdm.ShouldNotBeNull().Count.ShouldBe(session.Set.Issues.Count);
        result.Exchange.ShouldBeNull();
        result.Stopped.ShouldBeNull();
        result.Paths[0].Count.ShouldBe(spec.Bdm.Rounds + 1);
        result.Forecast(direct[0].Issue).ShouldBe(direct[0]);
        Should.Throw<ArgumentException>(() => result.Forecast("nope")).Message.ShouldContain(direct[0].Issue);
    }

    [Fact]
    public void Variants_solved_on_one_session_match_fresh_runs()
    {
        var spec = BargainingSpec.Parse(Scenario("usmx-bargaining")) with { Sensitivity = null };
        var session = BargainingSession.Load(spec, new RunOptions());
        var exchange = spec with { Model = BargainingModelKind.Exchange, Stopping = null, Exchange = new ExchangeOptions { Rounds = 6 } };
        var corrected = spec with { Bdm = spec.Bdm with { Capitulation = CapitulationTest.Corrected } };
        foreach (var variant in new[] { spec, exchange, corrected })
        {
            var fresh = BargainingResult.Solve(BargainingSetup.FromScenario(Scenario("usmx-bargaining"), new RunOptions()) with
            {
                Model = variant.Model,
                Bdm = variant.Bdm,
                Exchange = variant.Exchange,
                Sensitivity = null,
                Stopping = variant.Stopping,
            });
            session.Solve(variant).Forecasts.ShouldBe(fresh.Forecasts);
        }

        var ex = session.Solve(exchange);
        ex.Exchange.ShouldNotBeNull();
        ex.Paths[0].Count.ShouldBe(ex.Exchange.RoundsRun + 1);
        ex.Forecasts.ShouldNotBe(session.Solve(spec with { Stopping = null }).Forecasts);
    }

    [Fact]
    public void An_edited_set_is_solved_in_place_of_the_loaded_one()
    {
        var spec = BargainingSpec.Parse(Scenario("bdm-ec10"));
        var session = BargainingSession.Load(spec, new RunOptions());
        var edited = session.Set.Map((d, k, st) => k == 0 ? st with { Position = new Position(st.Position.Value + 1) } : st);
        var result = session.Solve(spec, edited);
        result.Setup.Set.ShouldBeSameAs(edited);
        result.Paths[0][0][0].ShouldBe(session.Set.Issues[0].Stakes[0].Position.Value + 1);
        result.Forecasts.ShouldBe(Forecaster.Forecasts(edited, Forecaster.Paths(edited, BargainingModelKind.Bdm, spec.Bdm, spec.Exchange)));
    }

    [Fact]
    public void A_spec_naming_another_file_is_refused()
    {
        var session = BargainingSession.Load(BargainingSpec.Parse(Scenario("bdm-ec10")), new RunOptions());
        var other = BargainingSpec.Parse(Scenario("bdm-sultan"));
        Should.Throw<ArgumentException>(() => session.Solve(other)).Message.ShouldContain("bdm/Sultan.csv");
    }

    [Fact]
    public void Sensitivity_is_solved_when_asked_and_the_report_from_a_result_matches_the_report_from_a_setup()
    {
        var spec = BargainingSpec.Parse(Scenario("bdm-ec10")) with
        {
            Sensitivity = new SensitivityOptions { Runs = 20, Models = [BargainingModelKind.Bdm] },
        };
        var session = BargainingSession.Load(spec, new RunOptions());
        var result = session.Solve(spec);
        result.Sensitivity.ShouldNotBeNull().Distributions.Count.ShouldBe(session.Set.Issues.Count);
        var fromResult = BargainingReport.Build(result);
        var fromSetup = BargainingReport.Build(session.Setup(spec));
        fromResult.Tables.Select(t => t.Name).ShouldBe(fromSetup.Tables.Select(t => t.Name));
        foreach (var (a, b) in fromResult.Tables.Zip(fromSetup.Tables))
        {
            a.Rows.Count.ShouldBe(b.Rows.Count, a.Name);
            for (var r = 0; r < a.Rows.Count; r++)
            {
                a.Rows[r].ShouldBe(b.Rows[r], $"{a.Name} row {r}");
            }
        }
    }
}
