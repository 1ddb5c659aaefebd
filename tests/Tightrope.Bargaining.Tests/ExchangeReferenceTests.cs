using Tightrope.Bargaining.Exchange;

namespace Tightrope.Bargaining.Tests;

/// <summary>The hand-derivable values of exchange-model.md §10.</summary>
public class ExchangeReferenceTests
{
    private const double Tol = 1e-12;

    /// <summary>§4 / test_rex.py: Actor-1 (0, s 10 | 0, s 90), Actor-2 (100, s 60 | 100, s 50), power 1, saliences divided by 100.</summary>
    internal static StakeholderSet TwoByTwo()
    {
        var b = new StakeholderSetBuilder(100);
        b.AddActor("Actor-1", null, "test");
        b.AddActor("Actor-2", null, "test");
        b.AddIssue("Issue-1", null, 0, 100, "test");
        b.AddIssue("Issue-2", null, 0, 100, "test");
        b.AddStake("Issue-1", "Actor-1", 1, 0, 10, "test", f => f);
        b.AddStake("Issue-2", "Actor-1", 1, 0, 90, "test", f => f);
        b.AddStake("Issue-1", "Actor-2", 1, 100, 60, "test", f => f);
        b.AddStake("Issue-2", "Actor-2", 1, 100, 50, "test", f => f);
        return b.Build();
    }

    [Fact]
    public void Section_10_1_outcomes_roles_and_full_move_outcomes()
    {
        ExchangeMath.Outcome([1, 1], [10, 60], [0, 100]).ShouldBe(85 + (5.0 / 7), Tol);
        ExchangeMath.Outcome([1, 1], [90, 50], [0, 100]).ShouldBe(35 + (5.0 / 7), Tol);

        // J (Actor-1) moved fully on Issue-1 to 100; I (Actor-2) moved fully on Issue-2 to 0.
        ExchangeMath.Outcome([1, 1], [10, 60], [100, 100]).ShouldBe(100, Tol);
        ExchangeMath.Outcome([1, 1], [90, 50], [0, 0]).ShouldBe(0, Tol);

        var first = ExchangeModel.Run(TwoByTwo(), new ExchangeOptions { Rounds = 1 }).Exchanges.Single();
        first.ActorI.ShouldBe(1); // Actor-2 supplies Issue-2
        first.IssueQ.ShouldBe(1);
        first.ActorJ.ShouldBe(0); // Actor-1 supplies Issue-1
        first.IssueP.ShouldBe(0);
    }

    [Fact]
    public void Section_10_1_losses_gains_and_maximum_utilities()
    {
        // I = Actor-2 (s on p = Issue-1: 60, on q = Issue-2: 50), J = Actor-1 (10, 90), saliences as given.
        var o1 = ExchangeMath.Outcome([1, 1], [10, 60], [0, 100]);
        var o2 = ExchangeMath.Outcome([1, 1], [90, 50], [0, 100]);
        var fullP = Math.Abs(ExchangeMath.Outcome([1, 1], [10, 60], [100, 100]) - o1);
        var fullQ = Math.Abs(ExchangeMath.Outcome([1, 1], [90, 50], [0, 0]) - o2);
        var u = ExchangeMath.MaximumUtilities(sIp: 60, sIq: 50, sJp: 10, sJq: 90, fullP, fullQ);
        u.LossJ.ShouldBe(1000.0 / 7, 1e-9);
        u.GainI.ShouldBe(6000.0 / 7, 1e-9);
        u.GainJ.ShouldBe(22500.0 / 7, 1e-9);
        u.LossI.ShouldBe(12500.0 / 7, 1e-9);
        u.Sigma.ShouldBe(5.0 / 14, Tol);
        u.Delta1.ShouldBe(1000.0 / 225, 1e-9);
        u.Delta2.ShouldBe(48, 1e-9);
        u.MaximumJ.ShouldBe(1400, 1e-9);
        u.MaximumI.ShouldBe(7000.0 / 9, 1e-9);
    }

    [Fact]
    public void Section_10_2_equal_gain_with_saliences_as_given()
    {
        var size = ExchangeMath.Size(sIp: 60, sIq: 50, sJp: 10, sJq: 90, wIq: 50, wJp: 10, totalP: 70, totalQ: 140, distanceI: 100, distanceJ: 100);
        size.ShiftP.ShouldBe(100.0 / 7, Tol);
        size.ShiftQ.ShouldBe(50.0 / 7, Tol);
        size.MoveJ.ShouldBe(100, Tol);
        size.MoveI.ShouldBe(20, 1e-11);
        size.Gain.ShouldBe(500, 1e-10);
    }

