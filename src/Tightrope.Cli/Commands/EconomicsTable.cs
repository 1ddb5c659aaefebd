using Tightrope.Bargaining;
using Tightrope.Bargaining.Sensitivity;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Linkage;
using Tightrope.Linkage.Scenarios;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Cli.Commands;

/// <summary>The <c>bargain --economics</c> table: the T, C and U forecasts mapped to instruments and solved on the tariff model.</summary>
internal static class EconomicsTable
{
    public static ReportTable Build(BargainingSetup setup, RunOptions options)
    {
        var baseline = OneSectorBaseline.Build(BilateralDatasetReader.Load(Path.Combine(options.ResolveDataRoot(), BilateralDatasetReader.DefaultFolder)));
        var payoffs = new TariffPayoffs(baseline, LinkageAnalysis.Background(baseline, BackgroundKind.Ustr2025));
        var forecasts = Forecaster.Forecast(setup.Set, setup.Model, setup.Bdm, setup.Exchange, setup.Stopping);
        var sensitivity = setup.Sensitivity is { } s ? SensitivityAnalysis.Run(setup.Set, s with { Models = [setup.Model] }) : null;
        (double, double)? agreement = null;
        if (setup.Set.Issues.Any(i => i.Issue.Id == "U"))
        {
            var gravity = ScenarioCatalog.Default().Find("usmx-usmca-ends");
            (agreement, _) = LinkageScenarioModel.AgreementValue(gravity, new AgreementSettings("usmx-usmca-ends", 0, 100), baseline, options);
        }

        var bands = ForecastEconomics.Run(payoffs, forecasts, sensitivity, setup.Model, IssueMapping.DefaultTariff(), IssueMapping.DefaultChina(0.3, "analyst judgement"), agreement);
        return new ReportTable("economics", "What the forecasts imply for the economy (tariff model, Liberation Day background, r = 0)",
        [
            ReportColumn.Text("quantity"), ReportColumn.Number("forecast", "forecast", 4), ReportColumn.Number("p5", "5%", 4),
            ReportColumn.Number("p50", "50%", 4), ReportColumn.Number("p95", "95%", 4), ReportColumn.Text("how"),
        ], bands.Select(b => (IReadOnlyList<object?>)[b.Quantity, b.Forecast, b.P5, b.P50, b.P95, b.How]).ToList())
        {
            Note = $"{payoffs.Solves} GE solves; bands over {(sensitivity is null ? "no" : sensitivity.Options.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture))} sensitivity runs of the {setup.Model} model; issue C → κ uses a covered share of 0.3 (analyst judgement).",
        };
    }
}
