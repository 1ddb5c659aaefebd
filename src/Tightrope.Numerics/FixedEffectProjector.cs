using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        // Reused across calls (IRLS resets the weights every iteration); no projection runs while the weights change.
        var inv = _inverseLevelWeight.Length == CoefficientCount ? _inverseLevelWeight : new double[CoefficientCount];
        Array.Clear(inv);
        Parallel.For(0, _levels.Length, k => InverseLevelWeights(_codes[k], weights, inv.AsSpan(_offsets[k], _levels[k])));
        _inverseLevelWeight = inv;
    }

    /// <summary>
    /// Writes into <paramref name="residual"/> the part of <paramref name="values"/> orthogonal (in the weighted inner product)
    /// to the factors, and into <paramref name="coefficients"/> the fixed effects (values ≈ Σ_k coefficients[k][code] + residual).
    /// <paramref name="coefficients"/> is read as the starting point. Converged when the largest coefficient change of a sweep
    /// is below <paramref name="tolerance"/> times the weighted root-mean-square of <paramref name="values"/>.
    /// </summary>
    /// <returns>The number of sweeps; negative if <paramref name="maxSweeps"/> was reached without convergence.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Scratch space comes from the shared pool: an IRLS fit projects several vectors per iteration, and fresh
        // coefficient-sized arrays each time would churn the large-object heap.
        var pool = ArrayPool<double>.Shared;
        var sums = new double[_levels.Length][];
        for (var k = 0; k < sums.Length; k++)
        {
            sums[k] = pool.Rent(_levels[k]);
        }

        var x0Array = pool.Rent(CoefficientCount);
        var d1Array = pool.Rent(CoefficientCount);
        var d2Array = pool.Rent(CoefficientCount);
        try
        {
            values.CopyTo(residual);
            SubtractFittedAndAccumulate(residual, coefficients, sums[0]);
            if (_levels.Length == 1)
            {
                Sweep(residual, coefficients, sums);
                return 1;
            }

            var x0 = x0Array.AsSpan(0, CoefficientCount);
            var d1 = d1Array.AsSpan(0, CoefficientCount);
            var d2 = d2Array.AsSpan(0, CoefficientCount);
            var sweeps = 0;
            while (sweeps < maxSweeps)
            {
                coefficients.CopyTo(x0);
                var change = Sweep(residual, coefficients, sums);
                sweeps++;
                if (change <= threshold)
                {
                    return sweeps;
                }

                TensorPrimitives.Subtract(coefficients, x0, d1);
                coefficients.CopyTo(x0);
                change = Sweep(residual, coefficients, sums);
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
                        // The residual moves by the fitted value of the extrapolation step: one fused pass.
                        TensorPrimitives.Multiply(d2, -ratio, d2);
                        TensorPrimitives.Add(coefficients, d2, coefficients);
                        SubtractFittedAndAccumulate(residual, d2, sums[0]);
                    }
                }
            }

            return -sweeps;
        }
        finally
        {
            pool.Return(x0Array);
            pool.Return(d1Array);
            pool.Return(d2Array);
            foreach (var a in sums)
            {
                pool.Return(a);
            }
        }
    }

    /// <summary>Evaluates Σ_k coefficients[k][code_k(i)] for every observation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InverseLevelWeights(int[] codes, double[] weights, Span<double> sums)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            sums[codes[i]] += weights[i];
        }

        for (var g = 0; g < sums.Length; g++)
        {
            sums[g] = sums[g] > 0 ? 1.0 / sums[g] : 0.0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    // One Gauss–Seidel sweep over the factors in residual form: each factor's update is the weighted group mean
    // of the current residual. Every pass over the data subtracts one factor's update and accumulates the next factor's
    // group sums (the last factor's pass accumulates the first factor's sums for the following sweep), so a sweep
    // reads the data once per factor. On entry sums[0] must hold the first factor's weighted residual sums.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Sweep(Span<double> residual, Span<double> coefficients, double[][] sums)
    {
        var maxChange = 0.0;
        var factors = _levels.Length;
        for (var k = 0; k < factors; k++)
        {
            var levels = _levels[k];
            var inv = _inverseLevelWeight.AsSpan(_offsets[k], levels);
            var alpha = coefficients.Slice(_offsets[k], levels);
            var delta = sums[k].AsSpan(0, levels);
            TensorPrimitives.Multiply(delta, inv, delta);
            maxChange = Math.Max(maxChange, Math.Abs(TensorPrimitives.MaxMagnitude(delta)));
            TensorPrimitives.Add(alpha, delta, alpha);
            if (factors == 1)
            {
                var codes = _codes[0];
                for (var i = 0; i < residual.Length; i++)
                {
                    residual[i] -= delta[codes[i]];
                }

                break;
            }

            var nextFactor = k + 1 < factors ? k + 1 : 0;
            var next = sums[nextFactor];
            Array.Clear(next, 0, _levels[nextFactor]);
            SubtractAndAccumulate(residual, _codes[k], sums[k], _codes[nextFactor], next);
        }

        return maxChange;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SubtractAndAccumulate(Span<double> residual, int[] codes, double[] delta, int[] nextCodes, double[] next)
    {
        ref var r = ref MemoryMarshal.GetReference(residual);
        ref var c = ref MemoryMarshal.GetArrayDataReference(codes);
        ref var nc = ref MemoryMarshal.GetArrayDataReference(nextCodes);
        ref var w = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref var d = ref MemoryMarshal.GetArrayDataReference(delta);
        ref var acc = ref MemoryMarshal.GetArrayDataReference(next);
        var n = residual.Length;
        if (n == 0)
        {
            return;
        }

        // Rows of one level often come in runs (panels sorted by pair): summing a run in a register avoids a chain of
        // read-modify-writes to the same memory location, whose store-to-load latency would otherwise bound the loop.
        var current = Unsafe.Add(ref nc, 0);
        var run = 0.0;
        for (var i = 0; i < n; i++)
        {
            ref var ri = ref Unsafe.Add(ref r, i);
            var v = ri - Unsafe.Add(ref d, Unsafe.Add(ref c, i));
            ri = v;
            var g = Unsafe.Add(ref nc, i);
            if (g != current)
            {
                Unsafe.Add(ref acc, current) += run;
                run = 0.0;
                current = g;
            }

            run += Unsafe.Add(ref w, i) * v;
        }

        Unsafe.Add(ref acc, current) += run;
    }

    // residual −= Σ_k coefficients_k[code_k]; and the first factor's weighted residual sums, in one pass.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SubtractFittedAndAccumulate(Span<double> residual, ReadOnlySpan<double> coefficients, double[] sums)
    {
        Array.Clear(sums, 0, _levels[0]);
        var factors = _levels.Length;
        ref var r = ref MemoryMarshal.GetReference(residual);
        ref var w = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref var acc = ref MemoryMarshal.GetArrayDataReference(sums);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(_codes[0]);
        ref var a = ref MemoryMarshal.GetReference(coefficients);
        var n = residual.Length;
        if (factors == 3)
        {
            ref var c1 = ref MemoryMarshal.GetArrayDataReference(_codes[1]);
            ref var c2 = ref MemoryMarshal.GetArrayDataReference(_codes[2]);
            int o1 = _offsets[1], o2 = _offsets[2];
            for (var i = 0; i < n; i++)
            {
                var g0 = Unsafe.Add(ref c0, i);
                ref var ri = ref Unsafe.Add(ref r, i);
                var v = ri - Unsafe.Add(ref a, g0) - Unsafe.Add(ref a, o1 + Unsafe.Add(ref c1, i)) - Unsafe.Add(ref a, o2 + Unsafe.Add(ref c2, i));
                ri = v;
                Unsafe.Add(ref acc, g0) += Unsafe.Add(ref w, i) * v;
            }

            return;
        }

        for (var i = 0; i < n; i++)
        {
            var g0 = Unsafe.Add(ref c0, i);
            var fitted = Unsafe.Add(ref a, g0);
            for (var k = 1; k < factors; k++)
            {
                fitted += Unsafe.Add(ref a, _offsets[k] + _codes[k][i]);
            }

            ref var ri = ref Unsafe.Add(ref r, i);
            var v = ri - fitted;
            ri = v;
            Unsafe.Add(ref acc, g0) += Unsafe.Add(ref w, i) * v;
        }
    }
}
