using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Gravity.Estimation;
using Settings = Tightrope.Scenarios.StructuralGravity.StructuralGravityScenarioModel.Settings;

namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>
/// A read panel and its estimated trade costs, for solving many counterfactuals on them cheaply: the data are read and
/// the PPML fits run once (the expensive part); each solve builds only its economy (σ, reference) and counterfactual costs.
/// </summary>
public sealed class StructuralGravitySession
{
    private readonly Estimation _estimation;
    private readonly string _path;

    private StructuralGravitySession(Settings spec, string path, Estimation estimation)
    {
        (Spec, _path, _estimation) = (spec, path, estimation);
    }

    /// <summary>The spec the costs were estimated for.</summary>
    public Settings Spec { get; }

    /// <summary>Observed flows of the base year, exporter → importer, domestic sales on the diagonal.</summary>
    public PairMatrix Flows => _estimation.Flows;

    /// <summary>The cost coefficients as estimated.</summary>
    public IReadOnlyList<CoefficientEstimate> Estimates => _estimation.Estimates;

    /// <summary>What the estimation did, one line each.</summary>
    public IReadOnlyList<string> Notes => _estimation.Notes;

    /// <summary>Reads the data file <paramref name="spec"/> names and estimates its trade costs, recording the file in <paramref name="options"/>.</summary>
    public static StructuralGravitySession Load(Settings spec, RunOptions options)
    {
        var path = Path.Combine(options.ResolveDataRoot(), spec.DataFile);
        var panel = GravityPanel.Read(path, spec.FlowColumn, spec.Aliases);
        options.RecordFile(path);
        if (spec.CostMethod == "two-stage-panel")
        {
            var costs = TwoStageTradeCosts.Estimate(panel, spec.Years, spec.BaseYear!.Value, spec.Agreement, spec.FillCovariates, MoneyUnit.MillionUsd);
            var filled = costs.Filled.Count(f => f);
            return new StructuralGravitySession(spec, path, new Estimation(
                costs.Flows, (beta, removed) => costs.Costs(beta[0], removed), [costs.Beta], [costs.BetaVariance],
                [.. costs.Stage1.Coefficients, .. costs.Stage2?.Coefficients ?? []],
                [
                    $"Stage 1: panel PPML on {costs.Stage1.Statistics.Observations} observations ({string.Join(", ", spec.Years)}), exporter-year, importer-year and symmetric pair effects (domestic pairs pooled, effect 0); {costs.Stage1.Statistics.DroppedSeparated} observations of all-zero pairs dropped; deviance {costs.Stage1.Statistics.Deviance:F2}.",
                    costs.Stage2 is null
                        ? "Stage 2 not needed: every pair cost is identified by the panel."
                        : $"Stage 2: cross-section PPML of exp(γ) in {spec.BaseYear} on {string.Join(", ", spec.FillCovariates)} filled {filled} directed pair costs.",
                ],
                null));
        }

        var cross = CrossSectionTradeCosts.Estimate(panel, spec.BaseYear, spec.Regressors, MoneyUnit.MillionUsd);
        return new StructuralGravitySession(spec, path, new Estimation(
            cross.Flows, (beta, removed) => cross.Costs(beta, removed), cross.Coefficients, cross.Covariance, cross.Fit.Coefficients, [],
            $"Cross-section PPML on {cross.Fit.Statistics.Observations} observations with exporter and importer effects; deviance {cross.Fit.Statistics.Deviance:F2}."));
    }

    /// <summary>
    /// Solves the counterfactual of <paramref name="spec"/> (its σ, reference, removal, full-endowment method and draws)
    /// on the session's estimated costs; the estimation settings must be the session's. <paramref name="file"/> names the
    /// scenario in errors.
    /// </summary>
    public StructuralGravityScenarioModel.Outcome Solve(Settings spec, string file)
    {
        if (!SameEstimation(spec))
        {
            throw new ArgumentException("The spec estimates its costs differently (data, flows, method, years, regressors); load a session for it.");
        }

        foreach (var iso in spec.RemoveAgreementAmong.Append(spec.Reference))
        {
            if (!Flows.Countries.Contains(iso))
            {
                throw new ScenarioException(file, iso == spec.Reference ? "reference" : "counterfactual.removeAgreementAmong", $"'{iso}' is not a country of the data ({Flows.Countries.Count} countries).");
            }
        }

        var removed = spec.CostMethod == "two-stage-panel" ? spec.RemoveAgreementAmong : spec.RemoveTerms;
        (GravityEconomy, PairMatrix) ScenarioFor(double[] beta) =>
            (new GravityEconomy(Flows, _estimation.Costs(beta, null), spec.Reference, spec.Sigma), _estimation.Costs(beta, removed));
        var notes = _estimation.CrossSectionFit is null ? Notes : [$"{_estimation.CrossSectionFit} Counterfactual drops {string.Join(", ", spec.RemoveTerms)} from the costs."];
        var (economy, counterfactual) = ScenarioFor(_estimation.Estimate);
        GravityGeResult result;
        try
        {
            result = GravityGeModel.Solve(economy, counterfactual, spec.Method, spec.RegressionFits ? RegressionConstrainedFit.Create() : null, convention: spec.Convention);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(_path, null, null, e.Message);
        }

        var uncertainty = spec.Draws > 0
            ? GravityUncertainty.Run(ScenarioFor, _estimation.Estimate, _estimation.Covariance, spec.Draws, spec.Seed, spec.Method, spec.Convention)
            : null;
        return new StructuralGravityScenarioModel.Outcome(spec, result, Estimates, notes, uncertainty);
    }

    private bool SameEstimation(Settings other) =>
        other.DataFile == Spec.DataFile && other.FlowColumn == Spec.FlowColumn && other.CostMethod == Spec.CostMethod
        && other.BaseYear == Spec.BaseYear && other.Agreement == Spec.Agreement
        && other.Years.SequenceEqual(Spec.Years) && other.FillCovariates.SequenceEqual(Spec.FillCovariates)
        && other.Regressors.SequenceEqual(Spec.Regressors)
        && other.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(Spec.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal));
}

/// <summary>What one estimation of the trade costs produced.</summary>
/// <param name="Flows">Base-year flows, exporter → importer.</param>
/// <param name="Costs">Costs in power form for coefficients β, without the terms or agreement members removed (null: none).</param>
/// <param name="Estimate">Point estimate of β.</param>
/// <param name="Covariance">Its covariance, row-major.</param>
/// <param name="Estimates">Every coefficient of the fits.</param>
/// <param name="Notes">What the estimation did.</param>
/// <param name="CrossSectionFit">The cross-section fit's note, to which the counterfactual's removal is added; null for the panel.</param>
internal sealed record Estimation(
    PairMatrix Flows,
    Func<double[], IReadOnlyCollection<string>?, PairMatrix> Costs,
    double[] Estimate,
    double[] Covariance,
    IReadOnlyList<CoefficientEstimate> Estimates,
    IReadOnlyList<string> Notes,
    string? CrossSectionFit);
