using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Tightrope.Sweeps;

/// <summary>Options of a Slurm submission.</summary>
/// <param name="Partition">Partition (<c>--partition</c>), or null for the cluster default.</param>
/// <param name="Time">Time limit per task (<c>--time</c>, e.g. 00:30:00), or null for the partition default.</param>
/// <param name="CpusPerTask">CPUs per task; each task solves its blocks on all of them.</param>
public sealed record SlurmOptions(string? Partition = null, string? Time = null, int CpusPerTask = 1);

/// <summary>
/// Runs a sweep plan as a Slurm job array: one task per shard, each running
/// <c>tightrope sweep --plan DIR/plan.json --shard k/N</c> and writing its shard atomically; resubmits only missing shards.
/// </summary>
public static class SlurmArray
{
    /// <summary>The batch script's path in an output directory.</summary>
    public static string ScriptPath(string directory) => Path.Combine(directory, "sweep.sbatch");

    /// <summary>Environment variable overriding how each task starts tightrope (e.g. a wrapper that loads modules).</summary>
    public const string CommandVariable = "TIGHTROPE_COMMAND";

    /// <summary>How each task starts tightrope: <c>$TIGHTROPE_COMMAND</c>, else this executable (or <c>dotnet tightrope.dll</c>).</summary>
    public static string DefaultCommand()
    {
        if (Environment.GetEnvironmentVariable(CommandVariable) is { Length: > 0 } custom)
        {
            return custom;
        }

        var process = Environment.ProcessPath ?? "tightrope";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? $"{Quote(process)} {Quote(entry)}" : Quote(process);
    }

    /// <summary>Writes the sbatch script for <paramref name="plan"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string WriteScript(SweepPlan plan, string directory, SlurmOptions options, string? command = null, string? dataRoot = null)
    {
        if (options.Time is { } time && !System.Text.RegularExpressions.Regex.IsMatch(time, @"^(\d+-)?\d+(:\d{2}){0,2}$"))
        {
            throw new SweepInputException($"--time '{time}' is not a Slurm time limit such as 30, 01:00:00 or 1-00:00:00.");
        }

        if (options.CpusPerTask < 1)
        {
            throw new SweepInputException($"--cpus-per-task must be ≥ 1, got {options.CpusPerTask}.");
        }

        var dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(Path.Combine(dir, "logs"));
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name=tightrope-sweep");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{plan.Tasks - 1}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={dir}/logs/shard-%a-job-%A.out");
        if (options.Partition is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={options.Partition}");
        }

        if (options.Time is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={options.Time}");
        }

        s.AppendLine("# Each task solves one shard of the plan and writes it atomically; 'tightrope sweep collect' merges them.");
        s.AppendLine("set -euo pipefail");
        var data = dataRoot ?? Data.DataLocation.Root;
        s.AppendLine(CultureInfo.InvariantCulture, $"export TIGHTROPE_DATA=\"${{TIGHTROPE_DATA:-{Path.GetFullPath(data)}}}\"");
        s.AppendLine(CultureInfo.InvariantCulture, $"exec {command ?? DefaultCommand()} sweep --plan {Quote(Path.Combine(dir, "plan.json"))} --shard \"${{SLURM_ARRAY_TASK_ID}}/{plan.Tasks}\"");
        var path = ScriptPath(dir);
        File.WriteAllText(path, s.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return path;
    }

    /// <summary>Submits the directory's script (only the listed shards when <paramref name="shards"/> is given) and returns the job id.</summary>
    public static string Submit(string directory, IReadOnlyList<int>? shards = null)
    {
        var script = ScriptPath(Path.GetFullPath(directory));
        if (!File.Exists(script))
        {
            throw new SweepInputException($"{script}: no batch script; create the sweep with --slurm first.");
        }

        var info = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--parsable");
        if (shards is not null)
        {
            info.ArgumentList.Add($"--array={string.Join(",", shards)}");
        }

        info.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new SweepInputException("sbatch could not be started.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SweepInputException("sbatch is not on PATH: this machine is not a Slurm submit host. Use --dry-run to write the plan and script only.");
        }

        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new SweepInputException($"sbatch failed (exit {process.ExitCode}): {stderr.Trim()}");
        }

        var job = stdout.Trim().Split(';')[0];
        File.AppendAllLines(Path.Combine(directory, "jobs.txt"), [$"{job} {(shards is null ? "all" : string.Join(",", shards))}"]);
        return job;
    }

    private static string Quote(string s) => s.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$') ? $"'{s.Replace("'", "'\\''")}'" : s;
}
