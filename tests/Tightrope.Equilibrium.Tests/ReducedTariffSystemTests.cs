using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.Tests;

/// <summary>The reduced 2N system (spending substituted out) against the full 3N system it comes from.</summary>
public class ReducedTariffSystemTests(OneSectorFixture fixture) : IClassFixture<OneSectorFixture>
{
    private PairMatrix RandomTariffs(Random rng)
    {
        var b = fixture.Baseline;
        var n = b.Size;
        var rates = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rates[(i * n) + j] = i == j || rng.NextDouble() < 0.5 ? 0 : rng.NextDouble() * 0.3;
            }
        }

        return PairMatrix.Rates(b.Countries, rates);
    }

    [Theory]
    [InlineData(RevenueRecycling.IncomeTaxRelief)]
    [InlineData(RevenueRecycling.LumpSum)]
    public void Analytic_reduced_jacobian_matches_finite_differences(RevenueRecycling recycling)
    {
        var b = fixture.Baseline;
        var rng = new Random(7);
        var n = b.Size;
        var system = new TariffEquilibriumSystem(b, RandomTariffs(rng), new TariffModelParameters { Recycling = recycling });
        var u = Enumerable.Range(0, 2 * n).Select(_ => 0.9 + (0.2 * rng.NextDouble())).ToArray();
        var f = new double[2 * n];
        system.EvaluateReduced(u, f).ShouldBeTrue();
        var analytic = new DenseMatrix(2 * n, 2 * n);
        system.ReducedJacobian(analytic);
        var f0 = new double[2 * n];
        var f1 = new double[2 * n];
        var worst = 0.0;
        foreach (var c in Enumerable.Range(0, 2 * n).Where(k => k % 13 == 0 || k == n - 1 || k == b.UnitedStates || k == n + b.UnitedStates || k == (2 * n) - 1))
        {
            var h = 1e-6;
            var up = (double[])u.Clone();
            var um = (double[])u.Clone();
            up[c] += h;
            um[c] -= h;
            system.EvaluateReduced(up, f1).ShouldBeTrue();
            system.EvaluateReduced(um, f0).ShouldBeTrue();
            for (var r = 0; r < 2 * n; r++)
            {
                var fd = (f1[r] - f0[r]) / (2 * h);
                worst = Math.Max(worst, Math.Abs(fd - analytic[r, c]) / Math.Max(1, Math.Abs(fd)));
            }
        }

        worst.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Reduced_residuals_are_the_full_residuals_with_spending_from_the_budgets()
    {
        var b = fixture.Baseline;
        var n = b.Size;
        var rng = new Random(11);
        var system = new TariffEquilibriumSystem(b, RandomTariffs(rng), TariffModelParameters.Default);
        var u = Enumerable.Range(0, 2 * n).Select(_ => 0.9 + (0.2 * rng.NextDouble())).ToArray();
        var reduced = new double[2 * n];
        system.EvaluateReduced(u, reduced).ShouldBeTrue();
        var x = u[..n].Concat(system.State.EHat).Concat(u[n..]).ToArray();
        var full = new double[3 * n];
        system.Evaluate(x, full);
        for (var i = 0; i < n; i++)
        {
            full[i].ShouldBe(reduced[i], 1e-12);
            Math.Abs(full[n + i]).ShouldBeLessThan(1e-13);
            full[(2 * n) + i].ShouldBe(reduced[n + i], 1e-12);
        }
    }

    [Fact]
    public void Reduced_and_full_methods_reach_the_same_equilibrium()
    {
        var b = fixture.Baseline;
        var tariffs = OneSectorFixture.Ustr(b);
        var fast = TariffModel.Solve(b, tariffs);
        var full = TariffModel.SolveFullSystem(b, tariffs);
        fast.Diagnostics.Method.ShouldStartWith("reduced");
        fast.Diagnostics.ResidualNorm.ShouldBeLessThan(1e-12);
        for (var i = 0; i < b.Size; i++)
        {
            var a = OneSectorFixture.Values(fast.Outcomes[i]);
            var c = OneSectorFixture.Values(full.Outcomes[i]);
            for (var k = 0; k < 7; k++)
            {
                a[k].ShouldBe(c[k], 1e-8 * Math.Max(1, Math.Abs(c[k])));
            }
        }
    }
}
