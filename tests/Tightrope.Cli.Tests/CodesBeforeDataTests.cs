namespace Tightrope.Cli.Tests;

/// <summary>An unknown country or sector code is a named error with the nearest valid code, found before any data are loaded.</summary>
public class CodesBeforeDataTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public void An_unknown_importer_is_named_with_the_nearest_code(string command)
    {
        var r = Cli.Run(command, "usmx-fentanyl-25", "--set", "tariffs[0].importers=MXX");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.Stderr.ShouldContain("'tariffs[0].importers'");
        r.Stderr.ShouldContain("'MXX' is not a country of the data set");
        r.Stderr.ShouldContain("did you mean 'MEX'");
        r.HasStackTrace.ShouldBeFalse();
    }

    [Theory]
    [InlineData("imls-case1", "tariffs[0].importer=MXX", "'tariffs[0].importer'")]
    [InlineData("cp-nafta", "tariffs[0].exporter=MEX", "'tariffs[0].exporter'")]
    public void Both_spellings_of_a_selector_in_one_rule_are_an_error_not_one_ignored(string scenario, string set, string field)
    {
        var r = Cli.Run("validate", scenario, "--set", set);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stderr.ShouldContain(field);
        r.Stderr.ShouldContain("same field");
        r.HasStackTrace.ShouldBeFalse();
    }

    [Fact]
    public void The_codes_are_checked_against_the_country_list_alone()
    {
        // A data root holding only the country list: the code error comes first; a correct scenario then fails on the
        // first data file, which shows the check read nothing else.
        var root = Cli.TempDir();
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "bilateral-2023")).FullName;
            File.Copy(Path.Combine(Tightrope.Data.DataLocation.Resolve("bilateral-2023"), "countries.csv"), Path.Combine(folder, "countries.csv"));
            var bad = Cli.Run("run", "usmx-fentanyl-25", "--data-root", root, "--set", "tariffs[1].exporters=[\"MEX\",\"CNA\"]");
            bad.ExitCode.ShouldBe(1, bad.ToString());
            bad.Stderr.ShouldContain("'CNA' is not a country of the data set; did you mean");
            bad.Stderr.ShouldNotContain("exports_2023");
            var good = Cli.Run("run", "usmx-fentanyl-25", "--data-root", root);
            good.ExitCode.ShouldBe(1, good.ToString());
            good.Stderr.ShouldContain("exports_2023.csv");
            good.HasStackTrace.ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("usmx-autos-25", "tariffs[0].sectors=autos", "'autos' is not a sector code; did you mean 'auto'?")]
    [InlineData("usmx-autos-25", "tariffs[0].importers=USB", "'USB' is not a country of the data set; did you mean 'USA'")]
    [InlineData("usmx-autos-25-2014", "tariffs[0].exporters=MEXX", "'MEXX' is not a country of the data set; did you mean 'MEX'")]
    [InlineData("usmx-autos-25", "tariffs[0].sectors=retail", "is not traded across borders")]
    public void Caliendo_parro_codes_are_checked_by_validate(string scenario, string assignment, string message)
    {
        var r = Cli.Run("validate", scenario, "--set", assignment);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stderr.ShouldContain(message);
        r.HasStackTrace.ShouldBeFalse();
    }
}
