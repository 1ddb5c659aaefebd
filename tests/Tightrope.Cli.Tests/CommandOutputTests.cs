using Tightrope.Reports;

namespace Tightrope.Cli.Tests;

/// <summary>
/// tariff-game, sweep and runs on the shared output plumbing: results plain on stdout when redirected, "wrote …" and
/// errors on stderr, output folders whole with a manifest, nothing already there overwritten.
/// </summary>
public class CommandOutputTests
{
    private static void ShouldBePlainWithFilesOnStderr(CliResult r)
    {
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldNotContain('\u001b');
        r.Stderr.ShouldNotContain('\u001b');
        r.Stdout.ShouldNotContain("wrote ");
        r.Stderr.ShouldContain("wrote ");
    }

    [Fact]
    public void Tariff_game_prints_plain_text_and_writes_a_folder_with_a_manifest()
    {
        var dir = Path.Combine(Cli.TempDir(), "game");
        try
        {
            var r = Cli.Run("tariff-game", "--background", "none", "--out", dir);
            ShouldBePlainWithFilesOnStderr(r);
            r.Stdout.ShouldContain("Tariff game");
            File.Exists(Path.Combine(dir, "game.csv")).ShouldBeTrue();
            File.Exists(Path.Combine(dir, OutputFolder.ManifestFile)).ShouldBeTrue();
            File.ReadAllText(Path.Combine(dir, OutputFolder.ManifestFile)).ShouldContain("exports_2023.csv");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, true);
        }
    }

    [Fact]
    public void Tariff_game_refuses_a_foreign_folder_before_solving_and_keeps_its_files()
    {
        var dir = Cli.TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
            var r = Cli.Run("tariff-game", "--out", dir);
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Stdout.ShouldBeEmpty();
            r.Stderr.ShouldStartWith("error: ");
            r.HasStackTrace.ShouldBeFalse();
            File.ReadAllText(Path.Combine(dir, "notes.txt")).ShouldBe("mine");
            Directory.EnumerateFileSystemEntries(dir).Count().ShouldBe(1);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Sweep_prints_its_summary_plain_and_notes_files_on_stderr()
    {
        var dir = Path.Combine(Cli.TempDir(), "sweep");
        try
        {
            var r = Cli.Run("sweep", "imls-case1", "--grid", "parameters.tradeElasticity=4:5:1", "--outcomes", "welfare_pct", "--out", dir);
            ShouldBePlainWithFilesOnStderr(r);
            r.Stdout.ShouldContain("Sweep of 2 points");
            r.Stdout.ShouldContain("MEX");
            r.Stderr.ShouldContain("summary.csv");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, true);
        }
    }

    [Fact]
    public void Runs_list_of_an_empty_store_is_plain_and_an_unknown_id_is_an_error_on_stderr()
    {
        var dir = Cli.TempDir();
        try
        {
            var store = Path.Combine(dir, "runs.duckdb");
            var list = Cli.Run("runs", "list", "--store", store);
            list.ExitCode.ShouldBe(0, list.ToString());
            list.Stdout.ShouldContain("no runs recorded");
            list.Stdout.ShouldNotContain('\u001b');

            var show = Cli.Run("runs", "show", "nope", "--store", store);
            show.ExitCode.ShouldBe(1, show.ToString());
            show.Stdout.ShouldBeEmpty();
            show.Stderr.ShouldContain("no run 'nope'");
            show.HasStackTrace.ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
