namespace Tightrope.Numerics;

/// <summary>Draws from a multivariate normal N(mean, covariance) through the Cholesky factor of the covariance.</summary>
public sealed class MultivariateNormalSampler
{
    private readonly double[] _mean;
    private readonly double[] _cholesky;

    /// <summary>Factorises the covariance (k×k, row-major, symmetric positive semi-definite).</summary>
    public MultivariateNormalSampler(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        var k = mean.Length;
        if (covariance.Length != k * k)
        {
            throw new ArgumentException($"A covariance for {k} coefficients needs {k * k} entries, got {covariance.Length}.");
        }

        _mean = mean.ToArray();
        _cholesky = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = covariance[(i * k) + j];
                for (var m = 0; m < j; m++)
                {
                    sum -= _cholesky[(i * k) + m] * _cholesky[(j * k) + m];
                }

                if (i == j)
                {
                    if (sum < -1e-12 * Math.Max(1, Math.Abs(covariance[(i * k) + i])))
                    {
                        throw new ArgumentException($"The covariance is not positive semi-definite (pivot {i} is {sum}).");
                    }

                    _cholesky[(i * k) + i] = Math.Sqrt(Math.Max(sum, 0));
                }
                else
                {
                    var d = _cholesky[(j * k) + j];
                    _cholesky[(i * k) + j] = d == 0 ? 0 : sum / d;
                }
            }
        }
    }

    /// <summary>Number of coefficients.</summary>
    public int Dimension => _mean.Length;

    /// <summary>Writes one draw into <paramref name="draw"/>.</summary>
    public void Sample(Random random, Span<double> draw)
    {
        var k = _mean.Length;
        Span<double> z = stackalloc double[k];
        for (var i = 0; i < k; i++)
        {
            // Box–Muller; 1 − U avoids log(0).
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            z[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        for (var i = 0; i < k; i++)
        {
            var v = _mean[i];
            for (var m = 0; m <= i; m++)
            {
                v += _cholesky[(i * k) + m] * z[m];
            }

            draw[i] = v;
        }
    }
}
