namespace Tightrope.Numerics.Tests;

/// <summary>The LAPACK-backed kernels (or their managed fallback) against plain loops and the managed LU.</summary>
public class DenseKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(120)]
    public void Lu_solver_matches_the_managed_lu(int n)
    {
        var rng = new Random(n);
        var a = new DenseMatrix(n, n);
        for (var k = 0; k < a.Data.Length; k++)
        {
            a.Data[k] = rng.NextDouble() - 0.5;
        }

        var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var solver = new DenseLuSolver(n);
        solver.Factor(a).ShouldBeTrue();
        var x = (double[])b.Clone();
        solver.Solve(x);
        var copy = new DenseMatrix(n, n);
        a.CopyTo(copy);
        var reference = (double[])b.Clone();
        LuDecomposition.FactorInPlace(copy).Solve(reference);
        for (var i = 0; i < n; i++)
        {
            x[i].ShouldBe(reference[i], 1e-9 * Math.Max(1, Math.Abs(reference[i])));
        }

        // The residual of the solve, independent of either factorisation.
        for (var r = 0; r < n; r++)
        {
            var sum = 0.0;
            for (var c = 0; c < n; c++)
            {
                sum += a[r, c] * x[c];
            }

            sum.ShouldBe(b[r], 1e-9);
        }
    }

    [Fact]
    public void Singular_matrices_are_reported()
    {
        var a = new DenseMatrix(3, 3);
        a[0, 0] = 1;
        a[1, 1] = 1;
        new DenseLuSolver(3).Factor(a).ShouldBeFalse();
    }

    [Fact]
    public void Product_with_a_transpose_matches_plain_loops()
    {
        var rng = new Random(3);
        const int m = 13, n = 9, k = 21;
        var a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, n * k).Select(_ => rng.NextDouble()).ToArray();
        var c = new double[m * n];
        DenseKernels.MultiplyByTranspose(a, b, c, m, n, k);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var l = 0; l < k; l++)
                {
                    sum += a[(i * k) + l] * b[(j * k) + l];
                }

                c[(i * n) + j].ShouldBe(sum, 1e-12);
            }
        }
    }

    [Fact]
    public void Symmetric_product_fills_both_triangles_as_plain_loops()
    {
        var rng = new Random(5);
        const int m = 17, k = 23;
        var a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var c = new double[m * m];
        SymmetricKernels.MultiplyBySelfTranspose(a, c, m, k);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var sum = 0.0;
                for (var l = 0; l < k; l++)
                {
                    sum += a[(i * k) + l] * a[(j * k) + l];
                }

                c[(i * m) + j].ShouldBe(sum, 1e-12);
            }
        }
    }

    [Fact]
    public void Single_precision_lu_solves_to_single_precision_accuracy()
    {
        const int n = 60;
        var rng = new Random(9);
        var a = new DenseMatrix(n, n);
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                a[r, c] = rng.NextDouble() - 0.5 + (r == c ? 4 : 0);
            }
        }

        var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var solver = new DenseLuSolver(n, singlePrecision: true);
        solver.Factor(a).ShouldBeTrue();
        var x = (double[])b.Clone();
        solver.Solve(x);
        for (var r = 0; r < n; r++)
        {
            var sum = 0.0;
            for (var c = 0; c < n; c++)
            {
                sum += a[r, c] * x[c];
            }

            sum.ShouldBe(b[r], 1e-4);
        }

        var singular = new DenseMatrix(3, 3);
        singular[0, 0] = 1;
        new DenseLuSolver(3, singlePrecision: true).Factor(singular).ShouldBeFalse();
    }
}
