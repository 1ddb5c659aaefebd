using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>
/// What the two-stage procedure estimates (spec structural-gravity-ge.md §4): the agreement coefficient β with its
/// variance, the time-invariant pair costs t̄_ij = exp(γ_ij) of the base year (γ_ii = 0), which of them were filled by
/// the cross-section (stage 2), and the agreement dummy of the base year.
/// </summary>
/// <param name="Countries">Countries of the base year, in matrix order.</param>
/// <param name="Flows">Observed base-year flows, domestic sales included.</param>
/// <param name="Beta">Stage-1 agreement coefficient β.</param>
/// <param name="BetaVariance">Its estimated variance (robust).</param>
/// <param name="PairCost">t̄_ij, row-major exporter × importer.</param>
/// <param name="Filled">Entries of <paramref name="PairCost"/> predicted by stage 2.</param>
/// <param name="Agreement">The agreement dummy of the base year, row-major.</param>
/// <param name="Stage1">The panel fit.</param>
/// <param name="Stage2">The cross-section fit, when some pair cost was missing.</param>
public sealed record TwoStageCostEstimate(
    CountrySet Countries,
    PairMatrix Flows,
    double Beta,
    double BetaVariance,
    double[] PairCost,
    bool[] Filled,
    double[] Agreement,
    GravityFit Stage1,
    GravityFit? Stage2)
{
    /// <summary>Costs t_ij = t̄_ij exp(β · agreement_ij) with the agreement switched off for every ordered pair within <paramref name="removedAmong"/>.</summary>
    public PairMatrix Costs(double beta, IReadOnlyCollection<string>? removedAmong = null)
    {
        var n = Countries.Count;
        var removed = new bool[n];
        foreach (var iso in removedAmong ?? [])
        {
            removed[Countries.Require(iso)] = true;
        }

        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                var agreement = removed[i] && removed[j] && i != j ? 0 : Agreement[k];
                values[k] = PairCost[k] * Math.Exp(beta * agreement);
            }
        }

        return new PairMatrix(Countries, values, PairUnit.Factor);
    }

    /// <summary>Pair effect γ_ij = ln t̄_ij.</summary>
    public double Gamma(string exporter, string importer) =>
        Math.Log(PairCost[(Countries.Require(exporter) * Countries.Count) + Countries.Require(importer)]);
}

/// <summary>
/// The Anderson–Yotov two-stage estimation of bilateral trade costs (spec §4): a panel PPML with exporter-year,
/// importer-year and symmetric pair fixed effects (domestic pairs pooled in one category normalised to 0), then a
/// cross-section PPML of exp(γ) on gravity covariates to fill the pair costs stage 1 cannot identify.
/// </summary>
public static class TwoStageTradeCosts
{
    /// <summary>Name of the pooled domestic pair category.</summary>
    public const string DomesticPair = "domestic";

    /// <summary>Estimates on the given years and returns the base-year objects.</summary>
    /// <param name="panel">The panel (domestic flows included).</param>
    /// <param name="years">Years used in stage 1.</param>
    /// <param name="baseYear">Year of the GE baseline and of stage 2.</param>
    /// <param name="agreement">Name of the 0/1 agreement column (RTA, FTA).</param>
    /// <param name="fillCovariates">Stage-2 regressors in formula syntax (e.g. log(DIST), CNTG); empty when none may be missing.</param>
    /// <param name="unit">Unit of the flows.</param>
    public static TwoStageCostEstimate Estimate(
        GravityPanel panel, IReadOnlyCollection<int> years, int baseYear, string agreement, IReadOnlyList<string> fillCovariates, MoneyUnit unit)
    {
        if (!years.Contains(baseYear))
        {
            throw new ArgumentException($"the base year {baseYear} must be one of the estimation years ({string.Join(", ", years)}).");
        }

        var flows = panel.FlowMatrix(baseYear, unit);
        foreach (var year in years)
        {
            // Every year needs domestic flows for the pooled domestic category to pin down the pair effects.
            panel.FlowMatrix(year, unit);
        }

        var countries = flows.Countries;
        var n = countries.Count;
        var rows = panel.Exporters.Length;
        var pair = new string?[rows];
        var subset = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            var (e, m) = (panel.Exporters[r], panel.Importers[r]);
            pair[r] = e == m ? DomesticPair : string.CompareOrdinal(e, m) < 0 ? $"{e}-{m}" : $"{m}-{e}";
            subset[r] = years.Contains((int)panel.Years[r]);
        }

        // Pairs that trade in some estimation year are what connects the fixed effects; check before fitting, so a
        // disconnected panel is an error rather than a non-converging or arbitrary fit.
        var traded = new bool[n * n];
        for (var r = 0; r < rows; r++)
        {
            if (subset[r] && panel.Flows[r] > 0 && countries.Contains(panel.Exporters[r]) && countries.Contains(panel.Importers[r]))
            {
                traded[(countries.Require(panel.Exporters[r]) * n) + countries.Require(panel.Importers[r])] = true;
            }
        }

