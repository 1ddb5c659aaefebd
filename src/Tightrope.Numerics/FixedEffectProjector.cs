using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tightrope.Numerics;

/// <summary>
/// Weighted projection onto the complement of a set of categorical factors (high-dimensional fixed effects), by alternating
/// projections (Gauss–Seidel sweeps over the factors, Irons–Tuck acceleration) or by conjugate gradients on the normal
/// equations D'WD α = D'Wv preconditioned by the level weights (see <see cref="FixedEffectSolver"/>).
/// The fixed-effect coefficients are kept explicitly, so a later call can start from an earlier solution (warm start).
/// Index conventions: observation i has level codes[k][i] in factor k; factor k's coefficients occupy
/// [CoefficientOffset(k), CoefficientOffset(k) + levels[k]) of the concatenated coefficient vector.
/// Both solvers stop on the same kind of criterion, the largest update one more pass would make to any coefficient, below the
/// tolerance times the weighted RMS of the values: for sweeps the largest change of the last sweep, for conjugate gradients the
/// largest weighted group mean of the current residual (the Jacobi step).
/// </summary>
public sealed class FixedEffectProjector
{
    private readonly int[][] _codes;
    private readonly int[] _levels;
    private readonly int _offset0;
    private readonly int[] _offsets;
    private double[] _weights = [];
    private double[] _inverseLevelWeight = [];
    private volatile bool _krylov;
    private long _passes;
    private readonly Lock _layoutLock = new();
    private SortedLayout? _layout;
    private FixedEffectCoarseSpace? _coarse;

    /// <summary>Creates the projector for <paramref name="length"/> observations and factors given as 0-based level codes, one array per factor.</summary>
    public FixedEffectProjector(int length, IReadOnlyList<int[]> codes, IReadOnlyList<int> levelCounts, FixedEffectSolver solver = FixedEffectSolver.Auto)
    {
        Solver = solver;
        _krylov = solver == FixedEffectSolver.ConjugateGradient;
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
    }

    /// <summary>Number of observations.</summary>
    public int Length { get; }

    /// <summary>The solver requested at construction.</summary>
    public FixedEffectSolver Solver { get; }

    /// <summary>Under <see cref="FixedEffectSolver.Auto"/>: the most sweeps an alternating projection may take before the
    /// projector switches to conjugate gradients.</summary>
    public int ProbeSweeps { get; init; } = 40;

    /// <summary>Number of coarse unknowns of the two-level preconditioner of conjugate gradients (0 = Jacobi only).</summary>
    public int CoarseSize { get; init; } = 400;

    /// <summary>The solver now in use (under <see cref="FixedEffectSolver.Auto"/>, conjugate gradients once a probe failed).</summary>
    public FixedEffectSolver ActiveSolver => _krylov ? FixedEffectSolver.ConjugateGradient : FixedEffectSolver.AlternatingProjections;

    /// <summary>Sweeps plus conjugate-gradient iterations of every projection so far (each a pass over the data).</summary>
    public long TotalIterations => Interlocked.Read(ref _passes);

    /// <summary>Number of factors.</summary>
    public int FactorCount => _levels.Length;

    /// <summary>Total number of fixed-effect coefficients (sum of the levels of every factor).</summary>
    public int CoefficientCount { get; }

    /// <summary>Start of factor <paramref name="factor"/>'s coefficients in the concatenated coefficient vector.</summary>
    public int CoefficientOffset(int factor) => _offset0 + _offsets[factor];

    // Unit weights until SetWeights is called, made on first use: callers that set their own weights (every IRLS fit) do not
    // pay for an array of ones the size of the sample.
    private void EnsureWeights()
    {
        if (_weights.Length == Length)
        {
            return;
        }

        lock (_layoutLock)
        {
            if (_weights.Length != Length)
            {
                SetWeights(null);
            }
        }
    }

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
        if (_layout is { } layout)
        {
            layout.SetWeights(weights);
            _coarse?.SetWeights(weights);
        }

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
    /// <returns>The number of sweeps or iterations; negative if <paramref name="maxSweeps"/> was reached without convergence.</returns>
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

