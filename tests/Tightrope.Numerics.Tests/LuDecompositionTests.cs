namespace Tightrope.Numerics.Tests;

public class LuDecompositionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(301)]
    public void Solves_random_systems_to_rounding(int n)
    {
        var rng = new Random(n);
        var a = new DenseMatrix(n, n);
        for (var i = 0; i < n * n; i++)
        {
            a.Data[i] = rng.NextDouble() - 0.5;
        }

        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10 - 5).ToArray();
        var b = new double[n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                b[r] += a[r, c] * x[c];
            }
        }

        var lu = LuDecomposition.FactorInPlace(a);
        lu.IsSingular.ShouldBeFalse();
        lu.Solve(b);
        for (var i = 0; i < n; i++)
        {
            b[i].ShouldBe(x[i], 1e-8);
        }
    }

    [Fact]
    public void Needs_pivoting_when_the_leading_entry_is_zero()
    {
        var a = new DenseMatrix(2, 2);
        a[0, 1] = 1;
        a[1, 0] = 2;
        var b = new[] { 3.0, 4.0 };
        var lu = LuDecomposition.FactorInPlace(a);
        lu.Solve(b);
        b[0].ShouldBe(2.0, 1e-15);
        b[1].ShouldBe(3.0, 1e-15);
    }

    [Fact]
    public void Detects_singular_matrices()
    {
        var a = new DenseMatrix(3, 3);
        for (var c = 0; c < 3; c++)
        {
            a[0, c] = c + 1;
            a[1, c] = 2 * (c + 1);
            a[2, c] = c * c;
        }

        var lu = LuDecomposition.FactorInPlace(a);
        lu.IsSingular.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => lu.Solve(new double[3]));
    }
}
