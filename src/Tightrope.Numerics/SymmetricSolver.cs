namespace Tightrope.Numerics;

/// <summary>
/// Cholesky factorisation of a symmetric positive semi-definite matrix that skips (drops) columns which are,
/// to a relative tolerance, linear combinations of earlier ones; solves and inverts on the kept columns.
/// </summary>
public sealed class SymmetricSolver
{
    private readonly double[] _l;
    private readonly int _n;

    private SymmetricSolver(double[] l, int n, int[] kept, int[] dropped)
    {
        _l = l;
        _n = n;
        Kept = kept;
        Dropped = dropped;
    }

    /// <summary>Indices of the columns kept, ascending.</summary>
    public IReadOnlyList<int> Kept { get; }

    /// <summary>Indices of the columns dropped as collinear with earlier ones.</summary>
    public IReadOnlyList<int> Dropped { get; }

    /// <summary>
    /// Factorises <paramref name="matrix"/> (row-major, n×n, not modified). A column is dropped when its pivot falls below
    /// <paramref name="relativeTolerance"/> times its original diagonal (or the diagonal is not positive).
    /// </summary>
    public static SymmetricSolver Factor(ReadOnlySpan<double> matrix, int n, double relativeTolerance = 1e-9) => Factor(matrix, n, relativeTolerance, default);

    /// <summary>
    /// As <see cref="Factor(ReadOnlySpan{double}, int, double)"/>, but a column is also dropped when its diagonal is below the tolerance times
    /// <paramref name="referenceDiagonal"/> (e.g. the diagonal before partialling out other effects, to catch columns those effects absorb).
    /// </summary>
    public static SymmetricSolver Factor(ReadOnlySpan<double> matrix, int n, double relativeTolerance, ReadOnlySpan<double> referenceDiagonal)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException("The matrix must be n×n.");
        }

        var kept = new List<int>();
        var dropped = new List<int>();
        var m = kept.Count;
        var l = new double[n * n];
        foreach (var j in Enumerable.Range(0, n))
        {
            m = kept.Count;
            var diag = matrix[(j * n) + j];
            if (referenceDiagonal.Length == n && !(diag > relativeTolerance * referenceDiagonal[j]))
            {
                dropped.Add(j);
                continue;
            }

            var row = new double[m + 1];
            for (var a = 0; a < m; a++)
            {
                var sum = matrix[(kept[a] * n) + j];
                for (var b = 0; b < a; b++)
                {
                    sum -= l[(a * n) + b] * row[b];
                }

                row[a] = sum / l[(a * n) + a];
            }

            var pivot = diag;
            for (var b = 0; b < m; b++)
            {
                pivot -= row[b] * row[b];
            }

            if (!(diag > 0) || !(pivot > relativeTolerance * diag))
            {
                dropped.Add(j);
                continue;
            }

            for (var b = 0; b < m; b++)
            {
                l[(m * n) + b] = row[b];
            }

            l[(m * n) + m] = Math.Sqrt(pivot);
            kept.Add(j);
        }

        return new SymmetricSolver(l, n, [.. kept], [.. dropped]);
    }

    /// <summary>Solves A x = b restricted to the kept columns: <paramref name="rhs"/> holds b for the kept indices (length Kept.Count) and is overwritten by x.</summary>
    public void Solve(Span<double> rhs)
    {
        var m = Kept.Count;
        if (rhs.Length != m)
        {
            throw new ArgumentException("The right-hand side must have one entry per kept column.");
        }

        for (var i = 0; i < m; i++)
        {
            var s = rhs[i];
            for (var k = 0; k < i; k++)
            {
                s -= _l[(i * _n) + k] * rhs[k];
            }

            rhs[i] = s / _l[(i * _n) + i];
        }

        for (var i = m - 1; i >= 0; i--)
        {
            var s = rhs[i];
            for (var k = i + 1; k < m; k++)
            {
                s -= _l[(k * _n) + i] * rhs[k];
            }

            rhs[i] = s / _l[(i * _n) + i];
        }
    }

    /// <summary>The inverse of the kept sub-matrix (Kept.Count × Kept.Count, row-major).</summary>
    public double[] Inverse()
    {
        var m = Kept.Count;
        var inv = new double[m * m];
        var e = new double[m];
        for (var j = 0; j < m; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            Solve(e);
            for (var i = 0; i < m; i++)
            {
                inv[(i * m) + j] = e[i];
            }
        }

        return inv;
    }
}
