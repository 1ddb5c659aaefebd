using Tightrope.Cli;
using Tightrope.Scenarios.CaliendoParro;

namespace Tightrope.Scenarios.Tests;

/// <summary>The Caliendo–Parro scenario files and their runs through the command line.</summary>
public sealed class CaliendoParroScenarioTests : IDisposable
{
    private static readonly string[] Files = ["cp-nafta", "cp-nafta-deficits", "usmx-autos-25", "usmx-tariffs-25-sectoral", "usmx-mexico-china-50-sectoral"];

    private readonly string _scratch = Directory.CreateTempSubdirectory("tightrope-cp-run-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Every_scenario_file_validates_cites_sources_and_states_the_1993_baseline()
    {
        var catalog = ScenarioCatalog.Default();
        foreach (var name in Files)
        {
            var s = catalog.Find(name);
            s.Model.ShouldBe("caliendo-parro");
            Tightrope.Catalog.ShippedModels.Registry.For(s).Validate(s);
            s.Sources.Count.ShouldBeGreaterThanOrEqualTo(3, name);
            s.Description.ShouldContain("1993 data", Case.Sensitive, name);
        }
    }

    [Fact]
    public void Tightrope_run_writes_the_three_tables_with_the_documented_header()
    {
        var outDir = Path.Combine(_scratch, "cp-nafta");
        var code = Program.BuildRoot().Parse(["run", "cp-nafta", "--out", outDir]).Invoke();
        code.ShouldBe(0);
        var countries = File.ReadAllLines(Path.Combine(outDir, "countries.csv"));
        countries[0].ShouldBe("iso3,name,tot_pct,vot_pct,welfare_pct,real_wage_pct,real_income_pct");
        countries.Length.ShouldBe(32);
        var mex = countries.Single(l => l.StartsWith("MEX,", StringComparison.Ordinal)).Split(',');
        Math.Round(double.Parse(mex[4], System.Globalization.CultureInfo.InvariantCulture), 2).ShouldBe(1.31);
        File.ReadAllLines(Path.Combine(outDir, "sectors.csv")).Length.ShouldBe(1 + (31 * 40));
        File.ReadAllLines(Path.Combine(outDir, "flows.csv")).Length.ShouldBe(1 + (20 * 31 * 30));
    }

    [Fact]
    public void A_us_tariff_on_mexican_autos_cuts_mexican_auto_exports_to_the_us()
    {
        var s = ScenarioCatalog.Default().Find("usmx-autos-25");
        var result = CaliendoParroScenarioModel.Solve(s, new RunOptions());
        var autos = result.Flows.Single(f => f.Sector.Code == "auto" && f.Exporter.Iso3 == "MEX" && f.Importer.Iso3 == "USA");
        autos.ChangePct.ShouldBeLessThan(-50);
        result.For("MEX").WelfarePct.ShouldBeLessThan(0);

        // Only US tariffs on Mexican autos moved: every other sector's MEX → USA tariff is unchanged.
        var b = result.Baseline;
        int usa = b.Countries.Require("USA"), mex = b.Countries.Require("MEX"), auto = b.Data.SectorIndex("auto");
        for (var j = 0; j < b.J; j++)
        {
            var at = (((j * b.N) + usa) * b.N) + mex;
            var changed = result.Counterfactual.TariffFactor[at] != result.Reference.TariffFactor[at];
            changed.ShouldBe(j == auto);
        }

        result.Counterfactual.TariffFactor[(((auto * b.N) + usa) * b.N) + mex].ShouldBe(1.25);
    }

    private static ScenarioDocument Parse(string body) => ScenarioDocument.Parse(
        $$"""{ "name": "t", "model": "caliendo-parro", "sources": [{ "claim": "c", "source": "s" }], {{body}} }""", "test.json");

    [Theory]
    [InlineData("\"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": [\"cars\"], \"rate\": 0.25 }]", "tariffs[0].sectors", "not a sector code")]
    [InlineData("\"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": [\"retail\"], \"rate\": 0.25 }]", "tariffs[0].sectors", "not traded")]
    [InlineData("\"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"XXX\", \"sectors\": \"*\", \"rate\": 0.25 }]", "tariffs[0].exporters", "not a country")]
    [InlineData("\"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\" }]", "tariffs[0].rate", "exactly one")]
    [InlineData("\"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"rate\": 25 }]", "tariffs[0].rate", "fractions")]
    [InlineData("\"reference\": \"2010\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"MEX\", \"sectors\": \"*\", \"rate\": 0.25 }]", "reference", "not one of")]
    [InlineData("\"deficits\": \"some\", \"tariffs\": []", "deficits", "not one of")]
    [InlineData("\"source\": \"tidy\", \"tariffs\": [{ \"importers\": \"USA\", \"exporters\": \"CHN\", \"sectors\": \"*\", \"schedule\": \"2005\" }]", "tariffs[0].schedule", "only between CAN, MEX and USA")]
    public void Bad_scenario_fields_are_errors_naming_the_field(string body, string field, string message)
    {
        var e = Should.Throw<ScenarioException>(() => CaliendoParroScenarioModel.Solve(Parse(body), new RunOptions()));
        e.Field.ShouldBe(field);
        e.Message.ShouldContain(message);
    }
}