        RequireConnected(countries, traded, panel.Source);
        var table = panel.Table.With(new TextColumn("__pair", pair));
        var agreementValues = panel.Column(agreement);
        var stage1 = GravityEstimator.Fit(table, $"{panel.FlowColumn} ~ {agreement} | exporter^year + importer^year + __pair",
            new EstimationOptions { Subset = subset, Tolerance = 1e-14, InnerTolerance = 1e-13 });
        var beta = stage1[agreement];
        var pairEffects = stage1.FixedEffects().Single(f => f.Name == "__pair").Values;
        if (!pairEffects.TryGetValue(DomesticPair, out var domestic))
        {
            throw new DataFormatException(panel.Source, null, "exporter/importer", "no domestic flow entered the panel fit; the pair effects cannot be normalised.");
        }

        var baseRows = panel.RowsOf(baseYear);
        var gamma = new double[rows];
        Array.Fill(gamma, double.NaN);
        foreach (var r in baseRows)
        {
            if (pairEffects.TryGetValue(pair[r]!, out var g))
            {
                gamma[r] = g - domestic;
            }
        }

        var pairCost = panel.Matrix(baseYear, countries, gamma.Select(Math.Exp).ToArray(), "pair effect");
        var missing = Enumerable.Range(0, n * n).Where(k => double.IsNaN(pairCost[k])).ToList();
        var filled = new bool[n * n];
        GravityFit? stage2 = null;
        if (missing.Count > 0)
        {
            if (fillCovariates.Count == 0)
            {
                throw new DataFormatException(panel.Source, null, agreement,
                    $"{missing.Count} pair costs are not identified by the panel (pairs with zero trade in every year, e.g. {countries[missing[0] / n].Iso3}→{countries[missing[0] % n].Iso3}) and no covariates were given to fill them.");
            }

            RequireConnected(countries, pairCost.Select(c => !double.IsNaN(c)).ToArray(), panel.Source);
            var tbar = gamma.Select(Math.Exp).ToArray();
            var withT = table.With(new NumericColumn("__tbar", tbar));
            var stage2Subset = new bool[rows];
            foreach (var r in baseRows)
            {
                stage2Subset[r] = panel.Exporters[r] != panel.Importers[r] && !double.IsNaN(gamma[r]);
            }

            stage2 = GravityEstimator.Fit(withT, $"__tbar ~ {string.Join(" + ", fillCovariates)} | exporter + importer",
                new EstimationOptions { Subset = stage2Subset, Tolerance = 1e-14, InnerTolerance = 1e-13 });
            var predicted = stage2.Predict(withT);
            var predictedMatrix = panel.Matrix(baseYear, countries, predicted, "stage-2 prediction");
            foreach (var k in missing)
            {
                if (!(predictedMatrix[k] > 0) || !double.IsFinite(predictedMatrix[k]))
                {
                    throw new DataFormatException(panel.Source, null, string.Join(", ", fillCovariates),
                        $"the cross-section cannot predict the pair cost {countries[k / n].Iso3}→{countries[k % n].Iso3} (got {predictedMatrix[k]}); a covariate is missing or a country has no estimated pair effect.");
                }

                pairCost[k] = predictedMatrix[k];
                filled[k] = true;
            }
        }

        var agreementMatrix = panel.Matrix(baseYear, countries, agreementValues, agreement);
        var variance = stage1.Covariance[IndexOf(stage1, agreement), IndexOf(stage1, agreement)];
        return new TwoStageCostEstimate(countries, flows, beta.Estimate, variance, pairCost, filled, agreementMatrix, stage1, stage2);
    }

    private static int IndexOf(GravityFit fit, string term)
    {
        for (var i = 0; i < fit.Coefficients.Count; i++)
        {
            if (fit.Coefficients[i].Term == term)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"no coefficient '{term}'.");
    }

    /// <summary>
    /// Pair effects, and stage 2's predictions of missing pair costs from exporter and importer effects, are only
    /// comparable within a connected group of trading countries; across groups they would be arbitrary. Refuse instead.
    /// </summary>
    private static void RequireConnected(CountrySet countries, bool[] linked, string source)
    {
        var n = countries.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        var touched = new bool[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && linked[(i * n) + j])
                {
                    touched[i] = touched[j] = true;
                    parent[Find(i)] = Find(j);
                }
            }
        }

        var isolated = Enumerable.Range(0, n).Where(i => !touched[i]).Select(i => countries[i].Iso3).ToList();
        if (isolated.Count > 0)
        {
            throw new DataFormatException(source, null, "trade",
                $"{string.Join(", ", isolated)} trade(s) with no partner in any year: the fixed-effect structure is disconnected and their pair costs cannot be estimated.");
        }

        var groups = Enumerable.Range(0, n).GroupBy(Find).ToList();
        if (groups.Count > 1)
        {
            throw new DataFormatException(source, null, "trade",
                $"the trading pairs split the countries into {groups.Count} disconnected groups ({string.Join(" | ", groups.Select(g => string.Join(" ", g.Take(5).Select(i => countries[i].Iso3))))}); missing pair costs between groups are not identified.");
        }
    }
}
