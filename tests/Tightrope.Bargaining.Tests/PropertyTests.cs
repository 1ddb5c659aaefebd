using FsCheck;
using FsCheck.Fluent;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Data;

namespace Tightrope.Bargaining.Tests;

/// <summary>Structural invariants of both models (spec §11.7 of bdm-expected-utility.md; §4–§7 of exchange-model.md).</summary>
public class PropertyTests
{
    /// <summary>A random stakeholder set: 2–4 issues, 2–9 actors, positions on a coarse grid of 0–100 so that shared positions occur.</summary>
    private static StakeholderSet RandomSet(int seed, double capabilityScale = 1, int? issueToScale = null)
    {
        var random = new Random(seed);
        var actors = random.Next(2, 10);
        var issues = random.Next(2, 5);
        var b = new StakeholderSetBuilder(1);
        for (var k = 0; k < actors; k++)
        {
            b.AddActor($"A{k}", null, "generated");
        }

        for (var d = 0; d < issues; d++)
        {
            b.AddIssue($"I{d}", null, 0, 100, "generated");
            for (var k = 0; k < actors; k++)
            {
                var capability = (0.05 + random.NextDouble()) * (issueToScale is null || issueToScale == d ? capabilityScale : 1);
                var position = 10 * random.Next(0, 11);
                var salience = random.Next(0, 3) == 0 ? 1.0 : Math.Round(random.NextDouble(), 2);
                if (k == 0)
                {
                    salience = Math.Max(salience, 0.05); // an issue nobody cares about is rejected as input
                }

                b.AddStake($"I{d}", $"A{k}", capability, position, salience, "generated", f => f);
            }
        }

        return b.Build();
    }

    private static void ForAllSeeds(Func<int, bool> property) =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), property).QuickCheckThrowOnFailure();

    [Fact]
    public void Bdm_positions_stay_in_the_initial_hull()
    {
        ForAllSeeds(seed =>
        {
            foreach (var issue in RandomSet(seed).Issues)
            {
                var x0 = issue.Positions();
                var result = BdmModel.Run(issue, new BdmOptions { Rounds = 8, Capitulation = (seed & 1) == 0 ? CapitulationTest.R1Bug : CapitulationTest.Corrected });
                if (result.Positions.SelectMany(p => p).Any(v => v < x0.Min() || v > x0.Max()))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Exchange_positions_stay_in_the_initial_hull_of_each_issue()
    {
        ForAllSeeds(seed =>
        {
            var set = RandomSet(seed);
            var result = ExchangeModel.Run(set, new ExchangeOptions { Rounds = 6 });
            for (var d = 0; d < set.Issues.Count; d++)
            {
                var x0 = set.Issues[d].Positions();
                double lo = x0.Min() - 1e-9, hi = x0.Max() + 1e-9;
                foreach (var positions in result.Voting.Concat(result.NextStart))
                {
                    if (positions[d].Any(v => v < lo || v > hi))
                    {
                        return false;
                    }
                }
            }

            return true;
        });
    }

    [Fact]
    public void Bdm_is_invariant_to_a_common_capability_scale()
    {
        // Scaling by a power of two changes no rounding, so the trajectories must be bit-identical.
        ForAllSeeds(seed =>
        {
            var scale = Math.Pow(2, (seed % 21) - 10);
            var a = RandomSet(seed);
            var b = RandomSet(seed, scale);
            return a.Issues.Zip(b.Issues).All(pair =>
            {
                var ra = BdmModel.Run(pair.First, new BdmOptions { Rounds = 6 });
                var rb = BdmModel.Run(pair.Second, new BdmOptions { Rounds = 6 });
                return ra.Positions.Zip(rb.Positions).All(p => p.First.SequenceEqual(p.Second));
            });
        });
    }

    [Fact]
    public void Exchange_is_invariant_to_scaling_one_issue_s_capabilities()
    {
        ForAllSeeds(seed =>
        {
            var scale = Math.Pow(2, (seed % 21) - 10);
            var a = RandomSet(seed);
            var b = RandomSet(seed, scale, issueToScale: Math.Abs(seed % 2));
            var ra = ExchangeModel.Run(a, new ExchangeOptions { Rounds = 5 });
            var rb = ExchangeModel.Run(b, new ExchangeOptions { Rounds = 5 });
            return ra.Voting.Zip(rb.Voting).All(p => p.First.Zip(p.Second).All(q => q.First.Zip(q.Second).All(v => v.First.Equals(v.Second))));
        });
    }

    [Fact]
    public void Bdm_EC10_trajectory_is_unchanged_by_a_non_binary_capability_scale()
    {
        var issue = StakeholderCsv.Load(DataLocation.Resolve("bdm", "ExampleActors.csv")).Issues.Single();
        var scaled = issue with { Stakes = issue.Stakes.Select(s => s with { Capability = new Capability(s.Capability.Value * 37.3) }).ToList() };
        var a = BdmModel.Run(issue);
        var b = BdmModel.Run(scaled);
        for (var t = 0; t < a.Positions.Count; t++)
        {
            for (var k = 0; k < a.Positions[t].Length; k++)
            {
                b.Positions[t][k].ShouldBe(a.Positions[t][k], 1e-9);
            }
        }
    }

    [Fact]
    public void Bdm_spec_invariants_hold_on_random_data()
    {
        ForAllSeeds(seed =>
        {
            foreach (var issue in RandomSet(seed).Issues)
            {
                var result = BdmModel.Run(issue, new BdmOptions { Rounds = 6 });
                foreach (var r in result.RiskExponents)
                {
                    // r in [0.5, 2]; when dangers differ, the extremes are reached.
                    if (r.Any(v => v < 0.5 - 1e-12 || v > 2 + 1e-12))
                    {
                        return false;
                    }

                    if (r.Distinct().Count() > 1 && (Math.Abs(r.Min() - 0.5) > 1e-12 || Math.Abs(r.Max() - 2) > 1e-12))
                    {
                        return false;
                    }
                }

                // A round without moves is followed only by rounds without moves.
                var firstQuiet = Enumerable.Range(1, result.RoundsRun).FirstOrDefault(t => result.Moves.All(m => m.Round != t));
                if (firstQuiet > 0 && result.Moves.Any(m => m.Round > firstQuiet))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Bdm_stop_when_no_moves_is_an_exact_fixed_point()
    {
        var issue = StakeholderCsv.Load(DataLocation.Resolve("bdm", "Sultan.csv")).Issues.Single();
        var result = BdmModel.Run(issue, new BdmOptions { Rounds = 10, StopWhenNoMoves = true });
        result.RoundsRun.ShouldBe(1);
        result.Final.ShouldBe(issue.Positions());
    }
}
