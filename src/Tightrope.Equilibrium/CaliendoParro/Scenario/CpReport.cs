using System.Globalization;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Reports;

namespace Tightrope.Scenarios.CaliendoParro;

/// <summary>Turns a Caliendo–Parro experiment into tables: countries, country details, sectors, flows.</summary>
public static class CpReport
{
    private const double Million = 1e6;

    /// <summary>Columns of countries.csv, each bound to its value, in this exact order.</summary>
    private static readonly IReadOnlyList<Column<CpCountryOutcome>> Countries =
    [
        new(ReportColumn.Text("iso3"), o => o.Country.Iso3),
        new(ReportColumn.Text("name"), o => o.Country.Name),
        new(ReportColumn.Number("tot_pct", "terms of trade %", 3), o => o.TermsOfTradePct),
        new(ReportColumn.Number("vot_pct", "volume of trade %", 3), o => o.VolumeOfTradePct),
        new(ReportColumn.Number("welfare_pct", "welfare (ToT+VoT) %", 3).Good(Polarity.HigherIsBetter), o => o.WelfarePct),
        new(ReportColumn.Number("real_wage_pct", "real wage %", 3).Good(Polarity.HigherIsBetter), o => o.RealWagePct),
        new(ReportColumn.Number("real_income_pct", "exact real income %", 3).Good(Polarity.HigherIsBetter), o => o.RealIncomePct),
    ];

    /// <summary>Columns of countries.csv, in this exact order.</summary>
    public static IReadOnlyList<ReportColumn> CountryColumns { get; } = [.. Countries.Select(c => c.Definition)];

    /// <summary>Columns of country_details.csv, each bound to its value.</summary>
    private static readonly IReadOnlyList<Column<CpCountryOutcome>> Details =
    [
        new(ReportColumn.Text("iso3"), o => o.Country.Iso3),
        new(ReportColumn.Number("wage_pct", "Δ nominal wage %", 3), o => 100 * (o.WageHat - 1)),
        new(ReportColumn.Number("price_index_pct", "Δ consumer price index %", 3), o => 100 * (o.PriceIndexHat - 1)),
        new(ReportColumn.Number("revenue_share_reference_pct", "tariff revenue / income, reference %", 3), o => 100 * o.RevenueShareReference),
        new(ReportColumn.Number("revenue_share_counterfactual_pct", "tariff revenue / income, counterfactual %", 3), o => 100 * o.RevenueShareCounterfactual),
    ];

    /// <summary>Columns of sectors.csv and sectors_mex.csv, each bound to its value.</summary>
    private static readonly IReadOnlyList<Column<CpSectorOutcome>> SectorColumns =
    [
        new(ReportColumn.Text("iso3"), s => s.Country.Iso3),
        new(ReportColumn.Text("sector"), s => s.Sector.Code),
        new(ReportColumn.Text("tradable"), s => s.Tradable ? "yes" : "no"),
        new(ReportColumn.Number("output_reference_musd", "gross output, reference (million USD)", 0), s => s.OutputReference / Million),
        new(ReportColumn.Number("output_pct", "Δ gross output %"), s => s.OutputPct),
        new(ReportColumn.Number("exports_reference_musd", "exports, reference (million USD)", 0), s => s.ExportsReference / Million),
        new(ReportColumn.Number("exports_pct", "Δ exports %"), s => s.ExportsPct),
        new(ReportColumn.Number("imports_reference_musd", "imports, reference (million USD)", 0), s => s.ImportsReference / Million),
        new(ReportColumn.Number("imports_pct", "Δ imports %"), s => s.ImportsPct),
    ];

    /// <summary>Columns of flows.csv and flows_largest_changes.csv, each bound to its value.</summary>
    private static readonly IReadOnlyList<Column<CpFlowOutcome>> FlowColumns =
    [
        new(ReportColumn.Text("sector"), f => f.Sector.Code),
        new(ReportColumn.Text("exporter"), f => f.Exporter.Iso3),
        new(ReportColumn.Text("importer"), f => f.Importer.Iso3),
        new(ReportColumn.Number("flow_reference_musd", "flow, reference (million USD)", 1), f => f.Reference / Million),
        new(ReportColumn.Number("flow_counterfactual_musd", "flow, counterfactual (million USD)", 1), f => f.Counterfactual / Million),
        new(ReportColumn.Number("change_pct", "Δ %"), f => f.ChangePct),
    ];

