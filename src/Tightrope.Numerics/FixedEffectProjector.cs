using System.Numerics.Tensors;

namespace Tightrope.Numerics;

/// <summary>
/// Weighted projection onto the complement of a set of categorical factors (high-dimensional fixed effects),
/// by alternating projections (Gauss–Seidel sweeps over the factors) with Irons–Tuck acceleration.
/// The fixed-effect coefficients are kept explicitly, so a later call can start from an earlier solution (warm start).
/// </summary>
public sealed class FixedEffectProjector
{
    private readonly int[][] _codes;
    private readonly int[] _levels;
    private readonly int _offset0;
    private readonly int[] _offsets;
    private double[] _weights = [];
    private double[] _inverseLevelWeight = [];

    /// <summary>Creates the projector for <paramref name="length"/> observations and factors given as 0-based level codes, one array per factor.</summary>
    public FixedEffectProjector(int length, IReadOnlyList<int[]> codes, IReadOnlyList<int> levelCounts)
    {
        if (codes.Count != levelCounts.Count)
        {
            throw new ArgumentException("One level count per factor is needed.");
        }

        _codes = [.. codes];
        _levels = [.. levelCounts];
        Length = length;
        _offsets = new int[_levels.Length];
        var total = 0;
        for (var k = 0; k < _levels.Length; k++)
        {
            if (_codes[k].Length != Length)
            {
                throw new ArgumentException("Every factor needs one code per observation.");
            }

            _offsets[k] = total;
            total += _levels[k];
        }

        _offset0 = 0;
        CoefficientCount = total;
        SetWeights(null);
    }

    /// <summary>Number of observations.</summary>
    public int Length { get; }

    /// <summary>Number of factors.</summary>
    public int FactorCount => _levels.Length;

    /// <summary>Total number of fixed-effect coefficients (sum of the levels of every factor).</summary>
    public int CoefficientCount { get; }

    /// <summary>Start of factor <paramref name="factor"/>'s coefficients in the concatenated coefficient vector.</summary>
    public int CoefficientOffset(int factor) => _offset0 + _offsets[factor];

    /// <summary>Sets the observation weights (null = all ones). Levels with zero total weight get no update.</summary>
    public void SetWeights(double[]? weights)
    {
        if (weights is not null && weights.Length != Length)
        {
            throw new ArgumentException("One weight per observation is needed.");
        }

        if (weights is null)
        {
            weights = new double[Length];
            Array.Fill(weights, 1.0);
        }

        _weights = weights;
        var inv = new double[CoefficientCount];
        for (var k = 0; k < _levels.Length; k++)
        {
            var sums = inv.AsSpan(_offsets[k], _levels[k]);
            var codes = _codes[k];
            for (var i = 0; i < codes.Length; i++)
            {
                sums[codes[i]] += weights[i];
            }

            for (var g = 0; g < sums.Length; g++)
            {
                sums[g] = sums[g] > 0 ? 1.0 / sums[g] : 0.0;
            }
        }

        _inverseLevelWeight = inv;
    }

