using System.Numerics.Tensors;

namespace Tightrope.Numerics;

/// <summary>Dense matrix products on row-major storage, through <see cref="NativeLapack"/> when loaded.</summary>
public static unsafe class DenseKernels
{
    /// <summary>
    /// C = A·Bᵀ with A m×k, B n×k and C m×n, all row-major: C_ij = Σ_l A_il B_jl (rows of A against rows of B).
    /// </summary>
    public static void MultiplyByTranspose(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n, int k)
    {
        if (a.Length < m * k || b.Length < n * k || c.Length < m * n)
        {
            throw new ArgumentException("Matrix buffers are smaller than their shapes.");
        }

        var native = NativeLapack.Native;
        if (native is not null)
        {
            // Row-major C (m×n) is column-major Cᵀ = B·Aᵀ; row-major B is column-major Bᵀ (k×n), A likewise.
            fixed (double* pa = a, pb = b, pc = c)
            {
                native.Gemm(true, false, n, m, k, pb, k, pa, k, pc, n);
            }

            return;
        }

        // Managed: four rows of B at a time against one row of A keeps the A row in cache and halves the loads.
        for (var i = 0; i < m; i++)
        {
            var ai = a.Slice(i * k, k);
            var ci = c.Slice(i * n, n);
            for (var j = 0; j < n; j++)
            {
                ci[j] = TensorPrimitives.Dot(ai, b.Slice(j * k, k));
            }
        }
    }
}

/// <summary>Symmetric products on row-major storage.</summary>
public static unsafe class SymmetricKernels
{
    /// <summary>
    /// C = A·Aᵀ with A m×k and C m×m, row-major, both triangles filled: C_ij = Σ_l A_il A_jl. Half the work of
    /// <see cref="DenseKernels.MultiplyByTranspose"/> with the native <c>dsyrk</c>.
    /// </summary>
    public static void MultiplyBySelfTranspose(ReadOnlySpan<double> a, Span<double> c, int m, int k)
    {
        if (a.Length < m * k || c.Length < m * m)
        {
            throw new ArgumentException("Matrix buffers are smaller than their shapes.");
        }

        var native = NativeLapack.Native;
        if (native is null || !native.HasSyrk)
        {
            DenseKernels.MultiplyByTranspose(a, a, c, m, m, k);
            return;
        }

        // Row-major A is column-major Aᵀ (k×m), so C = (Aᵀ)ᵀ(Aᵀ) is dsyrk with trans 'T'. Its column-major upper
        // triangle (i ≤ j at i + j·m) is the row-major lower triangle; the upper one is copied from it.
        fixed (double* pa = a, pc = c)
        {
            native.Syrk(true, true, m, k, pa, k, pc, m);
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = i + 1; j < m; j++)
            {
                c[(i * m) + j] = c[(j * m) + i];
            }
        }
    }
}

/// <summary>
/// A reusable LU factorisation (partial pivoting) of square n×n row-major matrices: LAPACK <c>dgetrf</c>/<c>dgetrs</c>
/// when a native library is loaded, else <see cref="LuDecomposition"/>. Buffers are allocated once.
/// </summary>
public sealed unsafe class DenseLuSolver
{
    private readonly int _n;
    private readonly double[] _factor;
    private readonly int[] _pivots;
    private readonly DenseMatrix? _managed;
    private LuDecomposition? _managedLu;
    private bool _singular = true;

    // Single-precision factor and right-hand side, when asked for and available.
    private readonly float[]? _single;
    private readonly float[]? _singleRhs;

    /// <summary>Creates a solver for n×n systems.</summary>
    /// <param name="n">Size of the systems.</param>
    /// <param name="singlePrecision">
    /// Factor and solve in single precision (half the time of double with the native library): for quasi-Newton methods,
    /// where the factor is only the starting approximation of the Jacobian and the residuals, the updates and the stopping
    /// test stay in double precision. Ignored (double precision) without a native library exporting <c>sgetrf</c>.
    /// </param>
    public DenseLuSolver(int n, bool singlePrecision = false)
    {
        _n = n;
        _pivots = new int[n];
        if (singlePrecision && NativeLapack.Native is { HasSingle: true })
        {
            _single = new float[n * n];
            _singleRhs = new float[n];
            _factor = [];
        }
        else if (NativeLapack.IsAvailable)
        {
            _factor = new double[n * n];
        }
        else
        {
            _managed = new DenseMatrix(n, n);
            _factor = _managed.Data;
        }
    }

    /// <summary>True when the last factorised matrix was singular (or not finite).</summary>
    public bool IsSingular => _singular;

    /// <summary>Factorises a copy of <paramref name="matrix"/>; returns false when it is singular.</summary>
    public bool Factor(DenseMatrix matrix)
    {
        if (matrix.Rows != _n || matrix.Columns != _n)
        {
            throw new ArgumentException($"Expected a {_n}×{_n} matrix, got {matrix.Rows}×{matrix.Columns}.");
        }

        var native = NativeLapack.Native;
        if (_single is not null)
        {
            TensorPrimitives.ConvertTruncating<double, float>(matrix.Data, _single);
            int status;
            fixed (float* a = _single)
            fixed (int* p = _pivots)
            {
                status = native!.Sgetrf(_n, a, p);
            }

            _singular = status != 0 || !float.IsFinite(TensorPrimitives.Sum<float>(_single));
            return !_singular;
        }

        matrix.Data.AsSpan().CopyTo(_factor);
        if (native is null)
        {
            _managedLu = LuDecomposition.FactorInPlace(_managed!);
            _singular = _managedLu.IsSingular;
            return !_singular;
        }

        // The row-major buffer is the column-major transpose: factor Aᵀ and solve with its transpose.
        int info;
        fixed (double* a = _factor)
        fixed (int* p = _pivots)
        {
            info = native.Getrf(_n, a, p);
        }

        _singular = info != 0 || !double.IsFinite(TensorPrimitives.Sum(_factor));
        return !_singular;
    }

    /// <summary>Solves A x = b with the last factor, overwriting <paramref name="rhs"/> with x.</summary>
    public void Solve(Span<double> rhs)
    {
        if (_singular)
        {
            throw new InvalidOperationException("The matrix is singular.");
        }

        if (_managedLu is not null && NativeLapack.Native is null)
        {
            _managedLu.Solve(rhs);
            return;
        }

        if (_single is not null)
        {
            TensorPrimitives.ConvertTruncating<double, float>(rhs, _singleRhs!);
            fixed (float* a = _single, b = _singleRhs)
            fixed (int* p = _pivots)
            {
                NativeLapack.Native!.Sgetrs(true, _n, a, p, b);
            }

            TensorPrimitives.ConvertChecked<float, double>(_singleRhs!, rhs);
            return;
        }

        fixed (double* a = _factor, b = rhs)
        fixed (int* p = _pivots)
        {
            NativeLapack.Native!.Getrs(true, _n, a, p, b);
        }
    }
}