        EnsureWeights();
        var scale = WeightedRms(values);
        var threshold = tolerance * (scale > 0 ? scale : 1.0);
        if (_levels.Length == 1 || !_krylov)
        {
            var probe = Solver == FixedEffectSolver.Auto && _levels.Length > 1 ? Math.Min(ProbeSweeps, maxSweeps) : maxSweeps;
            var sweeps = ProjectAlternating(values, residual, coefficients, threshold, probe, probe < maxSweeps);
            Interlocked.Add(ref _passes, Math.Abs(sweeps));
            if (sweeps >= 0 || probe == maxSweeps)
            {
                return sweeps;
            }

            // The probe failed: the factors are weakly connected and the sweeps would crawl. Conjugate gradients from here on,
            // starting from the coefficients the sweeps reached.
            _krylov = true;
            if (Environment.GetEnvironmentVariable("TIGHTROPE_TRACE") is not null)
            {
                Console.Error.WriteLine($"fixed effects: the probe switched to conjugate gradients after {-sweeps} sweeps");
            }

            var more = ProjectKrylov(values, residual, coefficients, threshold, maxSweeps + sweeps);
            Interlocked.Add(ref _passes, Math.Abs(more));
            return more >= 0 ? more - sweeps : more + sweeps;
        }

        var iterations = ProjectKrylov(values, residual, coefficients, threshold, maxSweeps);
        Interlocked.Add(ref _passes, Math.Abs(iterations));
        return iterations;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ProjectAlternating(ReadOnlySpan<double> values, Span<double> residual, Span<double> coefficients, double threshold, int maxSweeps, bool probing)
    {

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
            double previous = 0, older = 0;
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

                // The probe: from the contraction of the last few sweeps, predict how many more are needed; give up early
                // (and let conjugate gradients continue) when that exceeds the budget.
                if (probing)
                {
                    if (sweeps >= 6 && older > 0)
                    {
                        var rate = Math.Sqrt(change / older);
                        var remaining = rate >= 1 ? double.PositiveInfinity : 2 * Math.Log(threshold / change) / Math.Log(rate);
                        if (sweeps + remaining > maxSweeps)
                        {
                            return -sweeps;
                        }
                    }

                    older = previous;
                    previous = change;
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

    // Preconditioned conjugate gradients on A α = b with A = D'WD, b = D'Wv, M = diag(A) (the level weights). A is singular
    // when the factors overlap (one redundant level per connected component), but the system is consistent, so CG converges to
    // a solution; the gradient r = D'W(v − Dα) is updated recursively and recomputed from the data before convergence is accepted.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ProjectKrylov(ReadOnlySpan<double> values, Span<double> residual, Span<double> coefficients, double threshold, int maxIterations)
    {
        var m = CoefficientCount;
        var layout = Layout();
        var coarse = _coarse;
        var codes = layout.Codes;
        var weights = layout.Weights;
        var order = layout.Order;
        var pool = ArrayPool<double>.Shared;
        var n = Length;
        var valuesArray = pool.Rent(n);
        var residualArray = pool.Rent(n);
        var sortedValues = valuesArray.AsSpan(0, n);
        var sortedResidual = residualArray.AsSpan(0, n);
        for (var j = 0; j < n; j++)
        {
            sortedValues[j] = values[order[j]];
        }

        var rArray = pool.Rent(m);
        var zArray = pool.Rent(m);
        var pArray = pool.Rent(m);
        var qArray = pool.Rent(m);
        try
        {
            var r = rArray.AsSpan(0, m);
            var z = zArray.AsSpan(0, m);
            var p = pArray.AsSpan(0, m);
            var q = qArray.AsSpan(0, m);
            var inv = _inverseLevelWeight.AsSpan(0, m);
            var iterations = 0;
            for (var restart = 0; ; restart++)
            {
                // True gradient (and residual) from the data.
                sortedValues.CopyTo(sortedResidual);
                SubtractFittedAndGradient(codes, weights, sortedResidual, coefficients, r);
                TensorPrimitives.Multiply(r, inv, z);
                var done = Math.Abs(TensorPrimitives.MaxMagnitude(z)) <= threshold;
                coarse?.AddCorrection(r, z);
                if (done || iterations >= maxIterations || restart > 20)
                {
                    for (var j = 0; j < n; j++)
                    {
                        residual[order[j]] = sortedResidual[j];
                    }

                    return done ? iterations : -Math.Max(iterations, 1);
                }

                z.CopyTo(p);
                var rz = TensorPrimitives.Dot(r, z);
                while (iterations < maxIterations)
                {
                    var pAp = ApplyNormal(codes, weights, p, q);
                    iterations++;
                    if (!(pAp > 0))
                    {
                        break;
                    }

                    var step = rz / pAp;
                    TensorPrimitives.MultiplyAdd(p, step, coefficients, coefficients);
                    TensorPrimitives.MultiplyAdd(q, -step, r, r);
                    TensorPrimitives.Multiply(r, inv, z);
                    if (Math.Abs(TensorPrimitives.MaxMagnitude(z)) <= threshold)
                    {
                        break;
                    }

                    coarse?.AddCorrection(r, z);

                    var rzNew = TensorPrimitives.Dot(r, z);
                    TensorPrimitives.MultiplyAdd(p, rzNew / rz, z, p);
                    rz = rzNew;
                }
            }
        }
        finally
        {
            pool.Return(valuesArray);
            pool.Return(residualArray);
            pool.Return(rArray);
            pool.Return(zArray);
            pool.Return(pArray);
            pool.Return(qArray);
        }
    }

    // q = D'WD p in one pass over the data; returns p'q = Σ w (Dp)².
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ApplyNormal(int[][] codes, double[] weights, ReadOnlySpan<double> p, Span<double> q)
    {
        q.Clear();
        ref var w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref var pa = ref MemoryMarshal.GetReference(p);
        ref var qa = ref MemoryMarshal.GetReference(q);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(codes[0]);
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(codes[1]);
        var n = Length;
        var o1 = _offsets[1];
        var pap = 0.0;
        if (_levels.Length == 2)
        {
            for (var i = 0; i < n; i++)
            {
                var g0 = Unsafe.Add(ref c0, i);
                var g1 = o1 + Unsafe.Add(ref c1, i);
                var t = Unsafe.Add(ref pa, g0) + Unsafe.Add(ref pa, g1);
                var wt = Unsafe.Add(ref w, i) * t;
                pap += wt * t;
                Unsafe.Add(ref qa, g0) += wt;
                Unsafe.Add(ref qa, g1) += wt;
            }

            return pap;
        }

        if (_levels.Length == 3 && _layout is { } layout && ReferenceEquals(codes, layout.Codes))
        {
            // Rows sorted by the key factor: its accumulation runs in a register over each run of equal codes (no chain of
            // read-modify-writes to one memory location).
            var key = layout.Key;
            var a = key == 0 ? 1 : 0;
            var b = key == 2 ? 1 : 2;
            ref var ck = ref MemoryMarshal.GetArrayDataReference(codes[key]);
            ref var ca = ref MemoryMarshal.GetArrayDataReference(codes[a]);
            ref var cb = ref MemoryMarshal.GetArrayDataReference(codes[b]);
            int ok = _offsets[key], oa = _offsets[a], ob = _offsets[b];
            var i = 0;
            while (i < n)
            {
                var g = Unsafe.Add(ref ck, i);
                var pg = Unsafe.Add(ref pa, ok + g);
                var run = 0.0;
                for (; i < n && Unsafe.Add(ref ck, i) == g; i++)
                {
                    var ga = oa + Unsafe.Add(ref ca, i);
                    var gb = ob + Unsafe.Add(ref cb, i);
                    var t = pg + Unsafe.Add(ref pa, ga) + Unsafe.Add(ref pa, gb);
                    var wt = Unsafe.Add(ref w, i) * t;
                    pap += wt * t;
                    run += wt;
                    Unsafe.Add(ref qa, ga) += wt;
                    Unsafe.Add(ref qa, gb) += wt;
                }

                Unsafe.Add(ref qa, ok + g) += run;
            }

            return pap;
        }

        if (_levels.Length == 3)
        {
            ref var c2 = ref MemoryMarshal.GetArrayDataReference(codes[2]);
            var o2 = _offsets[2];
            for (var i = 0; i < n; i++)
            {
                var g0 = Unsafe.Add(ref c0, i);
                var g1 = o1 + Unsafe.Add(ref c1, i);
                var g2 = o2 + Unsafe.Add(ref c2, i);
                var t = Unsafe.Add(ref pa, g0) + Unsafe.Add(ref pa, g1) + Unsafe.Add(ref pa, g2);
                var wt = Unsafe.Add(ref w, i) * t;
                pap += wt * t;
                Unsafe.Add(ref qa, g0) += wt;
                Unsafe.Add(ref qa, g1) += wt;
                Unsafe.Add(ref qa, g2) += wt;
            }

            return pap;
        }

        for (var i = 0; i < n; i++)
        {
            var t = 0.0;
            for (var k = 0; k < _levels.Length; k++)
            {
                t += Unsafe.Add(ref pa, _offsets[k] + codes[k][i]);
            }

            var wt = Unsafe.Add(ref w, i) * t;
            pap += wt * t;
            for (var k = 0; k < _levels.Length; k++)
            {
                Unsafe.Add(ref qa, _offsets[k] + codes[k][i]) += wt;
            }
        }

        return pap;
    }

    // residual −= Dα, and gradient = D'W residual, in one pass.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SubtractFittedAndGradient(int[][] codes, double[] weights, Span<double> residual, ReadOnlySpan<double> coefficients, Span<double> gradient)
    {
        gradient.Clear();
        ref var w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref var a = ref MemoryMarshal.GetReference(coefficients);
        ref var ga = ref MemoryMarshal.GetReference(gradient);
        ref var r = ref MemoryMarshal.GetReference(residual);
        var n = Length;
        for (var i = 0; i < n; i++)
        {
            var fitted = 0.0;
            for (var k = 0; k < _levels.Length; k++)
            {
                fitted += Unsafe.Add(ref a, _offsets[k] + codes[k][i]);
            }

            ref var ri = ref Unsafe.Add(ref r, i);
            var v = ri - fitted;
            ri = v;
            var wv = Unsafe.Add(ref w, i) * v;
            for (var k = 0; k < _levels.Length; k++)
            {
                Unsafe.Add(ref ga, _offsets[k] + codes[k][i]) += wv;
            }
        }
    }

    // The observations reordered by the level of the factor with the most levels (a counting sort, stable): conjugate gradients
    // then read that factor's coefficients sequentially, and, on designs where another factor follows it (firms within a window of
    // individuals), that one nearly so. Built once, on the first conjugate-gradient projection.
    private SortedLayout Layout()
    {
        lock (_layoutLock)
        {
            if (_layout is null)
            {
                var widest = 0;
                for (var k = 1; k < _levels.Length; k++)
                {
                    if (_levels[k] > _levels[widest])
                    {
                        widest = k;
                    }
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                _layout = new SortedLayout(_codes, _levels[widest], widest);
                _layout.SetWeights(_weights);
                if (CoarseSize > 0 && _levels[widest] > 4 * CoarseSize)
                {
                    _coarse = new FixedEffectCoarseSpace(_codes, _levels, _offsets, CoarseSize);
                    _coarse.SetWeights(_weights);
                }

                if (Environment.GetEnvironmentVariable("TIGHTROPE_TRACE") is not null)
                {
                    Console.Error.WriteLine($"fixed effects: sorted layout and coarse space ({_coarse?.Size ?? 0} unknowns) built in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F3} s");
                }
            }

            return _layout;
        }
    }

    private sealed class SortedLayout
    {
        public SortedLayout(int[][] codes, int levels, int key)
        {
            Key = key;
            var n = codes[0].Length;
            var start = new int[levels + 1];
            var keyCodes = codes[key];
            for (var i = 0; i < n; i++)
            {
                start[keyCodes[i] + 1]++;
            }

            for (var g = 0; g < levels; g++)
            {
                start[g + 1] += start[g];
            }

            Order = new int[n];
            for (var i = 0; i < n; i++)
            {
                Order[start[keyCodes[i]]++] = i;
            }

            Codes = new int[codes.Length][];
            for (var k = 0; k < codes.Length; k++)
            {
                var c = codes[k];
                var sorted = new int[n];
                for (var j = 0; j < n; j++)
                {
                    sorted[j] = c[Order[j]];
                }

                Codes[k] = sorted;
            }

            Weights = new double[n];
        }

        public int[] Order { get; }

        public int Key { get; }

        public int[][] Codes { get; }

        public double[] Weights { get; }

        public void SetWeights(double[] weights)
        {
            for (var j = 0; j < Order.Length; j++)
            {
                Weights[j] = weights[Order[j]];
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