    /// <summary>Builds the report.</summary>
    public static RunReport Build(ScenarioDocument scenario, CpComparison result)
    {
        var data = result.Baseline.Data;
        var year = data.BaseYear;
        var noIo = data.Source == Tightrope.Data.CaliendoParro.CaliendoParroSource.Wiod2014
            ? Tightrope.Data.CaliendoParro.WiodSectoral2014Data.NoInputOutputNote
            : data.Intermediates.Values.IndexOfAnyExcept(0.0) < 0
                ? "Input–output (supply-chain) amplification is absent: this run removes the authors' 1993 input–output coefficients (\"input_output\": \"none\", value-added share 1) to compare like with like against the 2014 data, which have none."
                : null;
        string? WithIo(string? note) => noIo is null ? note : note is null ? noIo : $"{note} {noIo}";
        var countries = TypedTable.Build("countries", "Welfare by region (counterfactual vs reference, %)", Countries, result.Countries) with
        {
            Note = WithIo("Welfare is the paper's first-order decomposition, terms of trade + volume of trade (Caliendo & Parro 2015). Exact real income = Î/P̂ − 1, with income including tariff revenue and the deficit."),
        };

        var details = TypedTable.Build("country_details", "Wages, prices and tariff revenue", Details, result.Countries);
        var sectors = TypedTable.Build("sectors", "Output, exports and imports by region and sector (producer prices)", SectorColumns, result.Sectors) with
        {
            ScreenRowLimit = 0,
            Note = noIo,
        };
        var mexico = TypedTable.Build("sectors_mex", "Mexico's tradable sectors", SectorColumns, result.Sectors.Where(s => s.Country.Iso3 == "MEX" && s.Tradable)) with
        {
            Note = noIo,
        };
        var flows = TypedTable.Build("flows", "Bilateral flows by sector, exporter → importer (producer prices)", FlowColumns, result.Flows) with
        {
            ScreenRowLimit = 0,
            Note = noIo,
        };
        var largestChanges = result.Flows.OrderByDescending(f => Math.Abs(f.Counterfactual - f.Reference)).Take(15);
        var largest = TypedTable.Build("flows_largest_changes", "Largest changes in bilateral sectoral flows (USD)", FlowColumns, largestChanges) with
        {
            Note = noIo,
        };

        var notes = new List<string> { $"Scenario '{scenario.Name}': {scenario.Description}" };
        notes.AddRange(scenario.Sources.Select(s => $"Source: {s.Claim} — {s.Source}"));
        if (noIo is not null)
        {
            notes.Add(noIo);
        }

        notes.Add($"Deficits: {(result.Deficits == DeficitCase.Zero ? "zero for every region (S′ = 0)" : $"held at their {year} values (S′ = S)")}; results compare two solves from the same {year} data (spec §7).");
        foreach (var (label, e) in new[] { ("reference", result.Reference), ("counterfactual", result.Counterfactual) })
        {
            var d = e.Diagnostics;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Solved the {label} run in {d.WageIterations} wage iterations ({d.PricePasses} price passes, {d.SpendingIterations} spending iterations), {d.Elapsed.TotalMilliseconds:F0} ms; Σ|Z| = {d.Residual:E1}."));
        }

        var tables = new List<ReportTable> { countries, details, mexico, largest, sectors, flows };
        if (noIo is not null)
        {
            // The CSV tables carry no captions, so the statement also gets a file of its own next to them.
            tables.Add(new ReportTable("notes", "About this run", [ReportColumn.Text("note")], notes.Select(n => (IReadOnlyList<object?>)[n]).ToList()) { ScreenRowLimit = 0 });
        }

        var focus = new[] { "MEX", "USA", "CAN" }.Where(result.Baseline.Countries.Contains).Select(result.For)
            .Select(o => $"{o.Country.Name}: welfare {Headline.Percent(o.WelfarePct)}, real wage {Headline.Percent(o.RealWagePct)}");
        return new RunReport(scenario.Title, tables, notes)
        {
            Headline = string.Join("; ", focus) + $" (counterfactual vs reference, {year} economy" + (noIo is null ? ")." : ", no input–output links)."),
            Solver =
            [
                new SolverDiagnostic("reference (wage iterations)", result.Reference.Diagnostics.WageIterations, result.Reference.Diagnostics.Residual),
                new SolverDiagnostic("counterfactual (wage iterations)", result.Counterfactual.Diagnostics.WageIterations, result.Counterfactual.Diagnostics.Residual),
            ],
        };
    }
}
