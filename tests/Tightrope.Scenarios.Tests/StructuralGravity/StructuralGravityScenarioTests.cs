using System.Globalization;
using Tightrope.Cli;
using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Gravity.Data;
using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Scenarios.Tests.StructuralGravity;

/// <summary>The structural-gravity scenarios through the CLI and the registry; properties on the NAFTA data.</summary>
public sealed class StructuralGravityScenarioTests
{
    private const string Header = "iso3,name,change_Xi_CDL,change_Xi_FULL,change_rGDP_FULL,change_IMR_CDL,change_IMR_FULL,change_OMR_CDL,change_OMR_FULL,change_price_FULL";

    private static string[] RunCli(string name, out string dir)
    {
        dir = Path.Combine(Path.GetTempPath(), "tightrope-sg-" + Guid.NewGuid().ToString("N"));
        Program.Main(["run", name, "--out", dir]).ShouldBe(0);
        return File.ReadAllLines(Path.Combine(dir, "countries.csv"));
    }

    private static double Cell(string[] lines, string iso, string column)
    {
        var header = lines[0].Split(',');
        var row = lines.Single(l => l.StartsWith(iso + ",", StringComparison.Ordinal)).Split(',');
        return double.Parse(row[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Nafta_scenario_writes_the_indicator_table_with_the_direct_solution()
    {
        var lines = RunCli("yotov-nafta-removal", out var dir);
        try
        {
            lines[0].ShouldBe(Header);
            lines.Length.ShouldBe(70);
            Math.Abs(Cell(lines, "CAN", "change_Xi_FULL") - 36.7079).ShouldBeLessThan(5e-5);
            Math.Abs(Cell(lines, "MEX", "change_price_FULL") - 1.4012).ShouldBeLessThan(5e-5);
            File.ReadAllText(Path.Combine(dir, "estimates.csv")).ShouldContain("RTA,0.55718");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("iterative-ppml")]
    [InlineData("iterative-ppml-regression")]
    public void Iterative_method_is_selectable_in_the_scenario_and_reproduces_the_published_values(string method)
    {
        var doc = ScenarioCatalog.Default().Find("yotov-nafta-removal");
        var json = File.ReadAllText(doc.Path).Replace("\"fullEndowment\": \"direct\"", $"\"fullEndowment\": \"{method}\"", StringComparison.Ordinal);
        var report = Tightrope.Catalog.ShippedModels.Registry.Run(ScenarioDocument.Parse(json, doc.Path));
        var countries = report.Tables.Single(t => t.Name == "countries");
        var can = countries.Rows.Single(r => (string)r[0]! == "CAN");
        Math.Abs((double)can[3]! - 37.4551).ShouldBeLessThan(5e-5);
        report.Tables.Single(t => t.Name == "convergence").Rows.Count.ShouldBe(3);
    }

    [Fact]
    public void Usmca_scenario_estimates_the_fta_effect_on_wiod_and_reports_bands()
    {
        var lines = RunCli("usmx-usmca-ends", out var dir);
        try
        {
            lines[0].ShouldStartWith(Header + ",change_Xi_CDL_p05,change_Xi_CDL_p95");
            var estimates = File.ReadAllLines(Path.Combine(dir, "estimates.csv"));
            var fta = estimates.Single(l => l.StartsWith("FTA,", StringComparison.Ordinal)).Split(',');
            var beta = double.Parse(fta[1], CultureInfo.InvariantCulture);
            beta.ShouldBeGreaterThan(0);
            foreach (var iso in new[] { "CAN", "MEX", "USA" })
            {
                var xi = Cell(lines, iso, "change_Xi_FULL");
                xi.ShouldBeGreaterThan(0);
                Cell(lines, iso, "change_Xi_FULL_p05").ShouldBeLessThanOrEqualTo(xi);
                Cell(lines, iso, "change_Xi_FULL_p95").ShouldBeGreaterThanOrEqualTo(xi);
            }

            Cell(lines, "DEU", "change_IMR_FULL").ShouldBe(0, 1e-12);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void No_borders_scenario_uses_the_reversed_sign_convention()
    {
        var lines = RunCli("yotov-no-borders", out var dir);
        try
        {
            lines[0].ShouldBe(Header);
            Cell(lines, "DEU", "change_rGDP_FULL").ShouldBe(Cell(lines, "DEU", "change_price_FULL"), 1e-9);
            // Removing borders raises every country's exports and real GDP.
            lines.Skip(1).ShouldAllBe(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture) > 0);
            lines.Skip(1).ShouldAllBe(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture) > 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("\"fullEndowment\": \"direct\"", "\"fullEndowment\": \"exact\"", "fullEndowment")]
    [InlineData("\"sigma\": 7", "\"sigma\": 1", "sigma")]
    [InlineData("\"reference\": \"DEU\"", "\"reference\": \"XXX\"", "reference")]
    [InlineData("\"removeAgreementAmong\": [\"CAN\", \"MEX\", \"USA\"]", "\"removeAgreementAmong\": [\"CAN\"]", "removeAgreementAmong")]
    [InlineData("\"baseYear\": 1994", "\"baseYear\": 1995", "baseYear")]
    public void Bad_settings_name_the_field(string from, string to, string field)
    {
        var doc = ScenarioCatalog.Default().Find("yotov-nafta-removal");
        var json = File.ReadAllText(doc.Path).Replace(from, to, StringComparison.Ordinal);
        json.ShouldNotBe(File.ReadAllText(doc.Path));
        var e = Should.Throw<ScenarioException>(() => Tightrope.Catalog.ShippedModels.Registry.Run(ScenarioDocument.Parse(json, doc.Path)));
        e.Message.ShouldContain(field);
    }

    [Theory]
    [InlineData(FullEndowmentMethod.Direct)]
    [InlineData(FullEndowmentMethod.IterativePpml)]
    public void A_zero_shock_on_the_nafta_data_returns_the_baseline_exactly(FullEndowmentMethod method)
    {
        var economy = YotovNafta.Economy();
        var result = GravityGeModel.Solve(economy, economy.BaselineCosts, method);
        foreach (var g in result.Indicators)
        {
            GravityUncertainty.Values(g).ShouldAllBe(v => Math.Abs(v) < 1e-9, g.Country.Iso3);
        }

        result.PriceChange.ShouldAllBe(p => Math.Abs(p - 1) < 1e-12);
    }

    [Fact]
    public void World_output_adds_up_and_markets_clear_in_the_direct_solution()
    {
        var result = YotovNafta.Direct.Value;
        var n = result.Economy.Countries.Count;
        var (y, e) = GravityGeModel.OutputAndExpenditure(result.Economy);
        double worldOutput = 0, worldSpending = 0;
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, n).Sum(j => result.FlowsFull[i, j]);
            Math.Abs((row / result.OutputFull[i]) - 1).ShouldBeLessThan(1e-12, result.Economy.Countries[i].Iso3);
            worldOutput += result.OutputFull[i];
            worldSpending += Enumerable.Range(0, n).Sum(k => result.FlowsFull[k, i]);
            Math.Abs(result.OutputFull[i] - (result.PriceChange[i] * y[i])).ShouldBeLessThan(1e-9 * y[i]);
        }

        Math.Abs((worldSpending / worldOutput) - 1).ShouldBeLessThan(1e-12);
        _ = e;
    }

    [Fact]
    public void Results_are_invariant_to_the_reference_country_up_to_the_normalisation()
    {
        var deu = YotovNafta.Direct.Value;
        var usa = GravityGeModel.Solve(YotovNafta.Economy() with { Reference = "USA" }, YotovNafta.Counterfactual());
        var n = deu.Economy.Countries.Count;
        var scale = usa.PriceChange[0] / deu.PriceChange[0];
        for (var i = 0; i < n; i++)
        {
            var (a, b) = (deu.Indicators[i], usa.Indicators[i]);
            // Conditional changes and real GDP are free of the numeraire; nominal prices move by one common factor.
            a.ChangeXiCdl.ShouldBe(b.ChangeXiCdl, 1e-9);
            a.ChangeRgdpFull.ShouldBe(b.ChangeRgdpFull, 1e-9);
            (usa.PriceChange[i] / deu.PriceChange[i]).ShouldBe(scale, 1e-12);
            ((1 + (b.ChangeXiFull / 100)) / (1 + (a.ChangeXiFull / 100))).ShouldBe((1 + (usa.Indicators[0].ChangeXiFull / 100)) / (1 + (deu.Indicators[0].ChangeXiFull / 100)), 1e-10);
        }
    }

    [Fact]
    public void Iterative_ppml_with_estimator_regressions_reproduces_the_published_values()
    {
        var result = GravityGeModel.Solve(YotovNafta.Economy(), YotovNafta.Counterfactual(), FullEndowmentMethod.IterativePpml, RegressionConstrainedFit.Create());
        result.Iterations.ShouldBe(3);
        var prod = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "reference", "RTAsEffects_FULL_PROD.dta"));
        var cons = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "reference", "RTAsEffects_FULL_CONS.dta"));
        foreach (var (indicator, (gap, country)) in PublishedComparison.Worst(result, prod, cons))
        {
            gap.ShouldBeLessThanOrEqualTo(1e-4, $"{indicator} differs by {gap:E3} pp for {country}");
        }
    }
}
