using Tightrope.Cli;
using Tightrope.Data.CaliendoParro;
using Tightrope.Scenarios.CaliendoParro;

namespace Tightrope.Scenarios.Tests;

/// <summary>The sectoral scenarios on the 2014 data and their runs through the command line.</summary>
public sealed class CaliendoParro2014ScenarioTests : IDisposable
{
    private static readonly string[] Files2014 = ["usmx-autos-25-2014", "usmx-tariffs-25-sectoral-2014", "usmx-section232-2014", "usmx-mexico-china-50-2014", "usmx-2025-sectoral-2014"];
    private static readonly string[] Files1993 = ["cp-nafta", "cp-nafta-deficits", "usmx-autos-25", "usmx-tariffs-25-sectoral", "usmx-mexico-china-50-sectoral"];

    private readonly string _scratch = Directory.CreateTempSubdirectory("tightrope-cp14-run-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Every_2014_file_validates_cites_sources_and_says_which_data_and_what_is_missing()
    {
        var catalog = ScenarioCatalog.Default();
        foreach (var name in Files2014)
        {
            var s = catalog.Find(name);
            s.Model.ShouldBe("caliendo-parro");
            Tightrope.Catalog.ShippedModels.Registry.For(s).Validate(s);
            s.Sources.Count.ShouldBeGreaterThanOrEqualTo(4, name);
            s.Title.ShouldContain("2014 data", Case.Sensitive, name);
            s.Title.ShouldContain("no IO links", Case.Sensitive, name);
            s.Description.ShouldContain("input–output coefficients", Case.Sensitive, name);
        }

        foreach (var name in Files1993.Where(n => n.StartsWith("usmx", StringComparison.Ordinal)))
        {
            catalog.Find(name).Title.ShouldContain("1993 data", Case.Sensitive, name);
        }
    }

    [Fact]
    public void Tightrope_run_writes_the_tables_and_states_that_input_output_links_are_absent()
    {
        var outDir = Path.Combine(_scratch, "autos");
        var code = Program.BuildRoot().Parse(["run", "usmx-autos-25-2014", "--out", outDir]).Invoke();
        code.ShouldBe(0);
        var countries = File.ReadAllLines(Path.Combine(outDir, "countries.csv"));
        countries[0].ShouldBe("iso3,name,tot_pct,vot_pct,welfare_pct,real_wage_pct,real_income_pct");
        countries.Length.ShouldBe(45);
        File.ReadAllLines(Path.Combine(outDir, "sectors.csv")).Length.ShouldBe(1 + (44 * 16));
        File.ReadAllLines(Path.Combine(outDir, "flows.csv")).Length.ShouldBe(1 + (16 * 44 * 43));
        File.ReadAllText(Path.Combine(outDir, "notes.csv")).ShouldContain("Input–output (supply-chain) amplification is absent");
    }

    [Fact]
    public void A_us_tariff_on_mexican_transport_equipment_moves_only_that_tariff_and_cuts_those_exports()
    {
        var result = CaliendoParroScenarioModel.Solve(ScenarioCatalog.Default().Find("usmx-autos-25-2014"), new RunOptions());
        var b = result.Baseline;
        b.Data.Source.ShouldBe(CaliendoParroSource.Wiod2014);
        var flow = result.Flows.Single(f => f.Sector.Code == "transport" && f.Exporter.Iso3 == "MEX" && f.Importer.Iso3 == "USA");

        // Zero deficits: the reference run re-solves the 2014 data without their deficits, so the flow moves a little from 61.9 bn.
        flow.Reference.ShouldBe(61_859.4e6, 0.1 * 61_859.4e6);
        flow.ChangePct.ShouldBeLessThan(-30);
        result.For("MEX").WelfarePct.ShouldBeLessThan(0);
        var changed = 0;
        for (var k = 0; k < result.Reference.TariffFactor.Length; k++)
        {
            changed += result.Reference.TariffFactor[k] != result.Counterfactual.TariffFactor[k] ? 1 : 0;
        }

        changed.ShouldBe(1);
    }

    [Fact]
    public void Section_232_adds_to_the_2014_rates_and_spares_usmca_transport_equipment()
    {
        var result = CaliendoParroScenarioModel.Solve(ScenarioCatalog.Default().Find("usmx-section232-2014"), new RunOptions());
        var b = result.Baseline;
        int usa = b.Countries.Require("USA"), n = b.N, metals = b.Data.SectorIndex("metals"), transport = b.Data.SectorIndex("transport");
        double Change(int s, string exporter)
        {
            var at = (((s * n) + usa) * n) + b.Countries.Require(exporter);
            return result.Counterfactual.TariffFactor[at] - result.Reference.TariffFactor[at];
        }

        Change(metals, "MEX").ShouldBe(0.50, 1e-12);
        Change(metals, "CHN").ShouldBe(0.50, 1e-12);
        Change(transport, "JPN").ShouldBe(0.25, 1e-12);
        Change(transport, "MEX").ShouldBe(0);
        Change(transport, "CAN").ShouldBe(0);
    }

    [Fact]
    public void The_tracker_increases_are_added_by_sector_for_each_partner()
    {
        var result = CaliendoParroScenarioModel.Solve(ScenarioCatalog.Default().Find("usmx-2025-sectoral-2014"), new RunOptions());
        var b = result.Baseline;
        var sectors = new Tightrope.Data.SectorSet(b.Sectors);
        int usa = b.Countries.Require("USA"), n = b.N;
        foreach (var partner in new[] { "MEX", "CAN", "CHN" })
        {
            var expected = UsTariffIncreases2025.ForPartner(partner, sectors);
            for (var s = 0; s < b.J; s++)
            {
                var at = (((s * n) + usa) * n) + b.Countries.Require(partner);
                (result.Counterfactual.TariffFactor[at] - result.Reference.TariffFactor[at]).ShouldBe(expected[s], 1e-12);
            }
        }

        result.For("CAN").WelfarePct.ShouldBeLessThan(0);
        result.For("MEX").WelfarePct.ShouldBeLessThan(0);
    }

    [Fact]
    public void Removing_the_1993_input_output_block_shrinks_the_autos_loss_and_is_stated()
    {
        var catalog = ScenarioCatalog.Default();
        var withIo = CaliendoParroScenarioModel.Solve(catalog.Find("usmx-autos-25"), new RunOptions());
        var noIoScenario = catalog.Find("usmx-autos-25-no-io");
        var noIo = CaliendoParroScenarioModel.Solve(noIoScenario, new RunOptions());
        noIo.Baseline.InputShare.ShouldAllBe(v => v == 0);
        noIo.Baseline.ValueAddedShare.ShouldAllBe(v => v == 1);
        noIo.For("MEX").WelfarePct.ShouldBeLessThan(0);
        noIo.For("MEX").WelfarePct.ShouldBeGreaterThan(withIo.For("MEX").WelfarePct);
        var report = CpReport.Build(noIoScenario, noIo);
        report.Notes.ShouldContain(n => n.Contains("amplification is absent", StringComparison.Ordinal));
        CpReport.Build(catalog.Find("usmx-autos-25"), withIo).Notes.ShouldNotContain(n => n.Contains("amplification is absent", StringComparison.Ordinal));
    }

    private static ScenarioDocument Parse(string body) => ScenarioDocument.Parse(
        $$"""{ "name": "t", "model": "caliendo-parro", "sources": [{ "claim": "c", "source": "s" }], {{body}} }""", "test.json");

    [Theory]
    [InlineData("\"source\": \"wiod-2014\", \"reference\": \"1993\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"rate\": 0.25 }]", "reference", "not one of 2014")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": [\"auto\"], \"rate\": 0.25 }]", "tariffs[0].sectors", "not a sector code")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"schedule\": \"2005\" }]", "tariffs[0].schedule", "not one of \"2014\"")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"rate\": 0.25, \"add\": 0.1 }]", "tariffs[0].rate", "exactly one")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"add\": 50 }]", "tariffs[0].add", "fractions")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"MEX\", \"exporters\": \"CHN\", \"sectors\": \"*\", \"add_schedule\": \"us-tariffs-2025\" }]", "tariffs[0].importers", "must be USA")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"JPN\", \"sectors\": \"*\", \"add_schedule\": \"us-tariffs-2025\" }]", "tariffs[0].exporters", "has none")]
    [InlineData("\"source\": \"wiod-2014\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"add_schedule\": \"tracker\" }]", "tariffs[0].add_schedule", "not one of")]
    [InlineData("\"source\": \"wiod\", \"tariffs\": []", "source", "wiod-2014")]
    [InlineData("\"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"add\": 0.1 }]", "tariffs[0].add", "only on the 2014 data")]
    [InlineData("\"source\": \"wiod-2014\", \"input_output\": \"data\", \"tariffs\": []", "input_output", "no input–output coefficients")]
    [InlineData("\"input_output\": \"some\", \"tariffs\": []", "input_output", "not one of data, none")]
    public void Bad_2014_fields_are_errors_naming_the_field(string body, string field, string message)
    {
        var e = Should.Throw<ScenarioException>(() => CaliendoParroScenarioModel.Solve(Parse(body), new RunOptions()));
        e.Field.ShouldBe(field);
        e.Message.ShouldContain(message);
    }
}
