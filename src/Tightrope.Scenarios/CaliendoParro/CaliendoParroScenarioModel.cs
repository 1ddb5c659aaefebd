using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Reports;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>
/// Runs scenarios of the multi-sector Caliendo–Parro (2015) model (<c>"model": "caliendo-parro"</c>): on the authors' 1993
/// data with input–output links (<c>"source": "original"</c> or <c>"tidy"</c>), or on the 2014 WIOD-based data without them
/// (<c>"source": "wiod-2014"</c>, value-added share 1).
/// </summary>
public sealed class CaliendoParroScenarioModel : IScenarioModel
{
    /// <inheritdoc />
    public string Name => "caliendo-parro";

    /// <inheritdoc />
    public string Description => "Multi-sector tariff general equilibrium with tariff revenue (Caliendo & Parro 2015): 1993 data with input–output links, or 2014 data without them";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioField>? Fields => CpScenarioFields.All;

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario) => Validate(scenario, new RunOptions());

    /// <inheritdoc />
    public void Validate(ScenarioDocument scenario, RunOptions options)
    {
        var body = scenario.Reader;
        var source = CpTariffRules.Source(body);
        CpTariffRules.Deficits(body);
        CpTariffRules.InputOutput(body, source);
        if (!body.Has("tariffs"))
        {
            throw body.Error("tariffs", "is missing.");
        }

        if (source != CaliendoParroSource.Wiod2014)
        {
            CpTariffRules.CheckLabels(body, CaliendoParroLabels.CountrySet(), CaliendoParroLabels.SectorList(), s => s < CaliendoParroLabels.TradableCount);
        }
        else if (ScenarioLabels.Folder(options, scenario.Data ?? WiodSectoral2014Data.DefaultFolder, "sectors.csv") is { } folder)
        {
            var (countries, sectors) = WiodSectoral2014Reader.ReadLabels(folder);
            CpTariffRules.CheckLabels(body, countries, sectors, _ => true);
        }
    }

    /// <summary>Loads the scenario's data, builds the baseline and both tariff sets, and runs the experiment.</summary>
    public static CpComparison Solve(ScenarioDocument scenario, RunOptions options)
    {
        var body = scenario.Reader;
        var source = CpTariffRules.Source(body);
        var deficits = CpTariffRules.Deficits(body);
        var root = options.ResolveDataRoot();
        var folder = Path.Combine(root, scenario.Data ?? (source == CaliendoParroSource.Wiod2014 ? WiodSectoral2014Data.DefaultFolder : CaliendoParroData.DefaultFolder));
        var data = CaliendoParroData.Load(source, folder);
        options.RecordFolder(source switch
        {
            CaliendoParroSource.Original => Path.Combine(folder, "original"),
            CaliendoParroSource.Tidy => Path.Combine(folder, "tidy"),
            _ => folder,
        });
        var baseline = CpBaseline.Build(CpTariffRules.InputOutput(body, source) ? data : data.WithoutInputOutput());
        var (reference, counterfactual) = CpTariffRules.Build(body, baseline, root);
        return CpExperiment.Run(baseline, reference, counterfactual, deficits);
    }

    /// <inheritdoc />
    public RunReport Run(ScenarioDocument scenario, RunOptions options) => CpReport.Build(scenario, Solve(scenario, options));
}
