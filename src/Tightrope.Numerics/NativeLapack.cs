using System.Runtime.InteropServices;

namespace Tightrope.Numerics;

/// <summary>
/// The dense kernels (LU, matrix product) of a system BLAS/LAPACK, loaded at first use: OpenBLAS
/// (<c>libopenblas.so.0</c>) when present, else the reference <c>liblapack.so.3</c> + <c>libblas.so.3</c>. Set
/// <c>TIGHTROPE_LAPACK=managed</c> to use the managed kernels, or <c>TIGHTROPE_LAPACK=native</c> to fail when no
/// library loads. OpenBLAS is pinned to one thread: callers parallelise across solves, and one thread keeps every
/// product bit-for-bit reproducible.
/// </summary>
public static unsafe class NativeLapack
{
    /// <summary>Environment variable choosing the backend: <c>auto</c> (default), <c>native</c> or <c>managed</c>.</summary>
    public const string EnvironmentVariable = "TIGHTROPE_LAPACK";

    private static readonly Lazy<Library?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when a native library is in use.</summary>
    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>What the dense kernels run on, for benchmark and diagnostic output.</summary>
    public static string Description => Loaded.Value?.Name ?? "managed (no native LAPACK loaded)";

    internal static Library? Native => Loaded.Value;

    private static Library? Load()
    {
        var mode = (Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "auto").Trim().ToLowerInvariant();
        if (mode == "managed")
        {
            return null;
        }

        if (mode is not ("auto" or "native" or ""))
        {
            throw new ArgumentException($"{EnvironmentVariable}='{mode}' is not one of auto, native, managed.");
        }

        var library = TryLoad("libopenblas.so.0", null) ?? TryLoad("liblapack.so.3", "libblas.so.3");
        if (library is null && mode == "native")
        {
            throw new DllNotFoundException(
                $"{EnvironmentVariable}=native but neither libopenblas.so.0 nor liblapack.so.3 + libblas.so.3 could be loaded; install libopenblas0 (scripts/install-deps.sh).");
        }

        return library;
    }

    private static Library? TryLoad(string lapackName, string? blasName)
    {
        if (!NativeLibrary.TryLoad(lapackName, out var lapack))
        {
            return null;
        }

        var blas = lapack;
        if (blasName is not null && !NativeLibrary.TryLoad(blasName, out blas))
        {
            return null;
        }

        if (!NativeLibrary.TryGetExport(lapack, "dgetrf_", out var getrf) || !NativeLibrary.TryGetExport(lapack, "dgetrs_", out var getrs) ||
            !NativeLibrary.TryGetExport(blas, "dgemm_", out var gemm))
        {
            return null;
        }

        if (NativeLibrary.TryGetExport(blas, "openblas_set_num_threads", out var setThreads))
        {
            ((delegate* unmanaged<int, void>)setThreads)(1);
        }

        // Single precision is optional: without it, single-precision factors fall back to double.
        NativeLibrary.TryGetExport(lapack, "sgetrf_", out var sgetrf);
        NativeLibrary.TryGetExport(lapack, "sgetrs_", out var sgetrs);
        NativeLibrary.TryGetExport(blas, "dsyrk_", out var syrk);
        return new Library(blasName is null ? lapackName : $"{lapackName} + {blasName}", getrf, getrs, gemm, sgetrf, sgetrs, syrk);
    }

    /// <summary>Entry points of a loaded library (Fortran calling convention: every argument by reference).</summary>
    internal sealed class Library(string name, nint getrf, nint getrs, nint gemm, nint sgetrf, nint sgetrs, nint syrk)
    {
        public string Name { get; } = name;

        /// <summary>True when <c>dsyrk</c> is exported.</summary>
        public bool HasSyrk => syrk != 0;

        /// <summary>Column-major C = op(A)ᵀ·op(A) on one triangle: <c>dsyrk</c> with alpha 1, beta 0 (C n×n, inner dimension k).</summary>
        public void Syrk(bool upper, bool transA, int n, int k, double* a, int lda, double* c, int ldc)
        {
            var uplo = (byte)(upper ? 'U' : 'L');
            var ta = (byte)(transA ? 'T' : 'N');
            double alpha = 1, beta = 0;
            ((delegate* unmanaged<byte*, byte*, int*, int*, double*, double*, int*, double*, double*, int*, nuint, nuint, void>)syrk)(
                &uplo, &ta, &n, &k, &alpha, a, &lda, &beta, c, &ldc, 1, 1);
        }

        /// <summary>True when the single-precision LU (<c>sgetrf</c>/<c>sgetrs</c>) is exported too.</summary>
        public bool HasSingle => sgetrf != 0 && sgetrs != 0;

        /// <summary>Single-precision <see cref="Getrf"/>.</summary>
        public int Sgetrf(int n, float* a, int* pivots)
        {
            int m = n, nn = n, lda = n, info = 0;
            ((delegate* unmanaged<int*, int*, float*, int*, int*, int*, void>)sgetrf)(&m, &nn, a, &lda, pivots, &info);
            return info;
        }

        /// <summary>Single-precision <see cref="Getrs"/>.</summary>
        public int Sgetrs(bool transpose, int n, float* a, int* pivots, float* b)
        {
            var trans = (byte)(transpose ? 'T' : 'N');
            int nn = n, nrhs = 1, lda = n, ldb = n, info = 0;
            ((delegate* unmanaged<byte*, int*, int*, float*, int*, int*, float*, int*, int*, nuint, void>)sgetrs)(&trans, &nn, &nrhs, a, &lda, pivots, b, &ldb, &info, 1);
            return info;
        }

        /// <summary>LU with partial pivoting of a column-major n×n matrix; returns LAPACK's info (0 = ok, &gt;0 = singular).</summary>
        public int Getrf(int n, double* a, int* pivots)
        {
            int m = n, nn = n, lda = n, info = 0;
            ((delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)getrf)(&m, &nn, a, &lda, pivots, &info);
            return info;
        }

        /// <summary>Solves with a factor from <see cref="Getrf"/>; <paramref name="transpose"/> solves with its transpose.</summary>
        public int Getrs(bool transpose, int n, double* a, int* pivots, double* b)
        {
            var trans = (byte)(transpose ? 'T' : 'N');
            int nn = n, nrhs = 1, lda = n, ldb = n, info = 0;
            ((delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, nuint, void>)getrs)(&trans, &nn, &nrhs, a, &lda, pivots, b, &ldb, &info, 1);
            return info;
        }

        /// <summary>Column-major C = op(A)·op(B), C m×n, inner dimension k.</summary>
        public void Gemm(bool transA, bool transB, int m, int n, int k, double* a, int lda, double* b, int ldb, double* c, int ldc)
        {
            var ta = (byte)(transA ? 'T' : 'N');
            var tb = (byte)(transB ? 'T' : 'N');
            double alpha = 1, beta = 0;
            ((delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, nuint, nuint, void>)gemm)(
                &ta, &tb, &m, &n, &k, &alpha, a, &lda, b, &ldb, &beta, c, &ldc, 1, 1);
        }
    }
}
