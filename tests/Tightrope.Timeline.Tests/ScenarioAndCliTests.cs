using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Timeline.Tests;

public class ScenarioAndCliTests
{
    private static ScenarioDocument Doc(string fields) => ScenarioDocument.Parse(
        $$"""{ "name": "t", "model": "tariff-timeline", "sources": [ { "claim": "c", "source": "s" } ] {{fields}} }""", "t.json");

    [Fact]
    public void Shipped_scenario_is_the_default_run()
    {
        var doc = ScenarioCatalog.Default().Find("usmx-timeline-2025-26");
        Catalog.ShippedModels.Registry.For(doc).ShouldBeOfType<TimelineScenarioModel>();
        var setup = TimelineScenarioModel.ReadSetup(doc);
        var d = TimelineSetup.Default;
        (setup.Data, setup.Tracker, setup.Events).ShouldBe((d.Data, d.Tracker, d.Events));
        setup.Spec.ComplianceShare.ShouldBe(d.Spec.ComplianceShare);
        setup.Spec.ConcessionWindowDays.ShouldBe(d.Spec.ConcessionWindowDays);
        setup.Spec.OmittedEconomies.ShouldBe(d.Spec.OmittedEconomies);
        setup.Spec.Measures.ShouldBeEmpty();
        setup.Spec.Focus.ShouldBe(d.Spec.Focus);
        setup.Spec.Parameters.ShouldBe(d.Spec.Parameters);
        setup.Baseline.ShouldBe(d.Baseline);
    }

    [Theory]
    [InlineData(""", "complianceShar": 0.5""", "complianceShar", "did you mean 'complianceShare'")]
    [InlineData(""", "complianceShare": 1.5""", "complianceShare", "outside [0, 1]")]
    [InlineData(""", "concessionWindowDays": -1""", "concessionWindowDays", "negative")]
    [InlineData(""", "omittedEconomies": [ { "from": "5 April", "rate": 0.1, "source": "s" } ]""", "omittedEconomies[0].from", "not a date")]
    [InlineData(""", "omittedEconomies": [ { "from": "2025-04-05", "until": "2025-01-01", "rate": 0.1, "source": "s" } ]""", "omittedEconomies[0].until", "not after from")]
    [InlineData(""", "omittedEconomies": [ { "from": "2025-04-05", "rate": 11, "source": "s" } ]""", "omittedEconomies[0].rate", "outside [0, 10]")]
    [InlineData(""", "omittedEconomies": [ { "from": "2025-04-05", "rate": 0.1 } ]""", "omittedEconomies[0].source", "is missing")]
    [InlineData(""", "omittedEconomies": [ { "from": "2025-04-05", "rate": 0.1, "source": "s", "note": "x" } ]""", "omittedEconomies[0].note", "unknown field")]
    [InlineData(""", "measures": [ { "label": "m", "importer": "MEX", "from": "2026-01-01", "rate": 0.2, "source": "s" } ]""", "measures[0].exporters", "is missing")]
    [InlineData(""", "parameters": { "tradeElasticty": 8 }""", "parameters.tradeElasticty", "did you mean 'tradeElasticity'")]
    [InlineData(""", "focus": []""", "focus", "is empty")]
    [InlineData(""", "recycling": "none" """, "recycling", "not one of")]
    public void Every_field_is_validated_with_a_named_error(string fields, string field, string message)
    {
        // Names and types are checked against the declared fields, values by the model: the registry does both.
        var e = Should.Throw<ScenarioException>(() => Catalog.ShippedModels.Registry.Validate(Doc(fields)));
        e.Field.ShouldBe(field);
        e.Message.ShouldContain(message);
    }

    [Fact]
    public void Timeline_csv_has_the_documented_columns_and_one_row_per_date_and_economy()
    {
        var r = Shared.Run;
        var table = TimelineReport.Timeline(r);
        string.Join(',', table.Columns.Select(c => c.Name)).ShouldBe("date,iso3,us_rate,welfare_pct,welfare_threat_pct,exports_gdp_pct,usd_bn");
        table.Rows.Count.ShouldBe(23 * 4);
        TimelineReport.Timeline(r, all: true).Rows.Count.ShouldBe(23 * 194);
        var mex = table.Rows.Where(x => (string)x[1]! == "MEX").ToList();
        mex[1][2].ShouldBe(0.045);
        // USA: the import-weighted mean US tariff over every origin.
        var usa = table.Rows.First(x => (string)x[1]! == "USA");
        ((double)usa[2]!).ShouldBeInRange(0.02, 0.05);
    }

    [Fact]
    public void Chart_is_an_svg_with_labelled_axes_legend_and_event_markers()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("timeline-chart-").FullName, "timeline.svg");
        TimelineChart.WriteSvg(Shared.Run, path);
        var svg = File.ReadAllText(path);
        svg.ShouldStartWith("<?xml");
        svg.ShouldContain("font-family=\"DejaVu Sans\"");
        // SVG text holds one glyph run per label; check a few by their characters.
        foreach (var label in new[] { "additional US tariff (%, effective)", "welfare change from 2023 (%)", "Mexico, threats carried out", "P 3 Feb", "R 20 Feb" })
        {
            svg.ShouldContain(System.Security.SecurityElement.Escape(label)!, customMessage: label);
        }

        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Command_line_writes_the_three_files_and_rejects_bad_options()
    {
        var dir = Directory.CreateTempSubdirectory("timeline-cli-").FullName;
        try
        {
            Cli.Program.Main(["timeline", "--compliance-share", "1.5", "--out", dir]).ShouldBe(1);
            Cli.Program.Main(["timeline", "--threats", "--out", dir]).ShouldBe(0);
            File.ReadLines(Path.Combine(dir, "timeline.csv")).First().ShouldBe("date,iso3,us_rate,welfare_pct,welfare_threat_pct,exports_gdp_pct,usd_bn");
            File.ReadLines(Path.Combine(dir, "episodes.csv")).Count().ShouldBe(1 + 4);
            File.Exists(Path.Combine(dir, "timeline.svg")).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_coercion_model_is_wired_in_at_the_composition_root()
    {
        var demand = new Shared.FixedDemand();
        new TimelineScenarioModel(demand).Demand.ShouldBeSameAs(demand);
        Catalog.ShippedModels.Registry.Models.OfType<TimelineScenarioModel>().Single().Demand.ShouldBeOfType<CoercionThreatDemand>();
    }

    [Fact]
    public void Scenario_run_reports_episodes_path_and_sources()
    {
        var report = TimelineScenarioModel.Report(Shared.Run, "t", ["Source: x — y"]);
        report.Tables.Select(t => t.Name).ShouldBe(["episodes_summary", "path", "timeline", "events", "episodes"]);
        report.Notes.ShouldContain(n => n.Contains("equilibria solved"));
        report.Notes.ShouldContain(n => n.Contains("Executive Order 14257"));
        report.Tables[0].Rows.Count.ShouldBe(4);
        ReportTable.FormatCsv(report.Tables[^1].Rows[0][17]).ShouldContain("10,000 troops");
        report.Notes.ShouldContain(n => n.StartsWith("P1: threat of 2025-02-01", StringComparison.Ordinal) && n.Contains("10,000 troops"));
    }
}
