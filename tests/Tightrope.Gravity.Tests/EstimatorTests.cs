using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

public sealed class EstimatorTests
{
    /// <summary>A small random panel with two crossed factors and a regressor, as a table.</summary>
    private static ColumnarTable Panel(int seed, int n = 400, int levelsA = 12, int levelsB = 9, bool poisson = true)
    {
        var rng = new Random(seed);
        var a = new double[n];
        var b = new double[n];
        var x = new double[n];
        var z = new double[n];
        var y = new double[n];
        var id = new double[n];
        var fa = Enumerable.Range(0, levelsA).Select(_ => rng.NextDouble()).ToArray();
        var fb = Enumerable.Range(0, levelsB).Select(_ => rng.NextDouble()).ToArray();
        for (var i = 0; i < n; i++)
        {
            a[i] = i % levelsA;
            b[i] = rng.Next(levelsB);
            x[i] = rng.NextDouble() + (0.3 * fa[(int)a[i]]);
            z[i] = rng.NextDouble();
            id[i] = i;
            var eta = 0.5 + fa[(int)a[i]] + fb[(int)b[i]] + (0.7 * x[i]) - (0.4 * z[i]);
            y[i] = poisson ? Math.Round(Math.Exp(eta) * (0.5 + rng.NextDouble()), 2) : eta + rng.NextDouble() - 0.5;
        }

        var columns = new List<TableColumn>
        {
            new NumericColumn("y", y), new NumericColumn("x", x), new NumericColumn("z", z),
            new NumericColumn("a", a), new NumericColumn("b", b), new NumericColumn("id", id),
        };
        for (var l = 1; l < levelsA; l++)
        {
            columns.Add(new NumericColumn($"da{l}", [.. a.Select(v => v == l ? 1.0 : 0.0)]));
        }

        for (var l = 1; l < levelsB; l++)
        {
            columns.Add(new NumericColumn($"db{l}", [.. b.Select(v => v == l ? 1.0 : 0.0)]));
        }

        return new ColumnarTable("panel", columns);
    }

    private static string Dummies(int levelsA = 12, int levelsB = 9) =>
        string.Join(" + ", Enumerable.Range(1, levelsA - 1).Select(l => $"da{l}").Concat(Enumerable.Range(1, levelsB - 1).Select(l => $"db{l}")));