    /// <summary>
    /// Writes into <paramref name="residual"/> the part of <paramref name="values"/> orthogonal (in the weighted inner product)
    /// to the factors, and into <paramref name="coefficients"/> the fixed effects (values ≈ Σ_k coefficients[k][code] + residual).
    /// <paramref name="coefficients"/> is read as the starting point. Converged when the largest coefficient change of a sweep
    /// is below <paramref name="tolerance"/> times the weighted root-mean-square of <paramref name="values"/>.
    /// </summary>
    /// <returns>The number of sweeps; negative if <paramref name="maxSweeps"/> was reached without convergence.</returns>
    public int Project(ReadOnlySpan<double> values, Span<double> residual, Span<double> coefficients, double tolerance, int maxSweeps = 100_000)
    {
        if (values.Length != Length || residual.Length != Length || coefficients.Length != CoefficientCount)
        {
            throw new ArgumentException("Vector lengths do not match the projector.");
        }

        if (_levels.Length == 0)
        {
            values.CopyTo(residual);
            return 0;
        }

        var scale = WeightedRms(values);
        var threshold = tolerance * (scale > 0 ? scale : 1.0);
        Recompute(values, residual, coefficients);
        if (_levels.Length == 1)
        {
            Sweep(residual, coefficients);
            return 1;
        }

        var x0 = new double[CoefficientCount];
        var d1 = new double[CoefficientCount];
        var d2 = new double[CoefficientCount];
        var sweeps = 0;
        while (sweeps < maxSweeps)
        {
            coefficients.CopyTo(x0);
            var change = Sweep(residual, coefficients);
            sweeps++;
            if (change <= threshold)
            {
                return sweeps;
            }

            TensorPrimitives.Subtract(coefficients, x0, d1);
            coefficients.CopyTo(x0);
            change = Sweep(residual, coefficients);
            sweeps++;
            if (change <= threshold)
            {
                return sweeps;
            }

            // Irons–Tuck: extrapolate along the last step using the change between the two last steps.
            TensorPrimitives.Subtract(coefficients, x0, d2);
            TensorPrimitives.Subtract(d2, d1, d1);
            var denominator = TensorPrimitives.Dot(d1, d1);
            if (denominator > 0)
            {
                var ratio = TensorPrimitives.Dot(d2, d1) / denominator;
                if (double.IsFinite(ratio))
                {
                    TensorPrimitives.MultiplyAdd(d2, -ratio, coefficients, coefficients);
                    Recompute(values, residual, coefficients);
                }
            }
        }

        return -sweeps;
    }

    /// <summary>Evaluates Σ_k coefficients[k][code_k(i)] for every observation.</summary>
    public void Evaluate(ReadOnlySpan<double> coefficients, Span<double> fitted)
    {
        fitted.Clear();
        for (var k = 0; k < _levels.Length; k++)
        {
            var alpha = coefficients.Slice(_offsets[k], _levels[k]);
            var codes = _codes[k];
            for (var i = 0; i < fitted.Length; i++)
            {
                fitted[i] += alpha[codes[i]];
            }
        }
    }

    private double WeightedRms(ReadOnlySpan<double> values)
    {
        double sw = 0, swx = 0;
        var w = _weights;
        for (var i = 0; i < values.Length; i++)
        {
            sw += w[i];
            swx += w[i] * values[i] * values[i];
        }

        return sw > 0 ? Math.Sqrt(swx / sw) : 0.0;
    }

    private void Recompute(ReadOnlySpan<double> values, Span<double> residual, ReadOnlySpan<double> coefficients)
    {
        Evaluate(coefficients, residual);
        TensorPrimitives.Subtract(values, residual, residual);
    }

    // One Gauss–Seidel sweep over the factors in residual form: each factor's update is the weighted group mean
    // of the current residual. The subtraction of one factor's update is fused with the accumulation of the next.
    private double Sweep(Span<double> residual, Span<double> coefficients)
    {
        var w = _weights;
        var maxChange = 0.0;
        var k0 = _codes[0];
        var sums = new double[_levels.Max()];
        var next = new double[sums.Length];
        for (var i = 0; i < residual.Length; i++)
        {
            sums[k0[i]] += w[i] * residual[i];
        }

        for (var k = 0; k < _levels.Length; k++)
        {
            var levels = _levels[k];
            var inv = _inverseLevelWeight.AsSpan(_offsets[k], levels);
            var alpha = coefficients.Slice(_offsets[k], levels);
            var delta = sums.AsSpan(0, levels);
            TensorPrimitives.Multiply(delta, inv, delta);
            maxChange = Math.Max(maxChange, Math.Abs(TensorPrimitives.MaxMagnitude(delta)));
            TensorPrimitives.Add(alpha, delta, alpha);
            var codes = _codes[k];
            if (k + 1 < _levels.Length)
            {
                var nextCodes = _codes[k + 1];
                Array.Clear(next, 0, _levels[k + 1]);
                for (var i = 0; i < residual.Length; i++)
                {
                    var r = residual[i] - delta[codes[i]];
                    residual[i] = r;
                    next[nextCodes[i]] += w[i] * r;
                }

                (sums, next) = (next, sums);
            }
            else
            {
                for (var i = 0; i < residual.Length; i++)
                {
                    residual[i] -= delta[codes[i]];
                }
            }
        }

        return maxChange;
    }
}
