using System.Text.Json;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Gravity.Estimation;
using Tightrope.Reports;

namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>
/// Runs structural-gravity scenarios (<c>"model": "structural-gravity"</c>): estimate trade costs from a panel (two-stage
/// panel PPML, or one cross-section PPML), switch an agreement or a cost term off, and solve the conditional and
/// full-endowment general equilibrium (Yotov, Piermartini, Monteiro &amp; Larch 2016, ch. 2).
/// </summary>
public sealed class StructuralGravityScenarioModel : IScenarioModel
{
    /// <summary>Columns of countries.csv before any band columns.</summary>
    public static IReadOnlyList<string> IndicatorColumns => GravityUncertainty.IndicatorNames;

    /// <inheritdoc />
    public string Name => "structural-gravity";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => GravityScenarioFields.All;

    /// <inheritdoc />
    public string Description => "One-sector structural gravity: estimated trade costs, conditional and full-endowment GE (Yotov et al. 2016, ch. 2)";

    /// <summary>Everything a scenario body says, read and checked.</summary>
    public sealed record Settings(
        string DataFile,
        string FlowColumn,
        IReadOnlyDictionary<string, string> Aliases,
        string CostMethod,
        IReadOnlyList<int> Years,
        int? BaseYear,
        string Agreement,
        IReadOnlyList<string> FillCovariates,
        IReadOnlyList<string> Regressors,
        IReadOnlyList<string> RemoveAgreementAmong,
        IReadOnlyList<string> RemoveTerms,
        string Reference,
        double Sigma,
        IndicatorConvention Convention,
        FullEndowmentMethod Method,
        bool RegressionFits,
        int Draws,
        int Seed);

    /// <summary>Reads and checks the scenario body (no data is read).</summary>
    public static Settings Read(ScenarioDocument scenario)
    {
        var body = scenario.Reader;
        var data = scenario.Data ?? throw new ScenarioException(scenario.Path, "data", "is missing; expected a data file such as yotov2016/Chapter2Application2.dta.");
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Has("aliases"))
        {
            var a = body.Object("aliases");
            foreach (var p in a.Element.EnumerateObject())
            {
                aliases[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw a.Error(p.Name, "expected a country code.");
            }
        }

        var costs = body.Object("costs");
        if (!body.Has("costs"))
        {
            throw body.Error("costs", "is missing; expected { \"method\": \"two-stage-panel\" | \"cross-section\", … }.");
        }

        var costMethod = costs.OptionalString("method") ?? "two-stage-panel";
        var years = new List<int>();
        if (costs.Has("years"))
        {
            var v = costs.Element.GetProperty("years");
            if (v.ValueKind != JsonValueKind.Array)
            {
                throw costs.Error("years", "expected an array of years.");
            }

            foreach (var item in v.EnumerateArray())
            {
                years.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var y) ? y : throw costs.Error("years", $"expected integer years, found {item}."));
            }
        }

        int? baseYear = costs.Has("baseYear") ? costs.Integer("baseYear", 0) : null;
        var counterfactual = body.Object("counterfactual");
        var settings = new Settings(
            data,
            body.OptionalString("flow") ?? "trade",
            aliases,
            costMethod,
            years,
            baseYear,
            costs.OptionalString("agreement") ?? "RTA",
            costs.StringOrList("fillCovariates"),
            costs.StringOrList("regressors"),
            counterfactual.StringOrList("removeAgreementAmong"),
            counterfactual.StringOrList("removeTerms"),
            body.OptionalString("reference") ?? throw body.Error("reference", "is missing; expected the ISO3 code whose consumer price is the numeraire."),
            body.Number("sigma", double.NaN),
            (body.OptionalString("convention") ?? "effect-of-baseline") switch
            {
                "effect-of-baseline" => IndicatorConvention.EffectOfBaseline,
                "effect-of-counterfactual" => IndicatorConvention.EffectOfCounterfactual,
                var other => throw body.Error("convention", $"'{other}' is not one of effect-of-baseline, effect-of-counterfactual."),
            },
            (body.OptionalString("fullEndowment") ?? "direct") switch
            {
                "direct" => FullEndowmentMethod.Direct,
                "iterative-ppml" or "iterative-ppml-regression" => FullEndowmentMethod.IterativePpml,
                var other => throw body.Error("fullEndowment", $"'{other}' is not one of direct, iterative-ppml, iterative-ppml-regression."),
            },
            body.OptionalString("fullEndowment") == "iterative-ppml-regression",
            body.Integer("draws", 0),
            body.Integer("seed", 1));
        if (!(settings.Sigma > 1))
        {
            throw body.Error("sigma", $"expected σ > 1, found {settings.Sigma}.");
        }

        if (settings.Draws < 0)
        {
            throw body.Error("draws", "expected a non-negative number of draws.");
        }

        switch (costMethod)
        {
            case "two-stage-panel":
                if (years.Count == 0 || baseYear is null)
                {
                    throw costs.Error(years.Count == 0 ? "years" : "baseYear", "the two-stage panel needs the estimation years and the base year.");
                }

                if (!years.Contains(baseYear.Value))
                {
                    throw costs.Error("baseYear", $"{baseYear} is not one of the estimation years.");
                }

                if (settings.RemoveAgreementAmong.Count < 2 || settings.RemoveTerms.Count > 0)
                {
                    throw counterfactual.Error("removeAgreementAmong", "the two-stage panel counterfactual removes the agreement among at least two countries (and has no removeTerms).");
                }

                break;
            case "cross-section":
                if (settings.Regressors.Count == 0)
                {
                    throw costs.Error("regressors", "is missing; expected the cost regressors, e.g. [\"log(DIST)\", \"CNTG\", \"INTL_BRDR\"].");
                }

                if (settings.RemoveTerms.Count == 0 || settings.RemoveTerms.Any(t => !settings.Regressors.Contains(t)) || settings.RemoveAgreementAmong.Count > 0)
                {
                    throw counterfactual.Error("removeTerms", "the cross-section counterfactual removes one or more of the listed regressors.");
                }

                break;
            default:
                throw costs.Error("method", $"'{costMethod}' is not one of two-stage-panel, cross-section.");
        }

        return settings;
    }

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario) => Read(scenario);

    /// <summary>Estimated costs and the solved counterfactual, with bands when draws were requested.</summary>
    public sealed record Outcome(
        Settings Settings,
        GravityGeResult Result,
        IReadOnlyList<CoefficientEstimate> Estimates,
        IReadOnlyList<string> EstimationNotes,
        UncertaintyResult? Uncertainty);

    /// <summary>Reads the data, estimates the costs and solves.</summary>
    public static Outcome Solve(ScenarioDocument scenario, RunOptions options)
    {
        var s = Read(scenario);
        return StructuralGravitySession.Load(s, options).Solve(s, scenario.Path);
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => StructuralGravityReport.Build(scenario, Solve(scenario, options));
}

