using Tightrope.Bargaining.Bdm;
using Tightrope.Data;

namespace Tightrope.Bargaining.Tests;

public class BdmReferenceTests
{
    private static string Bdm(string file) => DataLocation.Resolve("bdm", file);

    private static (IssueStakes Issue, BdmResult Result) RunEc10(CapitulationTest test = CapitulationTest.R1Bug)
    {
        var set = StakeholderCsv.Load(Bdm("ExampleActors.csv"));
        var issue = set.Issues.Single();
        return (issue, BdmModel.Run(issue, new BdmOptions { Rounds = 10, Capitulation = test }));
    }

    [Theory]
    [InlineData(CapitulationTest.Corrected)]
    [InlineData(CapitulationTest.R1Bug)]
    public void Ec10_every_position_in_every_round_matches_Example_log(CapitulationTest test)
    {
        var (issue, result) = RunEc10(test);
        var log = R1Log.Read(Bdm("Example.log"));
        log.Rounds.Count.ShouldBe(10);
        result.RoundsRun.ShouldBe(10);
        var names = issue.Stakes.Select(s => s.Actor.Id).ToList();
        var expected = issue.Positions();
        var maxDiff = 0.0;
        for (var t = 1; t <= 10; t++)
        {
            expected = expected.ToArray();
            foreach (var move in log.Rounds[t - 1])
            {
                expected[names.IndexOf(move.Actor)] = move.NewPosition;
            }

            for (var k = 0; k < names.Count; k++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(result.Positions[t][k] - expected[k]));
            }

            var ours = result.Moves.Where(m => m.Round == t).ToList();
            ours.Count.ShouldBe(log.Rounds[t - 1].Count, $"moves in round {t}");
            for (var m = 0; m < ours.Count; m++)
            {
                var want = log.Rounds[t - 1][m];
                names[ours[m].Receiver].ShouldBe(want.Actor);
                names[ours[m].Proposer].ShouldBe(want.Proposer);
                ours[m].Kind.ShouldBe(want.Kind switch
                {
                    "loses confrontation to" => OfferKind.Conflict,
                    "compromises with" => OfferKind.Compromise,
                    _ => OfferKind.Capitulation,
                });
                ours[m].A.ShouldBe(want.A, 1e-12 * Math.Max(1, Math.Abs(want.A)));
                ours[m].B.ShouldBe(want.B, 1e-12 * Math.Max(1, Math.Abs(want.B)));
            }
        }

