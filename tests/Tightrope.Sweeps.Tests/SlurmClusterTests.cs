using System.Diagnostics;
using Tightrope.Cli;
using static Tightrope.Sweeps.Tests.SweepTestSupport;

namespace Tightrope.Sweeps.Tests;

/// <summary>
/// A real one-node Slurm cluster on this machine (munged, slurmctld, slurmd started by scripts/slurm-local-cluster.sh,
/// packages from scripts/install-deps.sh): a 4-task sweep with one task cancelled mid-run, collect, retry, and the merged
/// result compared bit for bit with the same sweep run locally. A cluster that cannot start fails the test.
/// </summary>
[Collection(nameof(SlurmClusterTests))]
[CollectionDefinition(nameof(SlurmClusterTests), DisableParallelization = true)]
public class SlurmClusterTests
{
    private static readonly string[] SweepArguments =
    [
        "imls-case1", "--draws", "512", "--vary", "parameters.tradeElasticity=uniform(3,5)", "--vary", "tariffs[0].floor=uniform(0,0.2)",
        "--outcomes", "welfare_pct,prices_pct", "--seed", "2026",
    ];

    [Fact]
    public void Job_array_with_a_cancelled_task_is_collected_retried_and_equals_the_local_sweep()
    {
        var root = RepositoryRoot();
        var work = TempDirectory("slurm");
        var clusterDir = Path.Combine(work, "cluster");
        var started = false;
        var previousConf = Environment.GetEnvironmentVariable("SLURM_CONF");
        var previousCommand = Environment.GetEnvironmentVariable("TIGHTROPE_COMMAND");
        try
        {
            EnsureSlurmInstalled(root);
            var start = Run(Path.Combine(root, "scripts", "slurm-local-cluster.sh"), ["start", clusterDir], TimeSpan.FromSeconds(60));
            start.ExitCode.ShouldBe(0, $"the local Slurm cluster did not start:\n{start.Output}");
            started = true;
            Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(clusterDir, "slurm.conf"));
            Environment.SetEnvironmentVariable("TIGHTROPE_COMMAND", CliCommand(root));

            var slurmOut = Path.Combine(work, "slurm-run");
            Program.Main(["sweep", .. SweepArguments, "--slurm", "--tasks", "4", "--out", slurmOut]).ShouldBe(0);
            var job = File.ReadAllLines(Path.Combine(slurmOut, "jobs.txt")).Single().Split(' ')[0];

            // Cancel task 3 once it runs (it waits for a CPU behind tasks 0 and 1 on this 2-CPU node).
            var clock = Stopwatch.StartNew();
            var cancelled = false;
            while (clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                var state = Run("squeue", ["-h", "-j", $"{job}_3", "-o", "%t"], TimeSpan.FromSeconds(10)).Output.Trim();
                if (state == "R")
                {
                    Run("scancel", [$"{job}_3"], TimeSpan.FromSeconds(10)).ExitCode.ShouldBe(0);
                    cancelled = true;
                    break;
                }

                if (state.Length == 0 && File.Exists(Path.Combine(slurmOut, "shards", "shard-0003-of-0004.json")))
                {
                    break;
                }

                Thread.Sleep(50);
            }

            cancelled.ShouldBeTrue("task 3 was never seen running, so it could not be cancelled mid-run");
            WaitForEmptyQueue(TimeSpan.FromSeconds(180));

            Program.Main(["sweep", "collect", slurmOut]).ShouldBe(1);
            SweepRunner.Collect(slurmOut).Incomplete.Select(s => s.Shard).ShouldBe([3]);
            File.Exists(Path.Combine(slurmOut, "results.parquet")).ShouldBeFalse();

            Program.Main(["sweep", "collect", slurmOut, "--retry"]).ShouldBe(0);
            WaitForEmptyQueue(TimeSpan.FromSeconds(180));
            Program.Main(["sweep", "collect", slurmOut]).ShouldBe(0, Logs(slurmOut));

            var localOut = Path.Combine(work, "local-run");
            Program.Main(["sweep", .. SweepArguments, "--out", localOut]).ShouldBe(0);
            var slurmRows = SweepResultFiles.Read(Path.Combine(slurmOut, "results.parquet"));
            var localRows = SweepResultFiles.Read(Path.Combine(localOut, "results.parquet"));
            slurmRows.Count.ShouldBe(512 * 194 * 2);
            slurmRows.Draw.ShouldBe(localRows.Draw);
            slurmRows.Economy.ShouldBe(localRows.Economy);
            slurmRows.Value.ShouldBe(localRows.Value);
            File.ReadAllBytes(Path.Combine(slurmOut, "results.parquet")).ShouldBe(File.ReadAllBytes(Path.Combine(localOut, "results.parquet")));
            File.ReadAllBytes(Path.Combine(slurmOut, "summary.csv")).ShouldBe(File.ReadAllBytes(Path.Combine(localOut, "summary.csv")));
        }
        finally
        {
            if (started)
            {
                Run(Path.Combine(root, "scripts", "slurm-local-cluster.sh"), ["stop", clusterDir], TimeSpan.FromSeconds(60));
            }

            Environment.SetEnvironmentVariable("SLURM_CONF", previousConf);
            Environment.SetEnvironmentVariable("TIGHTROPE_COMMAND", previousCommand);
            Delete(work);
        }
    }

    private static void EnsureSlurmInstalled(string root)
    {
        if (File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/slurmd") && File.Exists("/usr/sbin/munged") && File.Exists("/usr/bin/sbatch"))
        {
            return;
        }

        var install = Run(Path.Combine(root, "scripts", "install-deps.sh"), [], TimeSpan.FromMinutes(10));
        install.ExitCode.ShouldBe(0, $"Slurm and munge are not installed and scripts/install-deps.sh failed (it needs root and the Debian archive):\n{install.Output}");
    }

    /// <summary>How a Slurm task starts this build's CLI: the tightrope executable built beside the tests' configuration.</summary>
    private static string CliCommand(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var exe = Path.Combine(root, "src", "Tightrope.Cli", "bin", configuration, "net10.0", "tightrope");
        File.Exists(exe).ShouldBeTrue($"the CLI build {exe} is missing");
        return exe;
    }

    private static void WaitForEmptyQueue(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var queue = Run("squeue", ["-h"], TimeSpan.FromSeconds(10));
            queue.ExitCode.ShouldBe(0, queue.Output);
            if (queue.Output.Trim().Length == 0)
            {
                return;
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException($"Slurm jobs still queued after {timeout.TotalSeconds} s: {Run("squeue", [], TimeSpan.FromSeconds(10)).Output}");
    }

    private static string Logs(string dir) =>
        string.Join("\n", Directory.EnumerateFiles(Path.Combine(dir, "logs")).Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f)}"));

    private static (int ExitCode, string Output) Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out after {timeout.TotalSeconds} s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
