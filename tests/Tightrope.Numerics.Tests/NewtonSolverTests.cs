using FsCheck;
using FsCheck.Fluent;

namespace Tightrope.Numerics.Tests;

public class NewtonSolverTests
{
    /// <summary>x² + y² = 4, e^x + y = 1: two roots; from (1, −1.7) Newton finds the one near (1.004, −1.729).</summary>
    private sealed class CircleExp(bool analytic) : INonlinearSystem
    {
        public int Dimension => 2;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> f)
        {
            f[0] = (x[0] * x[0]) + (x[1] * x[1]) - 4;
            f[1] = Math.Exp(x[0]) + x[1] - 1;
        }

        public bool TryJacobian(ReadOnlySpan<double> x, DenseMatrix j)
        {
            if (!analytic)
            {
                return false;
            }

            j[0, 0] = 2 * x[0];
            j[0, 1] = 2 * x[1];
            j[1, 0] = Math.Exp(x[0]);
            j[1, 1] = 1;
            return true;
        }
    }

    /// <summary>Powell's badly scaled function: a classic test where undamped Newton struggles.</summary>
    private sealed class PowellBadlyScaled : INonlinearSystem
    {
        public int Dimension => 2;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> f)
        {
            f[0] = (1e4 * x[0] * x[1]) - 1;
            f[1] = Math.Exp(-x[0]) + Math.Exp(-x[1]) - 1.0001;
        }
    }

    /// <summary>x² + 1 = 0 has no real root.</summary>
    private sealed class NoRoot : INonlinearSystem
    {
        public int Dimension => 1;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> f) => f[0] = (x[0] * x[0]) + 1;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Converges_quadratically_with_analytic_or_finite_difference_jacobian(bool analytic)
    {
        var system = new CircleExp(analytic);
        var result = NewtonSolver.Solve(system, [1.0, -1.7]);
        var f = new double[2];
        system.Evaluate(result.Solution, f);
        f.Max(Math.Abs).ShouldBeLessThan(1e-12);
        result.ResidualNorm.ShouldBeLessThan(SolverOptions.Default.ResidualTolerance);
        result.Iterations.ShouldBeLessThan(10);
    }

    [Fact]
    public void Handles_a_badly_scaled_problem()
    {
        var result = NewtonSolver.Solve(new PowellBadlyScaled(), [0.0, 1.0]);
        (result.Solution[0] * result.Solution[1]).ShouldBe(1e-4, 1e-12);
    }

    [Fact]
    public void Reports_non_convergence_with_residual_and_iterations()
    {
        var e = Should.Throw<SolverDidNotConvergeException>(() => NewtonSolver.Solve(new NoRoot(), [3.0], new SolverOptions { MaxIterations = 50 }));
        e.ResidualNorm.ShouldBeGreaterThanOrEqualTo(1.0);
        e.Iterations.ShouldBeGreaterThan(0);
        e.Message.ShouldContain("did not converge");
    }

    [Fact]
    public void Iteration_limit_is_an_error_not_a_result()
    {
        var e = Should.Throw<SolverDidNotConvergeException>(() => NewtonSolver.Solve(new CircleExp(true), [1.0, -1.7], new SolverOptions { MaxIterations = 1 }));
        e.Iterations.ShouldBe(1);
        e.Message.ShouldContain("iteration limit");
    }

    [Fact]
    public void Reusing_the_jacobian_reaches_the_same_root()
    {
        var newton = NewtonSolver.Solve(new CircleExp(true), [1.0, -1.7]);
        var chord = NewtonSolver.Solve(new CircleExp(true), [1.0, -1.7], new SolverOptions { MaxJacobianAge = 5 });
        chord.Solution[0].ShouldBe(newton.Solution[0], 1e-10);
        chord.Solution[1].ShouldBe(newton.Solution[1], 1e-10);
        chord.JacobianEvaluations.ShouldBeLessThanOrEqualTo(newton.JacobianEvaluations);
    }

    [Fact]
    public void Property_random_linear_systems_are_solved_in_one_step()
    {
        Prop.ForAll(
            Gen.Choose(1, 8).ToArbitrary(),
            n =>
            {
                var rng = new Random(n * 7919);
                var a = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble()).ToArray();
                for (var i = 0; i < n; i++)
                {
                    a[(i * n) + i] += n; // diagonally dominant, hence non-singular
                }

                var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
                var system = new Linear(a, b);
                var result = NewtonSolver.Solve(system, new double[n]);
                var f = new double[n];
                system.Evaluate(result.Solution, f);
                return f.Max(Math.Abs) < 1e-12 && result.Iterations <= 2;
            }).QuickCheckThrowOnFailure();
    }

    private sealed class Linear(double[] a, double[] b) : INonlinearSystem
    {
        public int Dimension => b.Length;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> f)
        {
            var n = b.Length;
            for (var r = 0; r < n; r++)
            {
                var s = -b[r];
                for (var c = 0; c < n; c++)
                {
                    s += a[(r * n) + c] * x[c];
                }

                f[r] = s;
            }
        }

        public bool TryJacobian(ReadOnlySpan<double> x, DenseMatrix j)
        {
            a.CopyTo(j.Data, 0);
            return true;
        }
    }
}
