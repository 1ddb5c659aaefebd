using Tightrope.Linkage.Scenarios;

namespace Tightrope.Linkage.Tests;

/// <summary>
/// §8.5 on the 194-economy data, background none, threat 0.25: the best responses agree with a brute-force grid of step
/// 0.005 over [0, 1] to within one step, and each is a maximum (welfare lower at ±0.01).
/// </summary>
[Collection("world")]
public sealed class BestResponseTests(WorldFixture world)
{
    private const double Step = 0.005;

    [Fact]
    public void Best_responses_agree_with_a_brute_force_grid_and_are_local_maxima()
    {
        var payoffs = new TariffPayoffs(world.Baseline, LinkageAnalysis.Background(world.Baseline, BackgroundKind.None));
        var mexico = BestResponses.Mexico(payoffs, 0.25, 0);
        var us = BestResponses.UnitedStates(payoffs, 0, 0);
        var grid = Enumerable.Range(0, 201).Select(k => k * Step).ToList();

        var rGrid = grid.MaxBy(r => payoffs.At(0.25, r, 0).WelfarePctMex);
        Math.Abs(mexico.Rate - rGrid).ShouldBeLessThanOrEqualTo(Step);
        payoffs.At(0.25, mexico.Rate - 0.01, 0).WelfarePctMex.ShouldBeLessThan(mexico.WelfarePct);
        payoffs.At(0.25, mexico.Rate + 0.01, 0).WelfarePctMex.ShouldBeLessThan(mexico.WelfarePct);

        var tauGrid = grid.MaxBy(t => payoffs.At(t, 0, 0).WelfarePctUsa);
        Math.Abs(us.Rate - tauGrid).ShouldBeLessThanOrEqualTo(Step);
        payoffs.At(us.Rate - 0.01, 0, 0).WelfarePctUsa.ShouldBeLessThan(us.WelfarePct);
        payoffs.At(us.Rate + 0.01, 0, 0).WelfarePctUsa.ShouldBeLessThan(us.WelfarePct);

        // Interior optima, far from the bounds of [0, 1].
        mexico.AtBound.ShouldBeFalse();
        us.AtBound.ShouldBeFalse();
        TestContext.Current.SendDiagnosticMessage($"r_BR(0.25) = {mexico.Rate:F6} (grid {rGrid:F3}); τ_BR(0) = {us.Rate:F6} (grid {tauGrid:F3}); {payoffs.Solves} solves");
    }

    [Fact]
    public void The_tariff_war_is_a_fixed_point_of_the_best_responses()
    {
        var war = world.Result.War!;
        war.Converged.ShouldBeTrue();
        war.Rounds.Count.ShouldBeLessThanOrEqualTo(50);
        var us = BestResponses.UnitedStates(world.Flagship, war.R, 0, war.Tau);
        var mx = BestResponses.Mexico(world.Flagship, war.Tau, 0, war.R);
        us.Rate.ShouldBe(war.Tau, 1e-5);
        mx.Rate.ShouldBe(war.R, 1e-5);
    }
}
