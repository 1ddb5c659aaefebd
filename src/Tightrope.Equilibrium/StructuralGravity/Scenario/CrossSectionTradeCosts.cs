using Tightrope.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>
/// Costs from one cross-section PPML with exporter and importer effects (spec structural-gravity-ge-app1.md §4):
/// t_ij = exp(Σ_k β_k x_kij) over the listed regressors, domestic pairs included (so t_ii need not be 1).
/// </summary>
/// <param name="Flows">Observed flows of the year, domestic sales included.</param>
/// <param name="Terms">Regressor labels, in coefficient order (e.g. log(DIST), CNTG, INTL_BRDR).</param>
/// <param name="Coefficients">Estimated β.</param>
/// <param name="Covariance">Their robust covariance, row-major.</param>
/// <param name="Regressors">Per term, its value as an exporter × importer matrix.</param>
/// <param name="Fit">The PPML fit.</param>
public sealed record CrossSectionCostEstimate(
    PairMatrix Flows, IReadOnlyList<string> Terms, double[] Coefficients, double[] Covariance, IReadOnlyList<double[]> Regressors, GravityFit Fit)
{
    /// <summary>Costs with coefficients <paramref name="beta"/>, leaving out the terms in <paramref name="removed"/>.</summary>
    public PairMatrix Costs(double[] beta, IReadOnlyCollection<string>? removed = null)
    {
        var countries = Flows.Countries;
        var n = countries.Count;
        var log = new double[n * n];
        for (var k = 0; k < Terms.Count; k++)
        {
            if (removed is not null && removed.Contains(Terms[k]))
            {
                continue;
            }

            for (var p = 0; p < n * n; p++)
            {
                log[p] += beta[k] * Regressors[k][p];
            }
        }

        return CostMatrices.Wrap(countries, log.Select(Math.Exp).ToArray(), "trade costs");
    }
}

/// <summary>Estimates <see cref="CrossSectionCostEstimate"/> from one year of a panel.</summary>
public static class CrossSectionTradeCosts
{
    /// <summary>Fits flow ~ terms | exporter + importer on every pair of the year (zeros and domestic pairs kept).</summary>
    public static CrossSectionCostEstimate Estimate(GravityPanel panel, int? year, IReadOnlyList<string> terms, MoneyUnit unit)
    {
        if (terms.Count == 0)
        {
            throw new ArgumentException("the cross-section cost model needs at least one regressor.");
        }

        var flows = panel.FlowMatrix(year, unit);
        var subset = new bool[panel.Flows.Length];
        foreach (var r in panel.RowsOf(year))
        {
            subset[r] = true;
        }

        var fit = GravityEstimator.Fit(panel.Table, $"{panel.FlowColumn} ~ {string.Join(" + ", terms)} | exporter + importer",
            new EstimationOptions { Subset = subset, Tolerance = 1e-14, InnerTolerance = 1e-13 });
        var labels = fit.Coefficients.Select(c => c.Term).ToList();
        var missing = GravityFormula.Parse($"y ~ {string.Join(" + ", terms)}").Regressors.Select(t => t.Label).Where(l => !labels.Contains(l)).ToList();
        if (missing.Count > 0)
        {
            throw new DataFormatException(panel.Source, null, string.Join(", ", missing), "the regressor was dropped from the fit (collinear with the fixed effects or constant); its cost effect is not identified.");
        }

        var beta = fit.Coefficients.Select(c => c.Estimate).ToArray();
        var k = beta.Length;
        var covariance = new double[k * k];
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                covariance[(a * k) + b] = fit.Covariance[a, b];
            }
        }

        var regressors = fit.Formula.Regressors
            .Select(term => panel.Matrix(year, flows.Countries, GravityEstimator.TermValues(panel.Table, term), term.Label))
            .ToList();
        return new CrossSectionCostEstimate(flows, labels, beta, covariance, regressors, fit);
    }
}
