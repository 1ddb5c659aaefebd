using Tightrope.Linkage.Scenarios;
using Tightrope.Numerics;

namespace Tightrope.Linkage.Tests;

/// <summary>The checks of spec §8 (§8.6 belongs to the timeline) and the must-hold items on the 194-economy data.</summary>
[Collection("world")]
public sealed class SpecChecksTests(WorldFixture world)
{
    [Fact]
    public void Check_1_no_threat_means_no_cost_no_demand_and_the_status_quo_as_the_package()
    {
        var settings = world.Settings with { Threat = new ThreatSpec(new Instruments(0, 0, 0), 0), TariffWar = false };
        var r = LinkageAnalysis.Run(world.Baseline, settings, world.Stakeholders, payoffs: world.Flagship);
        r.Threat.CostSenderUsdBn.ShouldBe(0);
        r.Threat.CostTargetUsdBn.ShouldBe(0);
        r.Coercion.ShouldAllBe(c => c.DemandUsdBn == 0);
        foreach (var p in new[] { r.Bargain.Linked, r.Bargain.Unlinked })
        {
            p.Agreement.ShouldBeFalse();
            p.Tau.ShouldBe(0);
            p.Kappa.ShouldBe(0);
            p.Concessions.ShouldAllBe(c => c == 0);
            p.PayoffUsaUsdBn.ShouldBe(r.Bargain.StatusQuo.PayoffUsaUsdBn);
            p.PayoffMexUsdBn.ShouldBe(r.Bargain.StatusQuo.PayoffMexUsdBn);
        }
    }

    [Fact]
    public void Check_2_concessions_worthless_to_the_us_make_linked_and_unlinked_coincide()
    {
        var settings = world.Settings with { ValueOverrides = new Dictionary<string, double> { ["S"] = 0, ["M"] = 0 }, TariffWar = false };
        var r = LinkageAnalysis.Run(world.Baseline, settings, world.Stakeholders, payoffs: world.Flagship);
        var (l, u) = (r.Bargain.Linked, r.Bargain.Unlinked);
        l.Agreement.ShouldBeTrue();
        l.Tau.ShouldBe(u.Tau, 1e-6);
        l.Concessions.ShouldAllBe(c => Math.Abs(c) < 1e-6);
        l.GainUsaUsdBn.ShouldBe(u.GainUsaUsdBn, 1e-6);
        l.GainMexUsdBn.ShouldBe(u.GainMexUsdBn, 1e-6);
        r.Bargain.ValueOfLinkageUsa.ShouldBe(0, 1e-6);
        r.Bargain.ValueOfLinkageMex.ShouldBe(0, 1e-6);
    }

    [Fact]
    public void Check_4_first_order_conditions_hold_at_the_interior_optimum()
    {
        var l = world.Result.Bargain.Linked;
        l.Agreement.ShouldBeTrue();
        var solution = world.Result.Bargain.LinkedSolution;
        solution.Converged.ShouldBeTrue();
        var interior = Enumerable.Range(0, solution.Bounds.Length).Where(i => solution.Bounds[i] == BoundState.Interior).ToList();
        interior.ShouldNotBeEmpty();
        foreach (var i in interior)
        {
            solution.FocResidual[i].ShouldBeLessThan(1e-6, $"instrument {world.Result.Space.Names[i]}");
        }
    }

    [Fact]
    public void Check_4_a_corner_reports_its_binding_bound()
    {
        // Concessions so cheap for Mexico and so valuable to the US that the US gives up the whole tariff.
        var settings = world.Settings with
        {
            ValueOverrides = new Dictionary<string, double> { ["S"] = 50, ["M"] = 50 },
            CostOverrides = new Dictionary<string, double> { ["S"] = 0.01, ["M"] = 0.01 },
            TariffWar = false,
        };
        var r = LinkageAnalysis.Run(world.Baseline, settings, world.Stakeholders, payoffs: world.Flagship);
        var l = r.Bargain.Linked;
        l.Tau.ShouldBe(0, 1e-9);
        l.BindingBounds.ShouldContain(b => b.StartsWith("tau at its lower bound", StringComparison.Ordinal));
        l.BindingBounds.ShouldContain(b => b.StartsWith("c_S at its upper bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Value_of_linkage_is_reported_for_both_sides_and_linkage_helps_both()
    {
        var b = world.Result.Bargain;
        double.IsFinite(b.ValueOfLinkageUsa).ShouldBeTrue();
        double.IsFinite(b.ValueOfLinkageMex).ShouldBeTrue();

        // The unlinked problem is the linked one with c = 0: the linked Nash product cannot be lower.
        var alpha = world.Result.Space.Alpha;
        double Product(Package p) => (alpha * Math.Log(p.GainUsaUsdBn)) + ((1 - alpha) * Math.Log(p.GainMexUsdBn));
        Product(b.Linked).ShouldBeGreaterThanOrEqualTo(Product(b.Unlinked) - 1e-9);
        var report = LinkageReport.Build(world.Scenario, world.Result);
        var solutions = report.Tables.Single(t => t.Name == "solutions" && !t.ScreenOnly);
        solutions.Note!.ShouldContain("Value of linkage");
        solutions.Rows.Select(r => (string)r[0]!).ShouldBe(["status-quo", "threat", "tariff-war", "nash-linked", "nash-unlinked", "equal-gains"]);
        solutions.Columns.Select(c => c.Name).ShouldBe(["concept", "tau", "r", "kappa", "c_S", "c_M", "welfare_usa_pct", "welfare_mex_pct", "usd_bn_usa", "usd_bn_mex", "gain_usa_usd_bn", "gain_mex_usd_bn", "credible", "note"]);
        report.Tables.Where(t => !t.ScreenOnly).Select(t => t.Name).ShouldBe(["coercion", "solutions", "calibration", "surface"]);
    }

    [Fact]
    public void Equal_gains_talks_equalise_the_percentage_gains()
    {
        var e = world.Result.Bargain.EqualGains!;
        var eUsa = world.Baseline.Expenditure[world.Baseline.Countries.Require("USA")] * 1e-6;
        var eMex = world.Baseline.Expenditure[world.Baseline.Countries.Require("MEX")] * 1e-6;
        (100 * e.GainUsaUsdBn / eUsa).ShouldBe(100 * e.GainMexUsdBn / eMex, 1e-7);
    }

    [Fact]
    public void Revealed_premium_makes_the_observed_2025_package_leave_the_us_exactly_as_well_off_as_the_threat()
    {
        var r = world.Result;
        var rates = SalienceExchangeRate.Calibrate(world.Stakeholders, r.Threat, world.Settings.TariffMap, ["S", "M"], PremiumMode.Revealed, 1, world.Settings.Observed);
        var value = rates.ValueToUs("S") * 25 + (rates.ValueToUs("M") * 25);
        (r.Threat.StatusQuo.UsdBnUsa + value).ShouldBe(r.Threat.Deadlock.UsdBnUsa, 1e-9);
        rates.OmegaHow.ShouldStartWith("revealed");
    }

    [Fact]
    public void Flagship_coercion_uses_the_formula_on_the_costs_it_reports()
    {
        var t = world.Result.Threat;
        var own = world.Result.Coercion.Single(c => c.ConflictExpectation == 0.75);
        var credible = -t.CostSenderUsdBn + (0.25 * t.CostTargetUsdBn) >= 0;
        own.Credible.ShouldBe(credible);
        own.DemandUsdBn.ShouldBe(credible ? Math.Max(0, (t.CostTargetUsdBn - (0.25 * t.CostSenderUsdBn)) / 1.25) : 0, 1e-9);
    }
}
