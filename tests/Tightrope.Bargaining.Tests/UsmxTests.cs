using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Sensitivity;
using Tightrope.Data;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Bargaining.Tests;

/// <summary>The US–Mexico stakeholder set: the scenario file agrees with the spec's CSV, and both models run on it.</summary>
public class UsmxTests
{
    private static string SpecCsv => Path.GetFullPath(Path.Combine(DataLocation.Root, "..", "specs", "usmx-issue-set.csv"));

    private static ScenarioDocument Scenario(string name) => ScenarioCatalog.Default().Find(name);

    private static BargainingSetup Setup() => BargainingSetup.FromScenario(Scenario("usmx-bargaining"), new RunOptions());

    [Fact]
    public void Scenario_values_and_capability_rules_reproduce_every_row_of_the_spec_csv()
    {
        var set = Setup().Set;
        set.Actors.Count.ShouldBe(14);
        set.Issues.Select(i => i.Issue.Id).ShouldBe(["T", "U", "S", "M", "C", "K"]);
        var rows = CsvGrid.Read(SpecCsv);
        int cA = rows.ColumnIndex("actor"), cI = rows.ColumnIndex("issue"), cE = rows.ColumnIndex("effective_capability"), cP = rows.ColumnIndex("position"), cS = rows.ColumnIndex("salience");
        rows.Rows.Count.ShouldBe(set.Issues.Sum(i => i.Stakes.Count));
        for (var r = 0; r < rows.Rows.Count; r++)
        {
            var cells = rows.Rows[r].Cells;
            var stake = set.Issues.Single(i => i.Issue.Id == cells[cI]).Stakes.Single(s => s.Actor.Id == cells[cA]);
            stake.Capability.Value.ShouldBe(rows.Number(r, cE), 1e-12, $"line {rows.Rows[r].Line}");
            stake.Position.Value.ShouldBe(rows.Number(r, cP));
            stake.Salience.Value.ShouldBe(rows.Number(r, cS) / 100, 1e-15);
        }
    }

    [Fact]
    public void Csv_and_scenario_give_the_same_forecasts()
    {
        var fromCsv = StakeholderCsv.Load(SpecCsv);
        var fromScenario = Setup().Set;
        var a = Forecaster.Forecasts(fromCsv, Forecaster.Paths(fromCsv, BargainingModelKind.Bdm, new BdmOptions(), new()));
        var b = Forecaster.Forecasts(fromScenario, Forecaster.Paths(fromScenario, BargainingModelKind.Bdm, new BdmOptions(), new()));
        a.ShouldBe(b);
    }

    [Fact]
    public void Bdm_R1_matches_the_spec_smoke_test()
    {
        // usmx-issue-set.md §9: moves and final mean / median after 10 rounds, from the R1 reference code. Means are printed
        // with one decimal; medians with one decimal (T) or as integers (the others), hence the tolerances.
        var expected = new Dictionary<string, (int Moves, double Mean, double Median, double MedianTolerance)>
        {
            ["T"] = (50, 58.9, 50.9, 0.05),
            ["U"] = (30, 63.8, 80, 0.5),
            ["S"] = (31, 67.9, 75, 0.5),
            ["M"] = (61, 83.5, 77, 0.5),
            ["C"] = (50, 75.1, 75, 0.5),
            ["K"] = (53, 88.7, 85, 0.5),
        };
        foreach (var issue in Setup().Set.Issues)
        {
            var result = BdmModel.Run(issue, new BdmOptions { Rounds = 10, Capitulation = CapitulationTest.R1Bug });
            var (moves, mean, median, tolerance) = expected[issue.Issue.Id];
            result.Moves.Count.ShouldBe(moves, issue.Issue.Id);
            result.Means[^1].ShouldBe(mean, 0.05, issue.Issue.Id);
            result.Medians[^1].ShouldBe(median, tolerance, issue.Issue.Id);
        }
    }

