using FsCheck;
using FsCheck.Fluent;

namespace Tightrope.Numerics.Tests;

public class FixedPointIteratorTests
{
    [Fact]
    public void Finds_the_fixed_point_of_cosine()
    {
        var r = FixedPointIterator.Solve((x, g) => g[0] = Math.Cos(x[0]), [1.0], new FixedPointOptions { Tolerance = 1e-13 });
        r.Solution[0].ShouldBe(0.7390851332151607, 1e-12);
    }

    [Fact]
    public void Anderson_acceleration_needs_fewer_iterations_on_a_slow_linear_map()
    {
        // x = A x + b with spectral radius 0.95: plain iteration is slow, Anderson is fast, both reach the same point.
        const int n = 20;
        var a = new double[n, n];
        var rng = new Random(7);
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                a[i, k] = rng.NextDouble();
            }
        }

        for (var i = 0; i < n; i++)
        {
            var rowSum = Enumerable.Range(0, n).Sum(k => a[i, k]);
            for (var k = 0; k < n; k++)
            {
                a[i, k] *= 0.95 / rowSum;
            }
        }

        void Map(ReadOnlySpan<double> x, Span<double> g)
        {
            for (var i = 0; i < n; i++)
            {
                var s = 1.0;
                for (var k = 0; k < n; k++)
                {
                    s += a[i, k] * x[k];
                }

                g[i] = s;
            }
        }

        var start = new double[n];
        var plain = FixedPointIterator.Solve(Map, start, new FixedPointOptions { Tolerance = 1e-10, MaxIterations = 5000 });
        var fast = FixedPointIterator.Solve(Map, start, new FixedPointOptions { Tolerance = 1e-10, AndersonDepth = 5 });
        fast.Iterations.ShouldBeLessThan(plain.Iterations / 5);
        for (var i = 0; i < n; i++)
        {
            fast.Solution[i].ShouldBe(20.0, 1e-7); // every row sums to 0.95, so x = 1 / 0.05
            plain.Solution[i].ShouldBe(20.0, 1e-7);
        }
    }

    [Fact]
    public void Damping_makes_an_oscillating_map_converge()
    {
        // g(x) = −1.5 x + 5 diverges undamped (|slope| > 1) and converges with damping 0.5 (slope of the damped map −0.25).
        FixedPointMap map = (x, g) => g[0] = (-1.5 * x[0]) + 5;
        Should.Throw<SolverDidNotConvergeException>(() => FixedPointIterator.Solve(map, [0.0], new FixedPointOptions { MaxIterations = 200 }));
        var r = FixedPointIterator.Solve(map, [0.0], new FixedPointOptions { Damping = 0.5, Tolerance = 1e-12 });
        r.Solution[0].ShouldBe(2.0, 1e-11);
    }

    [Fact]
    public void Non_convergence_is_an_exception_with_residual_and_iterations()
    {
        var e = Should.Throw<SolverDidNotConvergeException>(() =>
            FixedPointIterator.Solve((x, g) => g[0] = x[0] + 1, [0.0], new FixedPointOptions { MaxIterations = 25 }));
        e.Iterations.ShouldBe(25);
        e.ResidualNorm.ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void A_non_finite_residual_is_an_exception()
    {
        Should.Throw<SolverDidNotConvergeException>(() => FixedPointIterator.Solve((x, g) => g[0] = double.NaN, [0.0]));
    }

    [Fact]
    public void Sum_norm_measures_the_whole_residual()
    {
        var r = FixedPointIterator.Solve((x, g) => { g[0] = 0.5 * x[0]; g[1] = 0.5 * x[1]; }, [1.0, 1.0],
            new FixedPointOptions { Norm = ResidualNorm.Sum, Tolerance = 1e-6 });
        (Math.Abs(r.Solution[0]) + Math.Abs(r.Solution[1])).ShouldBeLessThanOrEqualTo(2e-6 + 1e-12);
        r.ResidualNorm.ShouldBeLessThanOrEqualTo(1e-6);
    }

    [Fact]
    public void Contractions_converge_to_the_same_point_with_and_without_acceleration()
    {
        var cases = from slope in Gen.Choose(-90, 90)
                    from offset in Gen.Choose(-100, 100)
                    select (slope / 100.0, (double)offset);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            FixedPointMap map = (x, g) => { g[0] = (c.Item1 * x[0]) + c.Item2; g[1] = Math.Tanh(x[1]) * 0.5; };
            var expected = c.Item2 / (1 - c.Item1);
            var plain = FixedPointIterator.Solve(map, [0.0, 1.0], new FixedPointOptions { Tolerance = 1e-12, MaxIterations = 10000 });
            var fast = FixedPointIterator.Solve(map, [0.0, 1.0], new FixedPointOptions { Tolerance = 1e-12, AndersonDepth = 3 });
            return Math.Abs(plain.Solution[0] - expected) < 1e-9 && Math.Abs(fast.Solution[0] - expected) < 1e-9 && Math.Abs(fast.Solution[1]) < 1e-9;
        }));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Should.Throw<ArgumentException>(() => FixedPointIterator.Solve((x, g) => g[0] = x[0], [0.0], new FixedPointOptions { Damping = 0 }));
        Should.Throw<ArgumentException>(() => FixedPointIterator.Solve((x, g) => g[0] = x[0], [0.0], new FixedPointOptions { AndersonDepth = -1 }));
    }
}
