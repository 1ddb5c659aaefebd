using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.StructuralGravity;

/// <summary>
/// A solution of the multilateral-resistance system Ω_i = Σ_j t_ij E_j/Φ_j, Φ_j = Σ_i t_ij Y_i/Ω_i with Φ_R = 1,
/// i.e. a Poisson fit with exporter and importer effects and offset ln t. Ω carries the scale of world output (OMR),
/// Φ is the inward resistance P^(1−σ) (IMR).
/// </summary>
public sealed record MultilateralResistances(double[] Output, double[] Expenditure, double[] Omr, double[] Imr, double[] FittedFlows, int Sweeps)
{
    /// <summary>Exporter fixed effect in levels a_i = Y_i E_R / Ω_i.</summary>
    public double ExporterEffect(int i, int reference) => Output[i] * Expenditure[reference] / Omr[i];

    /// <summary>Importer fixed effect in levels b_j = E_j / (Φ_j E_R), with b_R = 1.</summary>
    public double ImporterEffect(int j, int reference) => Expenditure[j] / (Imr[j] * Expenditure[reference]);

    /// <summary>Exports of every country from the fitted flows, excluding domestic sales.</summary>
    public double[] Exports()
    {
        var n = Output.Length;
        var xi = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    xi[i] += FittedFlows[(i * n) + j];
                }
            }
        }

        return xi;
    }

    /// <summary>Solves the system for costs <paramref name="costs"/>, outputs Y and expenditures E (ΣY = ΣE).</summary>
    public static MultilateralResistances Solve(
        PairMatrix costs, double[] output, double[] expenditure, int reference, double tolerance = 1e-14, double[]? warmImr = null)
    {
        var n = output.Length;
        // u_i K_ij v_j with K = t, u = Y/Ω, v = E/Φ reproduces the fitted flows Y_i E_j t_ij / (Ω_i Φ_j).
        double[]? warm = warmImr is null ? null : expenditure.Select((e, j) => e / warmImr[j]).ToArray();
        var balanced = MatrixBalancing.Balance(costs.Values, n, n, output, expenditure, tolerance, initialColumnScale: warm);
        var omr = new double[n];
        var imr = new double[n];
        for (var j = 0; j < n; j++)
        {
            imr[j] = expenditure[j] / balanced.ColumnScale[j];
        }

        var scale = imr[reference];
        for (var i = 0; i < n; i++)
        {
            imr[i] /= scale;
            omr[i] = output[i] / balanced.RowScale[i] * scale;
        }

        var fitted = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                fitted[(i * n) + j] = balanced.RowScale[i] * costs[i, j] * balanced.ColumnScale[j];
            }
        }

        return new MultilateralResistances(output, expenditure, omr, imr, fitted, balanced.Sweeps);
    }
}
