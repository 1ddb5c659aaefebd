using Tightrope.Cli;

namespace Tightrope.Scenarios.Tests;

public class CliTests
{
    private static readonly string[] Header =
        ["iso3", "name", "welfare_pct", "deficit_pct", "exports_gdp_pct", "imports_gdp_pct", "employment_pct", "prices_pct", "revenue_share"];

    [Fact]
    public void Run_writes_countries_and_summary_csv()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tightrope-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            Program.Main(["run", "imls-case1", "--out", dir]).ShouldBe(0);
            var countries = File.ReadAllLines(Path.Combine(dir, "countries.csv"));
            countries[0].ShouldBe(string.Join(',', Header));
            countries.Length.ShouldBe(195);
            var usa = countries.Single(l => l.StartsWith("USA,", StringComparison.Ordinal)).Split(',');
            double.Parse(usa[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1.130712397, 1e-6);
            var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
            summary[0].ShouldBe("group," + string.Join(',', Header.Skip(2)));
            summary.ShouldContain(l => l.StartsWith("non-US average,", StringComparison.Ordinal));
            File.Exists(Path.Combine(dir, "indicators.csv")).ShouldBeTrue();
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void Scenarios_command_and_help_succeed()
    {
        Program.Main(["scenarios"]).ShouldBe(0);
        Program.Main(["--help"]).ShouldBe(0);
        Program.Main(["run", "--help"]).ShouldBe(0);
    }

    [Fact]
    public void Unknown_scenario_is_a_clean_error()
    {
        Program.Main(["run", "no-such-scenario"]).ShouldBe(1);
    }
}

public class CompareTests
{
    [Fact]
    public void Compare_puts_scenarios_side_by_side_and_writes_csv()
    {
        var file = Path.Combine(Path.GetTempPath(), "tightrope-compare-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            Program.Main(["compare", "imls-case1", "usmx-fentanyl-25", "--rows", "MEX,USA", "--out", file]).ShouldBe(0);
            var lines = File.ReadAllLines(file);
            lines[0].ShouldBe("iso3,name,imls-case1,usmx-fentanyl-25");
            lines.Length.ShouldBe(3);
            lines[1].ShouldStartWith("MEX,Mexico,-2.54");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Compare_rejects_unknown_columns_with_the_list_of_known_ones()
    {
        Program.Main(["compare", "imls-case1", "imls-case2", "--column", "happiness"]).ShouldBe(1);
    }
}