    [Fact]
    public void Section_10_2_three_rounds_with_saliences_divided_by_100()
    {
        var result = ExchangeModel.Run(TwoByTwo(), new ExchangeOptions { Rounds = 3 });
        double[] gains = [5, 2.7, 1.458];
        double[] votingA2 = [80, 83.2, 84.928];
        double[] outcome2 = [28.571428571428573, 29.714285714285715, 30.33142857142857];
        double[] nextA1 = [46, 70.84, 84.2536];
        double[] nextA2 = [94, 90.76, 89.0104];
        result.Exchanges.Count.ShouldBe(3);
        for (var t = 1; t <= 3; t++)
        {
            var e = result.Exchanges[t - 1];
            e.Round.ShouldBe(t);
            e.Gain.ShouldBe(gains[t - 1], 1e-10);
            result.Voting[t][0][0].ShouldBe(100, 1e-10); // Actor-1 on Issue-1
            result.Voting[t][1][1].ShouldBe(votingA2[t - 1], 1e-10); // Actor-2 on Issue-2
            result.Outcomes[t][0].ShouldBe(100, 1e-10);
            result.Outcomes[t][1].ShouldBe(outcome2[t - 1], 1e-10);
            result.NextStart[t - 1][0][0].ShouldBe(nextA1[t - 1], 1e-10);
            result.NextStart[t - 1][1][1].ShouldBe(nextA2[t - 1], 1e-10);
        }

        result.Exchanges[0].StartJ.ShouldBe(0);
        result.Exchanges[0].VotingJ.ShouldBe(100, 1e-10);
        result.Exchanges[0].StartI.ShouldBe(100);
        result.Exchanges[0].VotingI.ShouldBe(80, 1e-10);
    }

    [Fact]
    public void Section_10_3_outcomes_and_adjusted_outcomes()
    {
        ExchangeMath.Outcome([1, 1], [1, 1], [0, 100]).ShouldBe(50, Tol);
        ExchangeMath.Outcome([1, 1, 1], [1, 1, 1], [0, 100, 100]).ShouldBe(200.0 / 3, Tol);
        ExchangeMath.Outcome([1, 1], [1, 1], [100, 100]).ShouldBe(100, Tol); // a moved to 100
        ExchangeMath.Outcome([1, 1, 1], [1, 1, 1], [0, 0, 100]).ShouldBe(100.0 / 3, Tol); // b moved to 0
        ExchangeMath.Outcome([1, 1, 1], [1, 1, 1], [0, 100, 100]).ShouldBe(200.0 / 3, Tol); // a moved to 0
        ExchangeMath.Outcome([1, 1, 1], [1, 1, 1], [100, 100, 0]).ShouldBe(200.0 / 3, Tol); // c to 0, a at 100 in the update table
        ExchangeMath.ReverseMove(1, 3, 1).ShouldBe(3);
        ExchangeMath.NextStart(1, 0, 100).ShouldBe(10, Tol);
        ExchangeMath.NextStart(1, 100, 0).ShouldBe(90, Tol);
    }

    [Fact]
    public void Section_10_3_and_10_4_Willems_and_Wcentr_first_exchange()
    {
        // p = extra-investering (Willems supplies, x 25 → 100, s .6, c 1; W_p 3.42); q = tolheffing (Wcentr supplies, s .95, c .9; W_q 5.025).
        // Salience on the demand issues: Wcentr .9 on extra-investering, Willems .95 on tolheffing.
        var size = ExchangeMath.Size(sIp: 0.9, sIq: 0.95, sJp: 0.6, sJq: 0.95, wIq: 0.9 * 0.95, wJp: 0.6, totalP: 3.42, totalQ: 5.025, distanceI: 100, distanceJ: 75);
        size.ShiftP.ShouldBe(250.0 / 19, 1e-12);
        size.ShiftP.ShouldBe(13.157894736842105, 1e-12);
        size.ShiftQ.ShouldBe(3750.0 / 361, 1e-12);
        size.ShiftQ.ShouldBe(10.387811634349030, 1e-12);
        size.MoveI.ShouldBe(61.051173640472, 1e-9);
        size.Gain.ShouldBe(75.0 / 38, 1e-12);
        size.Gain.ShouldBe(1.973684210526316, 1e-12);
    }
}
