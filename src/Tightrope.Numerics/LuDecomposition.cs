using System.Numerics.Tensors;

namespace Tightrope.Numerics;

/// <summary>In-place LU factorisation with partial pivoting of a square <see cref="DenseMatrix"/>, and solves with it.</summary>
public sealed class LuDecomposition
{
    private readonly DenseMatrix _lu;
    private readonly int[] _pivot;

    private LuDecomposition(DenseMatrix lu, int[] pivot, bool singular)
    {
        _lu = lu;
        _pivot = pivot;
        IsSingular = singular;
    }

    /// <summary>True when a zero (or non-finite) pivot was met; <see cref="Solve"/> must not be used then.</summary>
    public bool IsSingular { get; }

    /// <summary>Factorises <paramref name="matrix"/> in place (its contents are overwritten by L and U).</summary>
    public static LuDecomposition FactorInPlace(DenseMatrix matrix)
    {
        var n = matrix.Rows;
        if (matrix.Columns != n)
        {
            throw new ArgumentException("LU needs a square matrix.");
        }

        var a = matrix.Data;
        var pivot = new int[n];
        var singular = false;
        for (var k = 0; k < n; k++)
        {
            var p = k;
            var max = Math.Abs(a[(k * n) + k]);
            for (var i = k + 1; i < n; i++)
            {
                var v = Math.Abs(a[(i * n) + k]);
                if (v > max)
                {
                    max = v;
                    p = i;
                }
            }

            pivot[k] = p;
            if (p != k)
            {
                var rowK = a.AsSpan(k * n, n);
                var rowP = a.AsSpan(p * n, n);
                for (var c = 0; c < n; c++)
                {
                    (rowK[c], rowP[c]) = (rowP[c], rowK[c]);
                }
            }

            var diag = a[(k * n) + k];
            if (diag == 0 || !double.IsFinite(diag))
            {
                singular = true;
                continue;
            }

            var tail = n - k - 1;
            if (tail == 0)
            {
                continue;
            }

            ReadOnlySpan<double> pivotRow = a.AsSpan((k * n) + k + 1, tail);
            for (var i = k + 1; i < n; i++)
            {
                var l = a[(i * n) + k] / diag;
                a[(i * n) + k] = l;
                if (l != 0)
                {
                    var row = a.AsSpan((i * n) + k + 1, tail);
                    // row -= l * pivotRow, vectorised
                    TensorPrimitives.MultiplyAdd(pivotRow, -l, row, row);
                }
            }
        }

        return new LuDecomposition(matrix, pivot, singular);
    }

    /// <summary>Solves A x = b, overwriting <paramref name="rhs"/> with x.</summary>
    public void Solve(Span<double> rhs)
    {
        if (IsSingular)
        {
            throw new InvalidOperationException("The matrix is singular.");
        }

        var n = _lu.Rows;
        var a = _lu.Data;
        for (var k = 0; k < n; k++)
        {
            var p = _pivot[k];
            if (p != k)
            {
                (rhs[k], rhs[p]) = (rhs[p], rhs[k]);
            }
        }

        for (var i = 1; i < n; i++)
        {
            rhs[i] -= TensorPrimitives.Dot(a.AsSpan(i * n, i), rhs[..i]);
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = TensorPrimitives.Dot(a.AsSpan((i * n) + i + 1, n - i - 1), rhs.Slice(i + 1, n - i - 1));
            rhs[i] = (rhs[i] - s) / a[(i * n) + i];
        }
    }
}
