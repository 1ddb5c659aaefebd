using System.Numerics.Tensors;

namespace Tightrope.Numerics;

/// <summary>The scalings found by <see cref="MatrixBalancing"/>: u_i K_ij v_j has the requested row and column sums.</summary>
/// <param name="RowScale">u, one per row.</param>
/// <param name="ColumnScale">v, one per column.</param>
/// <param name="Sweeps">Alternating row/column sweeps taken.</param>
/// <param name="RelativeChange">Largest relative change of the last sweep.</param>
public sealed record BalancingResult(double[] RowScale, double[] ColumnScale, int Sweeps, double RelativeChange);

/// <summary>
/// Bi-proportional scaling (RAS / Sinkhorn–Knopp): find positive u, v with Σ_j u_i K_ij v_j = r_i and
/// Σ_i u_i K_ij v_j = c_j for a non-negative n×m matrix K. It is the solution of a Poisson regression with row and
/// column fixed effects and offset ln K, and of the multilateral-resistance system of structural gravity.
/// </summary>
public static class MatrixBalancing
{
    /// <summary>
    /// Alternates u ← r / (K v) and v ← c / (Kᵀ u) from <paramref name="initialColumnScale"/> (ones by default) until the
    /// largest relative change in u and v is below <paramref name="tolerance"/>. Σr must equal Σc for a solution to exist.
    /// </summary>
    public static BalancingResult Balance(
        ReadOnlySpan<double> kernel, int rows, int columns, ReadOnlySpan<double> rowTargets, ReadOnlySpan<double> columnTargets,
        double tolerance = 1e-14, int maxSweeps = 100_000, ReadOnlySpan<double> initialColumnScale = default)
    {
        if (kernel.Length != rows * columns || rowTargets.Length != rows || columnTargets.Length != columns)
        {
            throw new ArgumentException($"Balancing needs a {rows}×{columns} kernel with {rows} row and {columns} column targets.");
        }

        var u = new double[rows];
        var v = new double[columns];
        if (initialColumnScale.IsEmpty)
        {
            Array.Fill(v, 1.0);
        }
        else
        {
            initialColumnScale.CopyTo(v);
        }

        var columnSums = new double[columns];
        var change = double.PositiveInfinity;
        for (var sweep = 1; sweep <= maxSweeps; sweep++)
        {
            change = 0;
            for (var i = 0; i < rows; i++)
            {
                var denominator = TensorPrimitives.Dot(kernel.Slice(i * columns, columns), v);
                var updated = rowTargets[i] == 0 ? 0 : rowTargets[i] / denominator;
                change = Math.Max(change, RelativeChange(u[i], updated));
                u[i] = updated;
            }

            Array.Clear(columnSums);
            for (var i = 0; i < rows; i++)
            {
                TensorPrimitives.MultiplyAdd(kernel.Slice(i * columns, columns), u[i], columnSums, columnSums);
            }

            for (var j = 0; j < columns; j++)
            {
                var updated = columnTargets[j] == 0 ? 0 : columnTargets[j] / columnSums[j];
                change = Math.Max(change, RelativeChange(v[j], updated));
                v[j] = updated;
            }

            if (!double.IsFinite(change))
            {
                throw new SolverDidNotConvergeException("balancing produced a non-finite scale (a row or column of the kernel is all zero while its target is not)", sweep, double.NaN);
            }

            // The first sweep compares against the starting guess of u (zeros), so it never counts as converged.
            if (sweep > 1 && change < tolerance)
            {
                return new BalancingResult(u, v, sweep, change);
            }
        }

        throw new SolverDidNotConvergeException($"bi-proportional balancing did not settle in {maxSweeps} sweeps", maxSweeps, change);
    }

    private static double RelativeChange(double old, double updated) =>
        updated == old ? 0 : updated == 0 ? 1 : Math.Abs(updated - old) / Math.Abs(updated);
}
