using FsCheck;
using FsCheck.Fluent;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.Tests;

public class TariffModelPropertyTests(OneSectorFixture fixture) : IClassFixture<OneSectorFixture>
{
    [Theory]
    [InlineData(RevenueRecycling.IncomeTaxRelief)]
    [InlineData(RevenueRecycling.LumpSum)]
    public void Zero_new_tariffs_change_nothing(RevenueRecycling recycling)
    {
        var result = TariffModel.Solve(fixture.Baseline, PairMatrix.Zero(fixture.Baseline.Countries), new TariffModelParameters { Recycling = recycling });
        foreach (var o in result.Outcomes)
        {
            foreach (var v in OneSectorFixture.Values(o))
            {
                Math.Abs(v).ShouldBeLessThan(1e-10, o.Country.Iso3);
            }
        }

        Math.Abs(result.Global.TradeToGdpPct).ShouldBeLessThan(1e-10);
    }

    [Fact]
    public void Results_do_not_depend_on_country_order()
    {
        var reference = fixture.Case1.Outcomes.ToDictionary(o => o.Country.Iso3, OneSectorFixture.Values);
        var n = fixture.Data.Countries.Count;
        var permutations = Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var order = Enumerable.Range(0, n).ToArray();
            new Random(seed).Shuffle(order);
            return order;
        });
        var worst = 0.0;
        Prop.ForAll(permutations.ToArbitrary(), order =>
        {
            var permuted = OneSectorBaseline.Build(fixture.Data.Permute(order));
            var result = TariffModel.Solve(permuted, OneSectorFixture.Ustr(permuted));
            var deviation = result.Outcomes.Max(o => OneSectorFixture.Values(o).Zip(reference[o.Country.Iso3]).Max(p => Math.Abs(p.First - p.Second)));
            worst = Math.Max(worst, deviation);
            // Agreement to the solver's precision: the scaled residual is below 1e-12, and deficits of a few
            // countries are tiny relative to their trade, so their percentage changes carry ~1e-9 of noise.
            return deviation < 1e-7;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(6));
        TestContext.Current.TestOutputHelper?.WriteLine($"largest deviation across permutations: {worst:E2}");
    }

    [Fact]
    public void Residual_at_the_returned_solution_is_below_the_tolerance()
    {
        var d = fixture.Case1.Diagnostics;
        d.ResidualNorm.ShouldBeLessThan(SolverOptions.Default.ResidualTolerance);
        d.Solver.ResidualNorm.ShouldBeLessThan(SolverOptions.Default.ResidualTolerance);
        d.Solver.LastStepNorm.ShouldBeLessThan(SolverOptions.Default.StepTolerance);
    }

    [Fact]
    public void Numeraire_holds_expenditure_weighted_prices_fixed()
    {
        var b = fixture.Baseline;
        var weighted = fixture.Case1.Changes.Select((c, j) => b.Expenditure[j] * (c.PriceIndex - 1)).Sum() / b.Expenditure.Sum();
        Math.Abs(weighted).ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void Non_convergence_is_an_error_with_residual_and_iterations()
    {
        var e = Should.Throw<SolverDidNotConvergeException>(() =>
            TariffModel.Solve(fixture.Baseline, OneSectorFixture.Ustr(fixture.Baseline), solverOptions: new SolverOptions { MaxIterations = 2 }));
        e.Iterations.ShouldBe(2);
        e.ResidualNorm.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Analytic_jacobian_matches_finite_differences()
    {
        var b = fixture.Baseline;
        var rng = new Random(42);
        var n = b.Size;
        var rates = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rates[(i * n) + j] = i == j ? 0 : rng.NextDouble() * 0.3;
            }
        }

        foreach (var recycling in new[] { RevenueRecycling.IncomeTaxRelief, RevenueRecycling.LumpSum })
        {
            var system = new TariffEquilibriumSystem(b, PairMatrix.Rates(b.Countries, rates), new TariffModelParameters { Recycling = recycling });
            var x = Enumerable.Range(0, 3 * n).Select(_ => 0.9 + (0.2 * rng.NextDouble())).ToArray();
            var analytic = new DenseMatrix(3 * n, 3 * n);
            system.TryJacobian(x, analytic).ShouldBeTrue();
            var f0 = new double[3 * n];
            var f1 = new double[3 * n];
            var worst = 0.0;
            foreach (var c in Enumerable.Range(0, 3 * n).Where(k => k % 17 == 0 || k == n - 1 || k == (3 * n) - 1))
            {
                var h = 1e-6;
                var xp = (double[])x.Clone();
                var xm = (double[])x.Clone();
                xp[c] += h;
                xm[c] -= h;
                system.Evaluate(xp, f1);
                system.Evaluate(xm, f0);
                for (var r = 0; r < 3 * n; r++)
                {
                    var fd = (f1[r] - f0[r]) / (2 * h);
                    worst = Math.Max(worst, Math.Abs(fd - analytic[r, c]) / Math.Max(1, Math.Abs(fd)));
                }
            }

            worst.ShouldBeLessThan(1e-6, recycling.ToString());
        }
    }

    [Fact]
    public void Tariffs_on_a_different_country_list_are_rejected()
    {
        var other = fixture.Data.Permute(Enumerable.Range(0, fixture.Data.Countries.Count).Reverse().ToArray());
        Should.Throw<ArgumentException>(() => TariffModel.Solve(fixture.Baseline, PairMatrix.Zero(other.Countries)))
            .Message.ShouldContain("different countries");
    }
}

public class TransferTests(OneSectorFixture fixture) : IClassFixture<OneSectorFixture>
{
    [Fact]
    public void Unchanged_transfers_reproduce_the_plain_solve()
    {
        var relative = TariffModel.SolveRelativeToTransfers(fixture.Baseline, OneSectorFixture.Ustr(fixture.Baseline), fixture.Baseline.Deficit);
        for (var i = 0; i < fixture.Baseline.Size; i++)
        {
            var a = OneSectorFixture.Values(relative.Outcomes[i]);
            var b = OneSectorFixture.Values(fixture.Case1.Outcomes[i]);
            for (var c = 0; c < 7; c++)
            {
                a[c].ShouldBe(b[c], 1e-7);
            }
        }
    }

    [Fact]
    public void Balanced_trade_transfers_zero_the_us_and_remove_bilateral_us_imbalances()
    {
        var b = fixture.Baseline;
        var t = TariffModel.TransfersBalancedWithUnitedStates(b);
        var us = b.UnitedStates;
        t[us].ShouldBe(0);
        var mex = b.Countries.Require("MEX");
        t[mex].ShouldBe(b.Deficit[mex] - (b.Flows[us, mex] - b.Flows[mex, us]), 1e-6);
        var result = TariffModel.Solve(b, PairMatrix.Zero(b.Countries), transfers: t);
        result.Diagnostics.ResidualNorm.ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void Wrong_number_of_transfers_is_rejected() =>
        Should.Throw<ArgumentException>(() => TariffModel.Solve(fixture.Baseline, PairMatrix.Zero(fixture.Baseline.Countries), transfers: [1.0, 2.0]))
            .Message.ShouldContain("194 transfers");
}