/// <summary>Report tables of a structural-gravity run: countries.csv (indicators and bands), estimates.csv, convergence.csv.</summary>
public static class StructuralGravityReport
{
    /// <summary>Builds the report.</summary>
    public static RunReport Build(ScenarioDocument scenario, StructuralGravityScenarioModel.Outcome outcome)
    {
        var result = outcome.Result;
        var effect = EffectOf(scenario, outcome);
        var columns = new List<ReportColumn> { ReportColumn.Text("iso3"), ReportColumn.Text("name") };
        columns.AddRange(GravityUncertainty.IndicatorNames.Select(n => ReportColumn.Number(n, Labels.TryGetValue(n, out var label) ? label : n, 3)
            .Good(n == "change_rGDP_FULL" ? Polarity.HigherIsBetter : Polarity.Neutral)));
        var bands = outcome.Uncertainty?.Bands.ToDictionary(b => (b.Country.Iso3, b.Indicator));
        if (outcome.Uncertainty is not null)
        {
            foreach (var n in GravityUncertainty.IndicatorNames)
            {
                var label = Labels.TryGetValue(n, out var l) ? l : n;
                columns.Add(ReportColumn.Number(n + "_p05", label + " p05", 3));
                columns.Add(ReportColumn.Number(n + "_p95", label + " p95", 3));
            }
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var g in result.Indicators)
        {
            var row = new List<object?> { g.Country.Iso3, g.Country.Name };
            row.AddRange(GravityUncertainty.Values(g).Cast<object?>());
            if (outcome.Uncertainty is not null)
            {
                foreach (var n in GravityUncertainty.IndicatorNames)
                {
                    var band = bands!.TryGetValue((g.Country.Iso3, n), out var b) ? b : null;
                    row.Add(band?.P05 ?? double.NaN);
                    row.Add(band?.P95 ?? double.NaN);
                }
            }

            rows.Add(row);
        }

        var sign = result.Convention == IndicatorConvention.EffectOfBaseline
            ? "Effect of the baseline relative to the counterfactual, 100·(BLN − CFL)/CFL; price column 100·(1 − p̂)."
            : "Effect of the counterfactual relative to the baseline, 100·(CFL − BLN)/BLN; price column 100·(p̂ − 1).";
        var tables = new List<ReportTable>
        {
            new("countries", $"{effect}, % per country", columns, rows) { Note = sign + " CDL: conditional (outputs fixed); otherwise full endowment. MR: multilateral resistance." },
            new("estimates", "Trade-cost estimates (PPML, robust s.e.)",
                [ReportColumn.Text("term"), ReportColumn.Number("estimate", "estimate", 7), ReportColumn.Number("std_error", "std. error", 7)],
                outcome.Estimates.Select(c => (IReadOnlyList<object?>)[c.Term, c.Estimate, c.StdError]).ToList()),
        };
        if (result.Checks.Count > 0)
        {
            tables.Add(new ReportTable("convergence", "Iterative PPML: lagged convergence checks of the price changes",
                [ReportColumn.Number("fit", "fit k", 0), ReportColumn.Number("mean", "mean", 7), ReportColumn.Number("sd", "sd", 7), ReportColumn.Number("min", "min", 7), ReportColumn.Number("max", "max", 7)],
                result.Checks.Select(c => (IReadOnlyList<object?>)[c.Fit, c.Mean, c.StandardDeviation, c.Min, c.Max]).ToList()));
        }

        var notes = new List<string>(outcome.EstimationNotes)
        {
            result.Method == FullEndowmentMethod.Direct
                ? $"Full endowment: direct fixed point (exact hat algebra), {result.Iterations} outer iterations to max|Δp̂/p̂| < {GravityGeModel.DirectTolerance:E0}."
                : $"Full endowment: the book's iterative PPML procedure, {result.Iterations} fits{(outcome.Settings.RegressionFits ? " (each a PPML regression)" : " (each solved as the resistance system)")}, stopped by its published rule (not a converged fixed point; see docs/structural-gravity.md).",
            $"σ = {result.Economy.Sigma}; reference country {result.Economy.Reference} (its inward resistance is the numeraire).",
        };
        if (outcome.Uncertainty is { } u)
        {
            notes.Add($"Bands: 5th and 95th percentiles over {u.Draws - u.Failed} successful draws of {u.Draws} (seed {outcome.Settings.Seed}); {u.Failed} failed.");
            notes.AddRange(u.FailureReasons.Take(5).Select(r => "Failed " + r));
        }

        notes.AddRange(scenario.Sources.Select(src => $"Source: {src.Claim} — {src.Source}"));
        var focus = outcome.Settings.RemoveAgreementAmong.Count > 0 ? outcome.Settings.RemoveAgreementAmong : ["MEX", "USA", "CAN"];
        var parts = focus.Where(iso => result.Indicators.Any(g => g.Country.Iso3 == iso))
            .Select(iso => result.Indicators.First(g => g.Country.Iso3 == iso))
            .Select(g => $"{g.Country.Name} real GDP {Headline.Percent(g.ChangeRgdpFull)}, exports {Headline.Percent(g.ChangeXiFull, 1)}");
        return new RunReport(scenario.Title, tables, notes)
        {
            Headline = $"{effect}: {string.Join("; ", parts)}.",
            Solver = [new SolverDiagnostic(result.Method == FullEndowmentMethod.Direct ? "full endowment (fixed-point iterations)" : "full endowment (iterative PPML fits)", result.Iterations, null)],
        };
    }

