using System.Numerics.Tensors;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The CES demand step both tariff systems share: given exporter shifters a_i and the per-pair constants
/// b_ij = λ_ij (1+t_ij)^(−εφ_j), it allocates each importer's new spending E'_j across origins.
/// All matrices are exporter × importer, row-major, n×n.
/// </summary>
internal static class DemandAllocation
{
    /// <summary>
    /// Writes S_j = Σ_k a_k b_kj, λ'_ij = a_i b_ij / S_j, flows at producer prices X'_ij = λ'_ij E'_j / (1+t_ij),
    /// the revenue share ρ_j = Σ_i λ'_ij t_ij/(1+t_ij), imports Σ_i X'_ij and origin sales Σ_j (1−ν_j) X'_ij.
    /// </summary>
    public static void Allocate(
        int n, ReadOnlySpan<double> shifter, double[] b, double[] producerFactor, double[] revenueFactor, double[] oneMinusNu,
        double[] expenditure, double[] columnSum, double[] shares, double[] flows, double[] revenueShare, double[] imports, double[] sales)
    {
        Array.Clear(columnSum);
        for (var i = 0; i < n; i++)
        {
            var lam = shares.AsSpan(i * n, n);
            TensorPrimitives.Multiply(b.AsSpan(i * n, n), shifter[i], lam);
            TensorPrimitives.Add(columnSum, lam, columnSum);
        }

        Array.Clear(revenueShare);
        Array.Clear(imports);
        for (var i = 0; i < n; i++)
        {
            var lam = shares.AsSpan(i * n, n);
            var row = flows.AsSpan(i * n, n);
            TensorPrimitives.Divide(lam, columnSum, lam);
            TensorPrimitives.Multiply(lam, expenditure, row);
            TensorPrimitives.Multiply(row, producerFactor.AsSpan(i * n, n), row);
            TensorPrimitives.MultiplyAdd(lam, revenueFactor.AsSpan(i * n, n), revenueShare, revenueShare);
            TensorPrimitives.Add(imports, row, imports);
            sales[i] = TensorPrimitives.Dot(row, oneMinusNu);
        }
    }
}
