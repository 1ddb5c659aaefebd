using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.Tests;

/// <summary>Solver contracts: non-convergence is an error, inconsistent inputs are rejected.</summary>
public class CaliendoParroSolverTests(CaliendoParroFixture fixture) : IClassFixture<CaliendoParroFixture>
{
    [Fact]
    public void Hitting_the_iteration_limit_throws_with_residual_and_iterations()
    {
        var b = fixture.Baseline;
        var e = Should.Throw<SolverDidNotConvergeException>(() =>
            CpSolver.Solve(b, CpExperiment.NaftaFactors(b), new double[b.N], new CpSolverOptions { MaxWageIterations = 3 }));
        e.Iterations.ShouldBe(3);
        e.ResidualNorm.ShouldBeGreaterThan(1e-9);
        double.IsFinite(e.ResidualNorm).ShouldBeTrue();
    }

    [Fact]
    public void Surpluses_that_do_not_add_up_are_rejected()
    {
        var b = fixture.Baseline;
        var surplus = new double[b.N];
        surplus[0] = 1e10;
        Should.Throw<ArgumentException>(() => CpSolver.Solve(b, b.FactorsOf(b.Data.Tariffs1993), surplus)).Message.ShouldContain("sum to zero");
    }

    [Fact]
    public void Tariff_factors_below_one_are_rejected()
    {
        var b = fixture.Baseline;
        var factors = b.FactorsOf(b.Data.Tariffs1993);
        factors[1] = 0.5;
        Should.Throw<ArgumentException>(() => CpSolver.Solve(b, factors, new double[b.N]));
    }

    [Fact]
    public void Baseline_final_shares_sum_to_one_and_cost_shares_are_complete()
    {
        var b = fixture.Baseline;
        for (var n = 0; n < b.N; n++)
        {
            Enumerable.Range(0, b.J).Sum(k => b.FinalShare[(n * b.J) + k]).ShouldBe(1, 1e-12);
            for (var j = 0; j < b.J; j++)
            {
                var inputs = Enumerable.Range(0, b.J).Sum(k => b.InputShare[(((n * b.J) + k) * b.J) + j]);
                var total = b.ValueAddedShare[(n * b.J) + j] + inputs;
                // Sectors with no intermediates (value-added share 1) may have an empty input column.
                total.ShouldBe(1, 1e-4, $"{b.Countries[n].Iso3} {b.Sectors[j].Name}");
            }
        }
    }
}
