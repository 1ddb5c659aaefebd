using System.Text.Json.Nodes;
using Tightrope.Cli.Commands;
using Tightrope.Reports;

namespace Tightrope.Cli.Tests;

/// <summary>Errors on stderr with exit codes and no stack traces; output folders written whole, with a manifest.</summary>
public class ErrorAndOutputTests
{
    [Fact]
    public void Out_pointing_at_an_existing_file_is_refused_before_any_output()
    {
        var dir = Cli.TempDir();
        try
        {
            var file = Path.Combine(dir, "results.txt");
            File.WriteAllText(file, "keep me");
            var r = Cli.Run("run", "imls-case1", "--out", file);
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Stdout.ShouldBeEmpty();
            r.Stderr.ShouldContain("is a file");
            r.HasStackTrace.ShouldBeFalse();
            File.ReadAllText(file).ShouldBe("keep me");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("run", "imls-case1")]
    [InlineData("bargain", "bdm-ec10")]
    [InlineData("compare", "imls-case1", "imls-case2")]
    public void An_unwritable_output_folder_is_one_error_line(params string[] command)
    {
        // /proc refuses new entries even for root, like a read-only folder.
        var r = Cli.Run([.. command, "--out", "/proc/tightrope-out"]);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.HasStackTrace.ShouldBeFalse();
        r.Stderr.ShouldStartWith("error: ");
        r.Stderr.ShouldContain("/proc/tightrope-out");
        r.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Compare_out_pointing_at_a_folder_writes_a_folder_or_refuses_a_foreign_one()
    {
        var dir = Cli.TempDir();
        try
        {
            var r = Cli.Run("compare", "imls-case1", "imls-case2", "--out", dir);
            r.ExitCode.ShouldBe(0, r.ToString());
            File.Exists(Path.Combine(dir, "comparison.csv")).ShouldBeTrue();
            File.Exists(Path.Combine(dir, "manifest.json")).ShouldBeTrue();

            var foreign = Cli.TempDir();
            File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");
            var refused = Cli.Run("compare", "imls-case1", "imls-case2", "--out", foreign);
            refused.ExitCode.ShouldBe(1, refused.ToString());
            refused.Stderr.ShouldContain("not empty");
            Directory.GetFiles(foreign).Select(Path.GetFileName).ShouldBe(["notes.txt"]);
            Directory.Delete(foreign, true);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Estimate_on_a_folder_is_an_error_on_stderr_and_csv_stays_clean()
    {
        var r = Cli.Run("estimate", "--data", Path.GetTempPath(), "--formula", "y ~ x", "--format", "csv");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.Stderr.ShouldContain("is a folder");
        r.HasStackTrace.ShouldBeFalse();
    }

    [Fact]
    public void Errors_go_to_stderr_unwrapped()
    {
        var longPath = Path.Combine(Path.GetTempPath(), "a-rather-long-folder-name-for-testing-wrapping", "another-long-segment", "missing-scenario.json");
        var r = Cli.Run("run", longPath);
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldBeEmpty();
        r.Stderr.ShouldContain(longPath);
    }

    [Fact]
    public void Redirected_output_has_no_colour_and_is_not_wrapped_at_80()
    {
        var r = Cli.Run("run", "usmx-fentanyl-25");
        r.ExitCode.ShouldBe(0);
        r.Stdout.ShouldNotContain("\u001b[");
        r.Stdout.Split('\n').Max(l => l.Length).ShouldBeGreaterThan(80);
    }

    [Fact]
    public void Colours_follow_meaning_not_sign()
    {
        var r = Cli.Run("run", "usmx-fentanyl-25", "--color", "always", "--width", "160");
        r.ExitCode.ShouldBe(0);
        var usa = r.Stdout.Split('\n').First(l => l.StartsWith("USA ", StringComparison.Ordinal));
        usa.ShouldContain("\u001b[31m"); // a 14% rise in US consumer prices is bad: red
        usa.ShouldMatch(@"\u001b\[31m\s*14\.3\u001b\[0m");
        usa.ShouldMatch(@"\u001b\[32m\s*1\.32\u001b\[0m"); // welfare gain: green
    }

    [Fact]
    public void No_empty_tables_and_integers_print_as_integers()
    {
        var r = Cli.Run("run", "imls-case1", "--width", "160");
        r.ExitCode.ShouldBe(0);
        r.Stdout.ShouldNotContain("All countries");
        r.Stdout.ShouldContain("countries (194 rows)");
        r.Stdout.ShouldMatch(@"solver_iterations\s+Newton iterations\s+\d+\n");
    }

    [Fact]
    public void The_flagship_starts_with_a_plain_language_headline_in_dollars()
    {
        var r = Cli.RunCached("run", "usmx-fentanyl-25", "--width", "200");
        r.ExitCode.ShouldBe(0);
        var headline = r.Stdout.Split("\n\n")[1];
        headline.ShouldStartWith("Mexico: welfare −3.78% (a loss of about USD ");
        headline.ShouldContain("bn a year), employment −1.32%, exports/GDP −26%");
        headline.ShouldContain("United States: welfare +1.32%");
    }

    [Fact]
    public void Gravity_titles_say_which_way_the_effect_runs()
    {
        var r = Cli.RunCached("run", "yotov-nafta-removal", "--width", "200");
        r.ExitCode.ShouldBe(0);
        r.Stdout.ShouldContain("Effect of NAFTA (with vs without), % per country");
        var borders = Cli.Run("run", "yotov-no-borders", "--width", "200");
        borders.Stdout.ShouldContain("Effect of removing international borders (without vs with)");
    }

    [Fact]
    public void Bargaining_shows_issue_names_and_scale_meanings()
    {
        var r = Cli.Run("bargain", "usmx-bargaining", "--no-sensitivity", "--width", "160");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("US tariff treatment of Mexican goods");
        r.Stdout.ShouldContain("what the median means");
        r.Stdout.ShouldContain("nearest anchor");
    }

    [Fact]
    public void Output_folders_never_mix_runs_and_carry_a_manifest()
    {
        var dir = Path.Combine(Cli.TempDir(), "out");
        try
        {
            Cli.Run("run", "cp-nafta", "--out", dir).ExitCode.ShouldBe(0);
            File.Exists(Path.Combine(dir, "sectors.csv")).ShouldBeTrue();
            var r = Cli.Run("run", "imls-case1", "--out", dir, "--set", "parameters.tradeElasticity=5");
            r.ExitCode.ShouldBe(0, r.ToString());
            File.Exists(Path.Combine(dir, "sectors.csv")).ShouldBeFalse();
            File.Exists(Path.Combine(dir, "countries.csv")).ShouldBeTrue();

            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!;
            manifest["format"]!.GetValue<string>().ShouldBe(OutputFolder.Format);
            manifest["version"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            DateTimeOffset.Parse(manifest["started"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBeLessThanOrEqualTo(DateTimeOffset.Parse(manifest["finished"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            var run = manifest["runs"]![0]!;
            run["scenario"]!.GetValue<string>().ShouldBe("imls-case1");
            run["overrides"]![0]!.GetValue<string>().ShouldBe("parameters.tradeElasticity=5");
            run["resolvedScenario"]!["parameters"]!["tradeElasticity"]!.GetValue<double>().ShouldBe(5);
            var files = run["dataFiles"]!.AsArray();
            files.Count.ShouldBe(4);
            var countries = files.Single(f => f!["path"]!.GetValue<string>().EndsWith("countries.csv", StringComparison.Ordinal))!;
            var onDisk = Path.Combine(Tightrope.Data.DataLocation.Root, countries["path"]!.GetValue<string>());
            countries["sha256"]!.GetValue<string>().ShouldBe(OutputFolder.HashFile(onDisk));
            run["solver"]![0]!["iterations"]!.GetValue<int>().ShouldBeGreaterThan(0);
            run["solver"]![0]!["residual"]!.GetValue<double>().ShouldBeLessThan(1e-6);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, true);
        }
    }

    [Fact]
    public void Output_inside_the_data_root_is_refused()
    {
        var target = Path.Combine(Tightrope.Data.DataLocation.Root, "bilateral-2023");
        var before = Directory.GetFiles(target).ToDictionary(f => f, OutputFolder.HashFile);
        var r = Cli.Run("run", "imls-case1", "--out", target);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stderr.ShouldContain("inside the data root");
        Directory.GetFiles(target).ToDictionary(f => f, OutputFolder.HashFile).ShouldBe(before);
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_output_whole()
    {
        var dir = Path.Combine(Cli.TempDir(), "out");
        try
        {
            var manifest = new OutputManifest("test", "v", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, []);
            var good = new ReportTable("countries", "t", [ReportColumn.Text("iso3")], [["MEX"]]);
            OutputFolder.Write(dir, [good], manifest, null);
            var before = Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText);
            // The second table cannot be written (its name points into a folder that does not exist).
            var bad = new ReportTable("missing/sub", "t", [ReportColumn.Text("iso3")], [["USA"]]);
            Should.Throw<OutputFolderException>(() => OutputFolder.Write(dir, [good with { Rows = [["CAN"]] }, bad], manifest, null));
            Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText).ShouldBe(before);
            Directory.GetDirectories(Path.GetDirectoryName(dir)!).Select(Path.GetFileName).ShouldBe(["out"]);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, true);
        }
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_code_2()
    {
        var captured = new StringWriter();
        // Console redirection is process-wide: wait for other tests' CLI runs.
        Cli.Exclusive(() =>
        {
            var err = Console.Error;
            Console.SetError(captured);
            try
            {
                CliErrors.Unexpected(new InvalidOperationException("boom\nsecond line"), verbose: false).ShouldBe(2);
            }
            finally
            {
                Console.SetError(err);
            }
        });

        var lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[0].ShouldBe("internal error: InvalidOperationException: boom");
        lines[1].ShouldContain("rerun with --verbose for details");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Run_and_compare_print_every_format(string format)
    {
        var r = Cli.Run("run", "imls-case1", "--format", format, "--table", "summary");
        r.ExitCode.ShouldBe(0, r.ToString());
        if (format == "csv")
        {
            r.Stdout.Split('\n')[0].ShouldBe("group,welfare_pct,deficit_pct,exports_gdp_pct,imports_gdp_pct,employment_pct,prices_pct,revenue_share");
        }
        else if (format == "json")
        {
            JsonNode.Parse(r.Stdout)!["tables"]![0]!["rows"]!.AsArray().Count.ShouldBe(7);
        }
        else
        {
            r.Stdout.ShouldContain("| group | welfare |");
        }

        var c = Cli.Run("compare", "imls-case1", "imls-case2", "--format", format);
        c.ExitCode.ShouldBe(0, c.ToString());
        c.Stdout.ShouldContain("imls-case2");
    }
}
