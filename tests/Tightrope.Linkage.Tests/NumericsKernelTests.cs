using Tightrope.Numerics;

namespace Tightrope.Linkage.Tests;

/// <summary>The optimisers the linkage models use, on functions with known optima.</summary>
public sealed class NumericsKernelTests
{
    [Fact]
    public void Scalar_maximum_of_a_smooth_function_is_found_to_the_tolerance()
    {
        var m = ScalarMaximizer.Maximize(x => -Math.Pow(x - 0.3137, 2) + (0.1 * Math.Sin(x)), 0, 1);
        var exact = ScalarRoot.Find(x => (-2 * (x - 0.3137)) + (0.1 * Math.Cos(x)), 0, 1, 1e-14)!.Argument;
        m.Argument.ShouldBe(exact, 2e-6);
        m.AtLowerBound.ShouldBeFalse();
    }

    [Fact]
    public void Scalar_maximum_at_a_bound_is_flagged()
    {
        var m = ScalarMaximizer.Maximize(x => x, 0, 1);
        m.Argument.ShouldBe(1);
        m.AtUpperBound.ShouldBeTrue();
    }

    [Fact]
    public void Local_bracketing_finds_the_same_maximum_as_the_full_grid()
    {
        Func<double, double> f = x => -Math.Pow(x - 0.61, 2);
        var full = ScalarMaximizer.Maximize(f, 0, 1);
        var local = ScalarMaximizer.MaximizeFrom(f, 0.4, 0, 1);
        local.Argument.ShouldBe(full.Argument, 2e-6);
        local.Evaluations.ShouldBeLessThan(full.Evaluations);
    }

    [Fact]
    public void Root_finder_brackets_and_reports_no_sign_change()
    {
        ScalarRoot.Find(x => (x * x) - 2, 0, 2)!.Argument.ShouldBe(Math.Sqrt(2), 1e-9);
        ScalarRoot.Find(x => (x * x) + 1, 0, 2).ShouldBeNull();
    }

    [Fact]
    public void Box_maximizer_finds_interior_and_corner_optima()
    {
        // Concave quadratic with its unconstrained maximum at (0.3, 1.4): x is interior, y binds at 1.
        double F(double[] v) => -Math.Pow(v[0] - 0.3, 2) - (0.5 * Math.Pow(v[1] - 1.4, 2)) + (0.2 * v[0] * v[1]);
        var m = BoxMaximizer.Maximize(F, [0, 0], [1, 1], [0.9, 0.1]);
        m.Converged.ShouldBeTrue();
        m.Bounds[1].ShouldBe(BoundState.Upper);
        m.Bounds[0].ShouldBe(BoundState.Interior);
        m.Argument[1].ShouldBe(1, 1e-9);
        m.Argument[0].ShouldBe(0.3 + 0.1, 1e-6); // ∂/∂x = −2(x − 0.3) + 0.2y = 0 at y = 1
    }
}