    [Fact]
    public void Both_models_run_through_the_registry_with_rounds_and_forecast_tables()
    {
        var doc = Scenario("usmx-bargaining");
        foreach (var model in new[] { BargainingModelKind.Bdm, BargainingModelKind.Exchange })
        {
            var setup = Setup() with { Model = model, Sensitivity = null };
            var report = BargainingReport.Build(setup);
            var forecast = report.Tables.Single(t => t.Name == "forecast");
            forecast.Columns.Select(c => c.Name).ShouldBe(["issue", "median", "mean"]);
            forecast.Rows.Count.ShouldBe(6);
            forecast.Rows.ShouldAllBe(r => (double)r[1]! >= 0 && (double)r[1]! <= 100 && (double)r[2]! >= 0 && (double)r[2]! <= 100);
            var rounds = report.Tables.Single(t => t.Name == "rounds");
            rounds.Columns.Select(c => c.Name).ShouldBe(["issue", "round", "actor", "position"]);
            rounds.Rows.Count.ShouldBe(11 * 74);
        }

        Tightrope.Catalog.ShippedModels.Registry.For(doc).ShouldBeOfType<BargainingScenarioModel>();
    }

    [Fact]
    public void Exchange_model_realises_exchanges_on_the_six_issues()
    {
        var result = Exchange.ExchangeModel.Run(Setup().Set);
        result.RoundsRun.ShouldBe(10);
        result.Exchanges.ShouldNotBeEmpty();
        result.Outcomes[^1].ShouldAllBe(o => o >= 0 && o <= 100);
    }

    [Fact]
    public void Sensitivity_is_seeded_and_independent_of_scheduling()
    {
        var set = Setup().Set;
        var options = new SensitivityOptions { Runs = 40, Spread = 0.3, Seed = 7 };
        var parallel = SensitivityAnalysis.Run(set, options);
        var sequential = SensitivityAnalysis.Run(set, options with { Parallel = false });
        var other = SensitivityAnalysis.Run(set, options with { Seed = 8 });
        parallel.Distributions.Count.ShouldBe(12);
        parallel.Distributions.Zip(sequential.Distributions).ShouldAllBe(p => p.First.Means.SequenceEqual(p.Second.Means) && p.First.Medians.SequenceEqual(p.Second.Medians));
        parallel.Distributions.Zip(other.Distributions).Any(p => !p.First.Means.SequenceEqual(p.Second.Means)).ShouldBeTrue();
        parallel.Drivers.Count.ShouldBe(2 * 74);
        parallel.Drivers.ShouldAllBe(d => Math.Abs(d.CapabilityCorrelation) <= 1 + 1e-12 && Math.Abs(d.SalienceCorrelation) <= 1 + 1e-12);
    }

    [Fact]
    public void Zero_spread_reproduces_the_baseline_in_every_run()
    {
        var set = Setup().Set;
        var result = SensitivityAnalysis.Run(set, new SensitivityOptions { Runs = 5, Spread = 0 });
        foreach (var d in result.Distributions)
        {
            d.Means.ShouldAllBe(m => m == d.Baseline.Mean);
            d.Medians.ShouldAllBe(m => m == d.Baseline.Median);
        }
    }

    [Fact]
    public void Ec10_and_sultan_scenarios_load_from_the_data_files()
    {
        BargainingSetup.FromScenario(Scenario("bdm-ec10"), new RunOptions()).Set.Issues.Single().Stakes.Count.ShouldBe(10);
        BargainingSetup.FromScenario(Scenario("bdm-sultan"), new RunOptions()).Set.Issues.Single().Stakes.Count.ShouldBe(17);
        var report = Tightrope.Catalog.ShippedModels.Registry.Run(Scenario("bdm-ec10"));
        var forecast = report.Tables.Single(t => t.Name == "forecast").Rows.Single();
        ((double)forecast[2]!).ShouldBe(7.242130958473938, 1e-12); // the log's final mean
    }
}
