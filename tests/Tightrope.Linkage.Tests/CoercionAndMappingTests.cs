namespace Tightrope.Linkage.Tests;

/// <summary>The coercion game and the issue-scale mappings as plain functions.</summary>
public sealed class CoercionAndMappingTests
{
    [Fact]
    public void Demand_follows_the_backward_induction_of_the_conflict_expectations_game()
    {
        // c_s = 10 (the threat hurts the sender), c_m = 60, B = 0.5: credible since −10 + 0.5·60 = 20 ≥ 0.
        var o = Coercion.Evaluate(10, 60, 0.5);
        o.Credible.ShouldBeTrue();
        o.DemandUsdBn.ShouldBe((60 - (0.5 * 10)) / 1.5, 1e-12);

        // The target is indifferent at D*: −D* − (1 − B)D* = −c_m − (1 − B)(−c_s).
        var lhs = -o.DemandUsdBn - (0.5 * o.DemandUsdBn);
        var rhs = -60 + (0.5 * 10);
        lhs.ShouldBe(rhs, 1e-12);
    }

    [Fact]
    public void An_ally_does_not_carry_out_a_threat_that_costs_it_welfare()
    {
        var o = Coercion.Evaluate(5, 100, 1);
        o.Credible.ShouldBeFalse();
        o.DemandUsdBn.ShouldBe(0);
    }

    [Fact]
    public void A_threat_that_raises_the_senders_welfare_is_credible_for_every_B()
    {
        foreach (var b in Coercion.StandardGrid)
        {
            Coercion.Evaluate(-20, 50, b).Credible.ShouldBeTrue();
        }
    }

    [Fact]
    public void No_cost_means_no_demand()
    {
        Coercion.Evaluate(0, 0, 0.75).DemandUsdBn.ShouldBe(0);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Conflict_expectation_outside_the_unit_interval_is_a_named_error(double b)
    {
        var e = Should.Throw<LinkageInputException>(() => Coercion.Evaluate(1, 1, b));
        e.Field.ShouldBe("conflictExpectation");
    }

    [Fact]
    public void Default_tariff_map_matches_the_spec_table_and_is_not_inverted_where_flat()
    {
        var t = IssueMapping.DefaultTariff();
        t.ValueAt(0).ShouldBe(0.25);
        t.ValueAt(25).ShouldBe(0.045, 1e-12);
        t.ValueAt(50).ShouldBe(0.045, 1e-12);
        t.ValueAt(75).ShouldBe(0.038, 1e-12);
        t.ValueAt(100).ShouldBe(0);
        t.HighestPositionAt(0).ShouldBe(100);
        t.HighestPositionAt(0.045)!.Value.ShouldBe(50, 1e-9);
        t.LowestPositionAt(0.045)!.Value.ShouldBe(25, 1e-9);
        t.LowestPositionAt(0.25).ShouldBe(0);
        t.LowestPositionAt(0.5).ShouldBeNull();
    }

    [Fact]
    public void Non_monotone_anchors_are_a_named_error()
    {
        var e = Should.Throw<ArgumentException>(() => new IssueMapping("T",
        [
            new(0, 0.25, "", "s"), new(50, 0.05, "", "s"), new(75, 0.10, "", "s"), new(100, 0, "", "s"),
        ], "mappings.T"));
        e.Message.ShouldContain("mappings.T[2]");
        e.Message.ShouldContain("not monotone");
    }

    [Fact]
    public void Unordered_anchor_positions_are_a_named_error()
    {
        var e = Should.Throw<ArgumentException>(() => new IssueMapping("C", [new(50, 0.1, "", "s"), new(50, 0.2, "", "s")], "mappings.C"));
        e.Message.ShouldContain("mappings.C[1]");
    }

    [Fact]
    public void A_threat_below_the_status_quo_is_a_named_error()
    {
        var e = Should.Throw<LinkageInputException>(() => new ThreatSpec(new Instruments(0.045, 0, 0), 0.02).Validate());
        e.Field.ShouldBe("threat");
        e.Message.ShouldContain("below the status-quo");
    }
}