    [Theory]
    [InlineData(GravityModel.Ppml)]
    [InlineData(GravityModel.Ols)]
    public void Absorbed_fixed_effects_equal_explicit_dummies(GravityModel model)
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var table = Panel(seed, poisson: model == GravityModel.Ppml);
            var absorbed = GravityEstimator.Fit(table, "y ~ x + z | a + b", new EstimationOptions { Model = model });
            var dummies = GravityEstimator.Fit(table, $"y ~ x + z + {Dummies()}", new EstimationOptions { Model = model });
            foreach (var term in new[] { "x", "z" })
            {
                absorbed[term].Estimate.ShouldBe(dummies[term].Estimate, 1e-8);

                // PPML robust: n/(n−1) in both. OLS robust: N/(N−K) with K counting the absorbed levels, so equal too.
                absorbed[term].StdError.ShouldBe(dummies[term].StdError, 1e-7 * dummies[term].StdError);
            }
        }
    }

    [Fact]
    public void Two_way_clustering_with_an_observation_id_reduces_to_one_way()
    {
        var table = Panel(7);
        var one = GravityEstimator.Fit(table, "y ~ x + z | a", new EstimationOptions { Vcov = VcovSpec.Cluster("b") });
        var two = GravityEstimator.Fit(table, "y ~ x + z | a", new EstimationOptions { Vcov = VcovSpec.Cluster("b", "id") });
        two["x"].StdError.ShouldBe(one["x"].StdError, 1e-12);
        two.Statistics.Clusters.ShouldBe([9, 400]);
    }

    [Fact]
    public void Collinear_regressor_is_dropped_with_a_message()
    {
        var table = Panel(3);
        table = table.With(new NumericColumn("x2", [.. table.Numeric("x").Values.Select(v => 2 * v)]));
        table = table.With(new NumericColumn("ag", [.. table.Numeric("a").Values.Select(v => v * v)]));
        var fit = GravityEstimator.Fit(table, "y ~ x + x2 + ag + z | a + b");
        fit.DroppedTerms.Select(d => d.Term).ShouldBe(["x2", "ag"]);
        fit.Messages.ShouldContain(m => m.StartsWith("x2 dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void Prediction_with_recovered_fixed_effects_reproduces_fitted_values_and_normalises()
    {
        var table = Panel(11);
        var fit = GravityEstimator.Fit(table, "y ~ x + z | a + b", new EstimationOptions { Offset = "z" });
        var predicted = fit.Predict(table);
        var fitted = fit.Fitted();
        for (var i = 0; i < table.RowCount; i++)
        {
            predicted[i].ShouldBe(fitted[i], 1e-9 * fitted[i]);
        }

        // One reference level per connected component in the second dimension: the first level seen is zero.
        var b = fit.FixedEffects()[1];
        b.Values[table.Column("b").Text(0)].ShouldBe(0.0);
    }

    [Fact]
    public void Offset_with_coefficient_one_is_the_same_as_a_shifted_outcome_for_ols()
    {
        var table = Panel(5, poisson: false);
        var shifted = table.With(new NumericColumn("y2", [.. table.Numeric("y").Values.Zip(table.Numeric("z").Values, (y, z) => y - z)]));
        var withOffset = GravityEstimator.Fit(shifted, "y ~ x | a + b", new EstimationOptions { Model = GravityModel.Ols, Offset = "z" });
        var plain = GravityEstimator.Fit(shifted, "y2 ~ x | a + b", new EstimationOptions { Model = GravityModel.Ols });
        withOffset["x"].Estimate.ShouldBe(plain["x"].Estimate, 1e-10);
    }

    [Fact]
    public void Weights_equal_to_duplicated_rows_give_the_same_coefficients()
    {
        var table = Panel(9);
        var w = table.Numeric("id").Values.Select(i => i % 3 == 0 ? 2.0 : 1.0).ToArray();
        var weighted = GravityEstimator.Fit(table.With(new NumericColumn("w", w)), "y ~ x + z | a + b", new EstimationOptions { Weights = "w" });
        var rows = Enumerable.Range(0, table.RowCount).SelectMany(i => i % 3 == 0 ? new[] { i, i } : [i]).ToArray();
        var duplicated = new ColumnarTable("dup", [.. table.Columns.Select(c => (TableColumn)new NumericColumn(c.Name, [.. rows.Select(r => ((NumericColumn)c).Values[r])]))]);
        var plain = GravityEstimator.Fit(duplicated, "y ~ x + z | a + b");
        weighted["x"].Estimate.ShouldBe(plain["x"].Estimate, 1e-9);
    }

    [Fact]
    public void Chapter2_application1_cross_section_matches_the_book()
    {
        // TradeWithoutBorder2006.dta: 69 exporter and importer effects, robust standard errors (spec appendix §4.1).
        var data = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "TradeWithoutBorder2006.dta"));
        var fit = GravityEstimator.Fit(data, "trade ~ ln_DIST + CNTG + INTL_BRDR | exporter + importer");
        fit["ln_DIST"].Estimate.ShouldBe(-0.7912879, 1e-6 * 0.79);
        fit["CNTG"].Estimate.ShouldBe(0.6736456, 1e-6 * 0.67);
        fit["INTL_BRDR"].Estimate.ShouldBe(-2.4744505, 1e-6 * 2.47);
        fit["ln_DIST"].StdError.ShouldBe(0.0501494, 1e-6);
        fit["CNTG"].StdError.ShouldBe(0.1073719, 1e-6);
        fit["INTL_BRDR"].StdError.ShouldBe(0.1193816, 1e-6);
        fit.Statistics.Deviance.ShouldBe(4_542_201.97, 0.01);
        fit.Statistics.LogLikelihood.ShouldBe(-2_284_121.5, 0.05);
        fit.Statistics.SquaredCorrelation.ShouldBe(0.99450921, 1e-8);
    }
}
