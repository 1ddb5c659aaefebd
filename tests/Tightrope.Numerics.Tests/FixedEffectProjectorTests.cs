using FsCheck;
using FsCheck.Fluent;

namespace Tightrope.Numerics.Tests;

public sealed class FixedEffectProjectorTests
{
    [Fact]
    public void Residual_is_weighted_orthogonal_to_every_level_and_values_are_reproduced() =>
        ResidualIsOrthogonalAndValuesAreReproduced(null);

    [Theory]
    [InlineData(FixedEffectSolver.ConjugateGradient)]
    [InlineData(FixedEffectSolver.Auto)]
    public void Residual_is_weighted_orthogonal_to_every_level_and_values_are_reproduced_by_the_other_solvers(FixedEffectSolver solver) =>
        ResidualIsOrthogonalAndValuesAreReproduced(solver);

    // null: the default solver (alternating projections), which always sweeps at least once.
    private static void ResidualIsOrthogonalAndValuesAreReproduced(FixedEffectSolver? solver)
    {
        Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var rng = new Random(seed);
            var n = 50 + rng.Next(200);
            var factors = 1 + rng.Next(3);
            var levels = Enumerable.Range(0, factors).Select(_ => 2 + rng.Next(15)).ToArray();
            var codes = levels.Select(l => Enumerable.Range(0, n).Select(_ => rng.Next(l)).ToArray()).ToArray();
            var w = Enumerable.Range(0, n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
            var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10).ToArray();
            var p = solver is { } chosen ? new FixedEffectProjector(n, codes, levels, chosen) : new FixedEffectProjector(n, codes, levels);
            p.SetWeights(w);
            var r = new double[n];
            var alpha = new double[p.CoefficientCount];
            var sweeps = p.Project(v, r, alpha, 1e-13);
            if (solver is null)
            {
                sweeps.ShouldBeGreaterThan(0);
            }
            else
            {
                sweeps.ShouldBeGreaterThanOrEqualTo(0);
            }

            for (var k = 0; k < factors; k++)
            {
                var sums = new double[levels[k]];
                for (var i = 0; i < n; i++)
                {
                    sums[codes[k][i]] += w[i] * r[i];
                }

                sums.ShouldAllBe(s => Math.Abs(s) < 1e-8);
            }

            var fitted = new double[n];
            p.Evaluate(alpha, fitted);
            for (var i = 0; i < n; i++)
            {
                (fitted[i] + r[i]).ShouldBe(v[i], 1e-9);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Conjugate_gradients_with_the_coarse_correction_solve_a_weakly_connected_band()
    {
        // Individuals along a band of firms (each individual sees a window of firms) plus a few periods: the design on which
        // alternating projections crawl.
        var rng = new Random(3);
        const int n = 20_000, individuals = 2_000, firms = 250, periods = 10;
        var indiv = new int[n];
        var firm = new int[n];
        var period = new int[n];
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            indiv[i] = rng.Next(individuals);
            firm[i] = Math.Min(rng.Next(21) + Math.Max(0, (indiv[i] / 8) - 10), firms - 1);
            period[i] = rng.Next(periods);
            v[i] = Math.Cos(indiv[i]) + Math.Sin(firm[i]) + rng.NextDouble();
        }

        var p = new FixedEffectProjector(n, [indiv, firm, period], [individuals, firms, periods], FixedEffectSolver.ConjugateGradient) { CoarseSize = 100 };
        p.SetWeights([.. Enumerable.Range(0, n).Select(_ => 0.5 + rng.NextDouble())]);
        var r = new double[n];
        var alpha = new double[p.CoefficientCount];
        var iterations = p.Project(v, r, alpha, 1e-12);
        iterations.ShouldBeGreaterThan(0);
        iterations.ShouldBeLessThan(1_000);
        var fitted = new double[n];
        p.Evaluate(alpha, fitted);
        for (var i = 0; i < n; i++)
        {
            (fitted[i] + r[i]).ShouldBe(v[i], 1e-9);
        }
    }

    [Fact]
    public void Symmetric_solver_drops_a_collinear_column_and_solves_the_rest()
    {
        // Columns: a, 2a, b → the second is dropped.
        double[] m = [1, 2, 0.5, 2, 4, 1, 0.5, 1, 3];
        var s = SymmetricSolver.Factor(m, 3);
        s.Kept.ShouldBe([0, 2]);
        s.Dropped.ShouldBe([1]);
        double[] rhs = [1, 2];
        s.Solve(rhs);
        ((1 * rhs[0]) + (0.5 * rhs[1])).ShouldBe(1, 1e-12);
        ((0.5 * rhs[0]) + (3 * rhs[1])).ShouldBe(2, 1e-12);
    }
}
