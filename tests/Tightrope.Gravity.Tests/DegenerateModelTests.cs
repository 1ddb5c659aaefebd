using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

/// <summary>Models that cannot be estimated are errors naming the cause, never a fit with zero standard errors or NaN statistics.</summary>
public sealed class DegenerateModelTests
{
    private static ColumnarTable Table(params (string Name, double[] Values)[] columns) =>
        new("t.csv", [.. columns.Select(c => (TableColumn)new NumericColumn(c.Name, c.Values))]);

    private static readonly double[] G = [1, 1, 2, 2, 3, 3, 1, 2, 3, 1];
    private static readonly double[] X = [0.3, 1.2, 0.7, 2.2, 1.9, 0.4, 1.1, 0.9, 2.5, 1.6];
    private static readonly double[] Y = [1, 4, 2, 7, 5, 0, 3, 2, 9, 4];

    [Theory]
    [InlineData("y ~ y | g")]
    [InlineData("y ~ x + log(y)")]
    public void Outcome_among_the_regressors_is_named(string formula)
    {
        var e = Should.Throw<ArgumentException>(() => GravityFormula.Parse(formula));
        e.Message.ShouldContain("the outcome 'y' is also a regressor");
    }

    [Fact]
    public void Outcome_as_a_fixed_effect_is_named() =>
        Should.Throw<ArgumentException>(() => GravityFormula.Parse("y ~ x | g + y")).Message.ShouldContain("the outcome 'y' is also a fixed effect");

    [Fact]
    public void All_zero_outcome_is_named_for_ols()
    {
        var t = Table(("y", new double[10]), ("x", X), ("g", G));
        var e = Should.Throw<DegenerateModelException>(() => GravityEstimator.Fit(t, "y ~ x | g", new EstimationOptions { Model = GravityModel.Ols }));
        e.Message.ShouldContain("is zero for every observation");
    }

    [Fact]
    public void Constant_outcome_is_named_for_ols()
    {
        var t = Table(("y", Enumerable.Repeat(3.0, 10).ToArray()), ("x", X), ("g", G));
        var e = Should.Throw<DegenerateModelException>(() => GravityEstimator.Fit(t, "y ~ x | g", new EstimationOptions { Model = GravityModel.Ols }));
        e.Message.ShouldContain("'y' is constant (3 for every observation)");
    }

    [Fact]
    public void Regressor_absorbed_by_the_fixed_effects_is_named()
    {
        // xg is a function of g: the fixed effects absorb it, and nothing else is left to estimate.
        var t = Table(("y", Y), ("xg", [.. G.Select(g => (g * g) + 1)]), ("g", G));
        var e = Should.Throw<DegenerateModelException>(() => GravityEstimator.Fit(t, "y ~ xg | g"));
        e.Message.ShouldContain("xg: absorbed by the fixed effects (g)");
    }

    [Fact]
    public void An_absorbed_regressor_beside_others_is_dropped_with_its_cause()
    {
        var t = Table(("y", Y), ("x", X), ("xg", [.. G.Select(g => (g * g) + 1)]), ("g", G));
        var fit = GravityEstimator.Fit(t, "y ~ x + xg | g", new EstimationOptions { Model = GravityModel.Ols });
        fit.DroppedTerms.ShouldHaveSingleItem().Reason.ShouldBe("absorbed by the fixed effects (g)");
    }

    [Fact]
    public void Perfect_fit_is_named()
    {
        var t = Table(("y", [.. G.Select(g => 2 * g)]), ("x", X), ("g", G));
        var e = Should.Throw<DegenerateModelException>(() => GravityEstimator.Fit(t, "y ~ x | g", new EstimationOptions { Model = GravityModel.Ols }));
        e.Message.ShouldContain("fit the outcome 'y' exactly");
    }

    [Fact]
    public void Backtick_quoted_and_non_ascii_names_work()
    {
        var t = Table(("trade value", Y), ("distancia_México", X), ("país", G));
        var f = GravityFormula.Parse("`trade value` ~ log(distancia_México) | `país`");
        f.Outcome.Variable.ShouldBe("trade value");
        f.FixedEffects.ShouldHaveSingleItem().ShouldBe(["país"]);
        f.ToString().ShouldBe("`trade value` ~ log(distancia_México) | país");
        var fit = GravityEstimator.Fit(t, f, new EstimationOptions { Model = GravityModel.Ols });
        fit["log(distancia_México)"].StdError.ShouldBeGreaterThan(0);
        Should.Throw<ArgumentException>(() => GravityFormula.Parse("`trade value ~ x")).Message.ShouldContain("not closed");
    }
}
