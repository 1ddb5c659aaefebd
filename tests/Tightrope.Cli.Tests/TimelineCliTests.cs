using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tightrope.Reports;

namespace Tightrope.Cli.Tests;

/// <summary>
/// <c>tightrope timeline</c> on the shared plumbing: plain unwrapped output when redirected, errors on stderr with exit 1,
/// one atomic output folder with a manifest. The solves take seconds, so each run is shared by several assertions.
/// </summary>
public partial class TimelineCliTests(TimelineCliTests.Runs runs) : IClassFixture<TimelineCliTests.Runs>
{
    /// <summary>One redirected timeline run and one scenario run, each into its own folder, shared by the tests below and deleted after them.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly string _root = Cli.TempDir();

        public Runs()
        {
            Timeline = new(() => IntoFolder(Path.Combine(_root, "timeline"), "timeline", "--threats"));
            Scenario = new(() => IntoFolder(Path.Combine(_root, "run"), "run", "usmx-timeline-2025-26", "--table", "episodes_summary"));
        }

        public Lazy<FolderRun> Timeline { get; }

        public Lazy<FolderRun> Scenario { get; }

        public void Dispose() => Directory.Delete(_root, true);
    }

    public sealed record FolderRun(CliResult Result, string Folder);

    private Lazy<FolderRun> Timeline => runs.Timeline;

    private Lazy<FolderRun> Scenario => runs.Scenario;

    private static readonly string[] DataFiles =
    [
        "bilateral-2023/countries.csv", "bilateral-2023/exports_2023.csv", "bilateral-2023/gdp.csv", "bilateral-2023/us_tariffs_2025.csv",
        "us-tariffs-2025/country-by-time.csv", "usmx-events/events.csv",
    ];

    private static FolderRun IntoFolder(string folder, params string[] args) => new(Cli.Run([.. args, "--out", folder]), folder);

    // A date cut across two lines: a line ending in "2025-" or "2025-02(-)", or one starting with "02-04" or "-04".
    [GeneratedRegex(@"\b\d{4}-(\d{2}-?)?$|^-?\d{2}-\d{2}\b|^-\d{2}(\s|$)", RegexOptions.Multiline)]
    private static partial Regex SplitDate();

    [Fact]
    public void Redirected_output_is_plain_and_unwrapped_and_wrote_goes_to_stderr()
    {
        var r = Timeline.Value.Result;
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldNotContain('\u001b');
        r.Stderr.ShouldNotContain('\u001b');
        r.Stdout.ShouldContain("US tariff rate and welfare change at each tracker date");
        r.Stdout.ShouldNotContain("wrote ");
        r.Stderr.ShouldContain("wrote ");
        foreach (var date in new[] { "2025-02-04", "2025-04-09", "2026-02-20", "2026-08-19" })
        {
            r.Stdout.ShouldContain(date);
        }

        SplitDate().Matches(r.Stdout).ShouldBeEmpty();
        // Redirected output is not laid out for 80 columns: the long notes stay on one line each, and so do table rows.
        r.Stdout.Split('\n').Max(l => l.Length).ShouldBeGreaterThan(120);
        r.Stdout.Split('\n').ShouldContain(l => l.StartsWith("2025-02-04", StringComparison.Ordinal) && l.Contains("25.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_folder_holds_the_files_the_manifest_hashes_and_the_data_it_read()
    {
        var run = Timeline.Value;
        run.Result.ExitCode.ShouldBe(0, run.Result.ToString());
        Directory.EnumerateFiles(run.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["episodes.csv", "manifest.json", "path.csv", "timeline.csv", "timeline.svg"]);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Folder, OutputFolder.ManifestFile)))!;
        manifest["format"]!.GetValue<string>().ShouldBe(OutputFolder.Format);
        var files = manifest["files"]!.AsArray();
        files.Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(["episodes.csv", "path.csv", "timeline.csv", "timeline.svg"]);
        foreach (var f in files)
        {
            var name = f!["name"]!.GetValue<string>();
            f["sha256"]!.GetValue<string>().ShouldBe(OutputFolder.HashFile(Path.Combine(run.Folder, name)), name);
        }

        File.ReadAllText(Path.Combine(run.Folder, "timeline.svg")).ShouldStartWith("<?xml");
        DataFilesOf(manifest).ShouldBe(DataFiles, ignoreOrder: true);
    }

    [Fact]
    public void A_timeline_scenario_run_records_its_data_files()
    {
        var run = Scenario.Value;
        run.Result.ExitCode.ShouldBe(0, run.Result.ToString());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Folder, OutputFolder.ManifestFile)))!;
        DataFilesOf(manifest).ShouldBe(DataFiles, ignoreOrder: true);
        manifest["runs"]![0]!["dataFiles"]!.AsArray().ShouldAllBe(f => f!["sha256"]!.GetValue<string>().Length == 64);
    }

    [Fact]
    public void A_scenario_run_into_a_folder_writes_the_chart_and_the_manifest_hashes_it()
    {
        var run = Scenario.Value;
        run.Result.ExitCode.ShouldBe(0, run.Result.ToString());
        var svg = Path.Combine(run.Folder, "timeline.svg");
        File.Exists(svg).ShouldBeTrue();
        File.ReadAllText(svg).ShouldContain("<svg");
        run.Result.Stderr.ShouldContain("timeline.svg");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Folder, OutputFolder.ManifestFile)))!;
        manifest["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldContain("timeline.svg");
    }

    [Fact]
    public void Output_into_the_data_root_is_refused_before_any_work()
    {
        var target = Path.Combine(Tightrope.Data.DataLocation.Root, "timeline-out-" + Guid.NewGuid().ToString("N"));
        var r = Cli.Run("timeline", "--out", target);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.Stderr.ShouldContain("data root");
        r.HasStackTrace.ShouldBeFalse();
        Directory.Exists(target).ShouldBeFalse();
    }

    [Fact]
    public void A_compliance_share_outside_0_1_is_a_named_error_with_empty_stdout()
    {
        var dir = Cli.TempDir();
        try
        {
            var r = Cli.Run("timeline", "--compliance-share", "2", "--out", Path.Combine(dir, "out"));
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Stdout.ShouldBeEmpty();
            r.Stderr.ShouldStartWith("error: --compliance-share 2:");
            r.HasStackTrace.ShouldBeFalse();
            Directory.Exists(Path.Combine(dir, "out")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("run")]
    [InlineData("timeline", "--scenario")]
    public void A_misspelt_field_names_the_nearest_valid_one(params string[] command)
    {
        var dir = Cli.TempDir();
        try
        {
            var text = File.ReadAllText(Path.Combine(Cli.RepoRoot, "scenarios", "usmx-timeline-2025-26.json"));
            text.ShouldContain("\"complianceShare\":");
            var file = Path.Combine(dir, "misspelt.json");
            File.WriteAllText(file, text.Replace("\"complianceShare\":", "\"complianceShar\":", StringComparison.Ordinal));
            var r = Cli.Run([.. command, file, "--out", Path.Combine(dir, "out")]);
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Stdout.ShouldBeEmpty();
            r.Stderr.ShouldContain("'complianceShar'");
            r.Stderr.ShouldContain("'complianceShare'");
            r.HasStackTrace.ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_extra_file_that_fails_to_write_leaves_no_folder_and_bad_names_are_refused()
    {
        var dir = Cli.TempDir();
        try
        {
            var target = Path.Combine(dir, "out");
            var manifest = new OutputManifest("test", "0", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, []);
            Should.Throw<InvalidOperationException>(() => OutputFolder.Write(target, [], manifest, null, [new OutputFile("chart.svg", _ => throw new InvalidOperationException("no chart"))]));
            Directory.EnumerateFileSystemEntries(dir).ShouldBeEmpty();
            Should.Throw<ArgumentException>(() => OutputFolder.Write(target, [], manifest, null, [new OutputFile("../chart.svg", _ => { })]));
            Should.Throw<ArgumentException>(() => OutputFolder.Write(target, [], manifest, null, [new OutputFile(OutputFolder.ManifestFile, _ => { })]));
            Directory.Exists(target).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static List<string> DataFilesOf(JsonNode manifest) =>
        [.. manifest["runs"]![0]!["dataFiles"]!.AsArray().Select(f => f!["path"]!.GetValue<string>())];
}