        maxDiff.ShouldBeLessThanOrEqualTo(1e-9);
        TestContext.Current.TestOutputHelper?.WriteLine($"EC-10 max |position difference| over 10 rounds × 10 actors: {maxDiff:E3}");
    }

    [Fact]
    public void Ec10_means_match_the_logged_means_and_the_initial_median()
    {
        var (_, result) = RunEc10();
        var log = R1Log.Read(Bdm("Example.log"));

        // The log prints the initial median, then the mean twice per round (R1's logging bug repeats the mean).
        log.Medians[0].ShouldBe(result.Medians[0]);
        log.Means.Count.ShouldBe(11);
        var maxDiff = log.Means.Select((m, t) => Math.Abs(m - result.Means[t])).Max();
        maxDiff.ShouldBeLessThanOrEqualTo(1e-12);
        for (var t = 1; t <= 10; t++)
        {
            log.Medians[t].ShouldBe(log.Means[t]);
        }
    }

    [Fact]
    public void Ec10_weighted_medians_follow_the_spec_table()
    {
        var (_, result) = RunEc10();
        double[] expected = [7.0, 8.415932315426764, 9.610859134120188, 9.961979590401311, 9.961979590401311, 9.961979590401311,
            7.47204636191629, 8.824593855262423, 9.671129769802048, 9.671129769802048, 7.0];
        for (var t = 0; t <= 10; t++)
        {
            result.Medians[t].ShouldBe(expected[t], 1e-12);
        }
    }

    [Fact]
    public void Ec10_round_one_risk_exponents_match_the_spec()
    {
        var (issue, result) = RunEc10();
        var r = result.RiskExponents[0];
        double[] expected = [1.4056527842180304, 0.7541959272436861, 0.5088637910269406, 1.4056527842180304, 1.0465238960570615,
            1.0465238960570615, 1.9648982295073372, 0.5000000000000001, 1.9999999999999998, 1.112124970858258];
        for (var k = 0; k < issue.Stakes.Count; k++)
        {
            r[k].ShouldBe(expected[k], 1e-12);
        }
    }

    [Fact]
    public void Sultan_has_no_offers_in_any_round_under_R1()
    {
        var issue = StakeholderCsv.Load(Bdm("Sultan.csv")).Issues.Single();
        issue.Stakes.Count.ShouldBe(17);
        var result = BdmModel.Run(issue, new BdmOptions { Rounds = 10, Capitulation = CapitulationTest.R1Bug });
        result.Moves.ShouldBeEmpty();
        result.Medians[0].ShouldBe(13.9);
        foreach (var mean in result.Means)
        {
            mean.ShouldBe(13.619912134884823, 1e-12);
        }

        var names = issue.Stakes.Select(s => s.Actor.Id).ToList();
        result.RiskExponents[0][names.IndexOf("FAHD")].ShouldBe(2.0, 1e-12);
        result.RiskExponents[0][names.IndexOf("RUSSIA")].ShouldBe(0.5, 1e-12);
        result.RiskExponents[0][names.IndexOf("SULTAN")].ShouldBe(1.390729420313, 1e-11);
    }

    [Fact]
    public void Sultan_with_the_corrected_capitulation_test_only_Russia_moves_by_capitulating()
    {
        // Where the corrected test differs from R1: RUSSIA (salience 0.65) has only capitulation offers and alternates between
        // the two ends of the range; everyone else stays put.
        var issue = StakeholderCsv.Load(Bdm("Sultan.csv")).Issues.Single();
        var result = BdmModel.Run(issue, new BdmOptions { Rounds = 10, Capitulation = CapitulationTest.Corrected });
        result.Moves.ShouldNotBeEmpty();
        result.Moves.ShouldAllBe(m => m.Kind == OfferKind.Capitulation && issue.Stakes[m.Receiver].Actor.Id == "RUSSIA");
        result.Moves.ShouldAllBe(m => m.B > 0 && m.A < 0 && m.B < Math.Abs(m.A));
    }

    [Fact]
    public void Bdm_ec10_scenario_rounds_table_equals_the_logged_trajectory()
    {
        // The path `tightrope bargain bdm-ec10` prints and writes to rounds.csv, against Example.log.
        var doc = Tightrope.Scenarios.ScenarioCatalog.Default().Find("bdm-ec10");
        var report = Tightrope.Catalog.ShippedModels.Registry.Run(doc);
        var rounds = report.Tables.Single(t => t.Name == "rounds").Rows;
        var issue = StakeholderCsv.Load(Bdm("ExampleActors.csv")).Issues.Single();
        var names = issue.Stakes.Select(s => s.Actor.Id).ToList();
        var log = R1Log.Read(Bdm("Example.log"));
        var expected = issue.Positions();
        rounds.Count.ShouldBe(11 * names.Count);
        var maxDiff = 0.0;
        for (var t = 0; t <= 10; t++)
        {
            if (t > 0)
            {
                expected = expected.ToArray();
                foreach (var move in log.Rounds[t - 1])
                {
                    expected[names.IndexOf(move.Actor)] = move.NewPosition;
                }
            }

            foreach (var row in rounds.Where(r => (int)r[1]! == t))
            {
                maxDiff = Math.Max(maxDiff, Math.Abs((double)row[3]! - expected[names.IndexOf((string)row[2]!)]));
            }
        }

        maxDiff.ShouldBeLessThanOrEqualTo(1e-9);
        var forecast = report.Tables.Single(t => t.Name == "forecast").Rows.Single();
        ((double)forecast[2]!).ShouldBe(log.Means[^1], 1e-12);
    }
}
