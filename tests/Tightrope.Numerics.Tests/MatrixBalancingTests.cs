namespace Tightrope.Numerics.Tests;

public class MatrixBalancingTests
{
    [Fact]
    public void Scaled_matrix_has_the_requested_margins()
    {
        var rng = new Random(3);
        const int n = 9;
        var k = Enumerable.Range(0, n * n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        var rows = Enumerable.Range(0, n).Select(_ => 1 + rng.NextDouble()).ToArray();
        var cols = Enumerable.Range(0, n).Select(_ => 1 + rng.NextDouble()).ToArray();
        var scale = rows.Sum() / cols.Sum();
        cols = cols.Select(c => c * scale).ToArray();
        var result = MatrixBalancing.Balance(k, n, n, rows, cols, 1e-14);
        for (var i = 0; i < n; i++)
        {
            Enumerable.Range(0, n).Sum(j => result.RowScale[i] * k[(i * n) + j] * result.ColumnScale[j]).ShouldBe(rows[i], 1e-12);
            Enumerable.Range(0, n).Sum(r => result.RowScale[r] * k[(r * n) + i] * result.ColumnScale[i]).ShouldBe(cols[i], 1e-12);
        }
    }

    [Fact]
    public void A_zero_row_with_positive_target_is_reported()
    {
        double[] k = [0, 0, 1, 1];
        Should.Throw<SolverDidNotConvergeException>(() => MatrixBalancing.Balance(k, 2, 2, [1, 1], [1, 1]));
    }

    [Fact]
    public void Multivariate_normal_draws_have_the_requested_moments()
    {
        var sampler = new MultivariateNormalSampler([1.0, -2.0], [4.0, 1.2, 1.2, 1.0]);
        var rng = new Random(11);
        const int draws = 200_000;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        Span<double> d = stackalloc double[2];
        for (var k = 0; k < draws; k++)
        {
            sampler.Sample(rng, d);
            sx += d[0];
            sy += d[1];
            sxx += d[0] * d[0];
            syy += d[1] * d[1];
            sxy += d[0] * d[1];
        }

        (sx / draws).ShouldBe(1.0, 0.02);
        (sy / draws).ShouldBe(-2.0, 0.01);
        ((sxx / draws) - Math.Pow(sx / draws, 2)).ShouldBe(4.0, 0.05);
        ((syy / draws) - Math.Pow(sy / draws, 2)).ShouldBe(1.0, 0.02);
        ((sxy / draws) - (sx / draws * (sy / draws))).ShouldBe(1.2, 0.03);
    }

    [Fact]
    public void Non_positive_definite_covariance_is_rejected() =>
        Should.Throw<ArgumentException>(() => new MultivariateNormalSampler([0.0, 0.0], [1.0, 2.0, 2.0, 1.0]));
}
