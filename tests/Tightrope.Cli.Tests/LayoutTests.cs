using System.Text.RegularExpressions;

namespace Tightrope.Cli.Tests;

/// <summary>Tables fit the width without splitting names or numbers; snapshots of the rendered tables at 80 and 160 columns.</summary>
public partial class LayoutTests
{
    private static readonly string[] FourScenarios = ["imls-case1", "imls-case2", "imls-balanced-trade", "imls-balanced-trade-retaliation"];

    [Theory]
    [InlineData("usmx-usmca-ends")]
    [InlineData("yotov-nafta-removal")]
    [InlineData("yotov-no-borders")]
    [InlineData("usmx-fentanyl-25")]
    [InlineData("cp-nafta")]
    public void At_80_columns_every_line_fits_and_numbers_stay_whole(string scenario)
    {
        var r = Cli.RunCached("run", scenario, "--width", "80");
        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Stdout.Split('\n');
        lines.Where(l => l.Length > 80 && !l.Contains('/')).ShouldBeEmpty();
        // Every country row carries its ISO code and whole numbers: no cell is split over lines.
        var rows = lines.Where(l => IsoRow().IsMatch(l)).ToList();
        rows.Count.ShouldBeGreaterThan(3);
        rows.ShouldAllBe(l => NumberCells().Matches(l).Count >= 2);
        lines.ShouldNotContain(l => LoneFragment().IsMatch(l));
    }

    [Fact]
    public void Compare_of_four_scenarios_names_each_in_full()
    {
        foreach (var width in new[] { "80", "160" })
        {
            var r = Cli.RunCached(["compare", .. FourScenarios, "--width", width]);
            r.ExitCode.ShouldBe(0, r.ToString());
            foreach (var name in FourScenarios)
            {
                Regex.IsMatch(r.Stdout, $@"(^|\s){Regex.Escape(name)}(\s|:|$)", RegexOptions.Multiline).ShouldBeTrue($"{name} at width {width}");
            }
        }
    }

    [Fact]
    public void Scenarios_list_never_splits_a_name()
    {
        var r = Cli.Run("scenarios", "--width", "80");
        r.ExitCode.ShouldBe(0);
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepoRoot, "scenarios"), "*.json"))
        {
            r.Stdout.ShouldContain(Path.GetFileNameWithoutExtension(file) + " ");
        }

        r.Stdout.Split('\n').ShouldAllBe(l => l.Length <= 80);
    }

    [Theory]
    [InlineData("usmx-fentanyl-25", "80")]
    [InlineData("usmx-fentanyl-25", "160")]
    [InlineData("usmx-usmca-ends", "80")]
    [InlineData("usmx-usmca-ends", "160")]
    public void Run_tables_match_their_snapshot(string scenario, string width) =>
        Snapshot.Match($"run-{scenario}-{width}", Cli.RunCached("run", scenario, "--width", width));

    [Theory]
    [InlineData("80")]
    [InlineData("160")]
    public void Compare_of_four_matches_its_snapshot(string width) =>
        Snapshot.Match($"compare-four-{width}", Cli.RunCached(["compare", .. FourScenarios, "--width", width]));

    [GeneratedRegex(@"^[A-Z]{3}  ")]
    private static partial Regex IsoRow();

    [GeneratedRegex(@"-?\d[\d,]*\.\d+")]
    private static partial Regex NumberCells();

    // A line holding only a digit or two, the tail of a number split from the line above.
    [GeneratedRegex(@"^\s+\d{1,2}\s*$")]
    private static partial Regex LoneFragment();
}
