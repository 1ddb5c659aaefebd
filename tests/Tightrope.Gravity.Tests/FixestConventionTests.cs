using System.Globalization;
using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;
using Tightrope.Numerics;

namespace Tightrope.Gravity.Tests;

/// <summary>fixest's "difficult" design (weakly connected individual–firm band plus years, 100,000 rows) against fixest 0.12.1's
/// estimates in fe-difficult/fixest_reference.csv: coefficients to 1e-8 relative, hetero and clustered SEs (--ssc fixest) to 1e-6.</summary>
public sealed class FixestConventionTests
{
    private const string Formula = "~ x1 + x2 | id_indiv + id_firm + id_year";

    private static readonly Lazy<ColumnarTable> Data = new(() => CsvTableReader.Read(DataLocation.Resolve("fe-difficult", "difficult-100k.csv")));

    private static readonly Lazy<Dictionary<(string Model, string Term), (double Estimate, double StdError, int N)>> Reference = new(() =>
        File.ReadAllLines(DataLocation.Resolve("fe-difficult", "fixest_reference.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => (f[0], f[1]), f => (double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture))));

    private static void Close(double actual, double expected, double relative, string what) =>
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(relative * Math.Abs(expected), $"{what}: actual {actual:R}, expected {expected:R}");

    [Theory]
    [InlineData("ppml", "hetero")]
    [InlineData("ppml", "cluster_indiv")]
    [InlineData("ols", "hetero")]
    [InlineData("ols", "cluster_indiv")]
    public void Difficult_design_matches_fixest(string model, string vcov)
    {
        var ppml = model == "ppml";
        var options = new EstimationOptions
        {
            Model = ppml ? GravityModel.Ppml : GravityModel.Ols,
            Vcov = vcov == "hetero" ? VcovSpec.Hetero : VcovSpec.Cluster("id_indiv"),
            SmallSample = SmallSampleConvention.Fixest,
        };
        var fit = GravityEstimator.Fit(Data.Value, (ppml ? "y_pois " : "y ") + Formula, options);
        fit.Statistics.FixedEffectSolver.ShouldBe(FixedEffectSolver.ConjugateGradient, "the probe should find the design weakly connected");
        foreach (var term in new[] { "x1", "x2" })
        {
            var r = Reference.Value[($"{model}_{vcov}", term)];
            fit.Statistics.Observations.ShouldBe(r.N);
            Close(fit[term].Estimate, r.Estimate, 1e-8, $"{model} {term} estimate");
            Close(fit[term].StdError, r.StdError, 1e-6, $"{model} {vcov} {term} std. error");
        }
    }

    [Theory]
    [InlineData(GravityModel.Ppml)]
    [InlineData(GravityModel.Ols)]
    public void Every_solver_gives_the_same_fit(GravityModel model)
    {
        var data = Panel(5);
        var fits = new[] { FixedEffectSolver.AlternatingProjections, FixedEffectSolver.ConjugateGradient, FixedEffectSolver.Auto }
            .Select(s => GravityEstimator.Fit(data, "y ~ x + z | a + b + c", new EstimationOptions { Model = model, FixedEffectSolver = s }))
            .ToList();
        fits[0].Statistics.FixedEffectSolver.ShouldBe(FixedEffectSolver.AlternatingProjections);
        fits[1].Statistics.FixedEffectSolver.ShouldBe(FixedEffectSolver.ConjugateGradient);
        foreach (var fit in fits)
        {
            fit.Statistics.FixedEffectIterations.ShouldBeGreaterThan(0);
            foreach (var term in new[] { "x", "z" })
            {
                Close(fit[term].Estimate, fits[0][term].Estimate, 1e-9, term);
                Close(fit[term].StdError, fits[0][term].StdError, 1e-8, term);
            }
        }
    }

    [Fact]
    public void Fixest_convention_counts_fixed_effects_nested_in_the_cluster_out()
    {
        var data = Panel(9);
        var stata = GravityEstimator.Fit(data, "y ~ x + z | a + b", new EstimationOptions { Model = GravityModel.Ols, Vcov = VcovSpec.Cluster("a") });
        var fixest = GravityEstimator.Fit(data, "y ~ x + z | a + b", new EstimationOptions { Model = GravityModel.Ols, Vcov = VcovSpec.Cluster("a"), SmallSample = SmallSampleConvention.Fixest });
        var n = fixest.Statistics.Observations;
        // a has 12 levels (nested in the cluster a), b has 9: fixest counts 2 regressors + (9 − 1) + 1 = 11 (a's 11 free levels dropped).
        fixest.Statistics.ParametersCounted.ShouldBe(11);
        stata.Statistics.ParametersCounted.ShouldBe(2 + stata.Statistics.AbsorbedDegreesOfFreedom);
        var ratio = fixest["x"].StdError / stata["x"].StdError;
        var expected = Math.Sqrt((n - 1.0) / (n - 11) / ((n - 1.0) / (n - stata.Statistics.ParametersCounted)));
        Close(ratio, expected, 1e-12, "SE ratio");
    }

    /// <summary>A seeded panel with three crossed factors a (12), b (9), c (5) and two regressors.</summary>
    internal static ColumnarTable Panel(int seed)
    {
        var rng = new Random(seed);
        const int n = 600;
        var a = new double[n];
        var b = new double[n];
        var c = new double[n];
        var x = new double[n];
        var z = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = rng.Next(12);
            b[i] = rng.Next(9);
            c[i] = rng.Next(5);
            x[i] = rng.NextDouble() + (0.1 * a[i]);
            z[i] = rng.NextDouble() - (0.05 * b[i]);
            var mean = Math.Exp(0.5 + (0.4 * x[i]) - (0.3 * z[i]) + (0.05 * a[i]) + (0.1 * Math.Sin(b[i])) + (0.2 * c[i]));
            y[i] = Math.Round(mean * (0.5 + rng.NextDouble()), 2);
        }

        return new ColumnarTable("panel",
            [new NumericColumn("a", a), new NumericColumn("b", b), new NumericColumn("c", c), new NumericColumn("x", x), new NumericColumn("z", z), new NumericColumn("y", y)]);
    }
}