    /// <summary>Plain labels of the indicator columns.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["change_Xi_CDL"] = "exports CDL",
        ["change_Xi_FULL"] = "exports",
        ["change_rGDP_FULL"] = "real GDP",
        ["change_IMR_CDL"] = "inward MR CDL",
        ["change_IMR_FULL"] = "inward MR",
        ["change_OMR_CDL"] = "outward MR CDL",
        ["change_OMR_FULL"] = "outward MR",
        ["change_price_FULL"] = "factory price",
    };

    /// <summary>"Effect of NAFTA (with vs without)" or "Effect of removing international borders (without vs with)", so signs cannot be misread.</summary>
    public static string EffectOf(ScenarioDocument scenario, StructuralGravityScenarioModel.Outcome outcome)
    {
        var s = outcome.Settings;
        var named = scenario.Reader.Object("counterfactual").OptionalString("name");
        var what = named ?? (s.RemoveAgreementAmong.Count > 0
            ? $"the {s.Agreement} effect among {string.Join(", ", s.RemoveAgreementAmong)}"
            : string.Join(", ", s.RemoveTerms));
        return outcome.Result.Convention == IndicatorConvention.EffectOfBaseline
            ? $"Effect of {what} (with vs without)"
            : $"Effect of removing {what} (without vs with)";
    }
}
