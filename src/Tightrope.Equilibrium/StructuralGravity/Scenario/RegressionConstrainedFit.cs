using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>
/// The book's way of taking one step of the iterative PPML procedure: a real PPML regression of the pseudo-flows on
/// exporter and importer fixed effects with offset ln t (spec eq. 4), by <see cref="GravityEstimator"/>. The effects are
/// renormalised so that the reference country's importer effect is 0 (b_R = 1). Equivalent to
/// <see cref="GravityGeModel.ResistanceSystemFit"/> up to the estimator's tolerance, and much slower.
/// </summary>
public static class RegressionConstrainedFit
{
    /// <summary>A <see cref="ConstrainedPoissonFit"/> that runs the regression with the given convergence tolerance.</summary>
    public static ConstrainedPoissonFit Create(double tolerance = 1e-12) => (pseudoFlows, offset, reference) => Fit(pseudoFlows, offset, reference, tolerance);

    /// <summary>Fits Z_ij = exp(π_i + χ_j + ln t_ij) by PPML and returns a = e^π, b = e^χ (b_R = 1) and the fitted flows.</summary>
    public static (double[] ExporterEffects, double[] ImporterEffects, double[] Fitted) Fit(double[] pseudoFlows, PairMatrix offset, int reference, double tolerance)
    {
        var countries = offset.Countries;
        var n = countries.Count;
        var exporter = new string?[n * n];
        var importer = new string?[n * n];
        var lnT = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                exporter[(i * n) + j] = countries[i].Iso3;
                importer[(i * n) + j] = countries[j].Iso3;
                lnT[(i * n) + j] = Math.Log(offset[i, j]);
            }
        }

        var table = new ColumnarTable("pseudo-flows",
        [
            new TextColumn("exporter", exporter), new TextColumn("importer", importer),
            new NumericColumn("z", (double[])pseudoFlows.Clone()), new NumericColumn("ln_t", lnT),
        ]);
        var fit = GravityEstimator.Fit(table, "z ~ 0 | exporter + importer",
            new EstimationOptions { Offset = "ln_t", Vcov = VcovSpec.Iid, Tolerance = tolerance, InnerTolerance = tolerance, DropSingletons = false, CheckSeparation = false });
        var effects = fit.FixedEffects();
        var pi = effects.Single(f => f.Name == "exporter").Values;
        var chi = effects.Single(f => f.Name == "importer").Values;
        var shift = chi[countries[reference].Iso3];
        var a = countries.Select(c => Math.Exp(pi[c.Iso3] + shift)).ToArray();
        var b = countries.Select(c => Math.Exp(chi[c.Iso3] - shift)).ToArray();
        return (a, b, fit.Fitted());
    }
}
