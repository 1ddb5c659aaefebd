using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Sweeps;

namespace Tightrope.Cli.Commands;

/// <summary>
/// <c>tightrope sweep SCENARIO --grid PATH=FROM:TO:STEP | --draws N --vary PATH=DIST … [--slurm]</c>: many edited runs of a
/// scenario, locally on every core or as a Slurm job array, with results in Parquet and summary.csv;
/// <c>tightrope sweep --plan DIR/plan.json --shard k/N</c> runs one shard; <c>tightrope sweep collect DIR</c> merges.
/// </summary>
public static class SweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario name or .json file (not with --plan).", Arity = ArgumentArity.ZeroOrOne };
        var grid = new Option<string[]>("--grid") { Description = "Sweep a field over FROM, FROM+STEP, … TO: --grid parameters.tradeElasticity=3:6:0.5 (repeatable; the Cartesian product).", AllowMultipleArgumentsPerToken = false };
        var draws = new Option<int>("--draws") { Description = "Random draws (per grid point) of the --vary fields." };
        var vary = new Option<string[]>("--vary") { Description = "Draw a field at random: PATH=uniform(a,b), normal(m,s) or choice(v1,v2,…) (repeatable).", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long>("--seed") { Description = "Seed of the random draws (default 1); the same seed gives the same results anywhere.", DefaultValueFactory = _ => 1 };
        var outcomes = new Option<string>("--outcomes") { Description = "Comma-separated outcomes recorded per economy (default welfare_pct).", DefaultValueFactory = _ => "welfare_pct" };
        var set = new Option<string[]>("--set") { Description = "Edit the scenario before sweeping, e.g. --set parameters.theta=5.97 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output directory (default: sweep-SCENARIO); holds plan.json, shards/, results.parquet, summary.csv." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var blockSize = new Option<int>("--block-size") { Description = "Points per block, the unit of warm starts and of work (default 64).", DefaultValueFactory = _ => 64 };
        var threads = new Option<int?>("--threads") { Description = "Threads for a local run (default: every core)." };
        var slurm = new Option<bool>("--slurm") { Description = "Write plan.json and an sbatch job-array script to --out and submit it (unless --dry-run)." };
        var tasks = new Option<int?>("--tasks") { Description = "Slurm array tasks, one shard each (default: 10, at most one per block)." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time = new Option<string?>("--time") { Description = "Slurm time limit per task, e.g. 00:30:00." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Slurm CPUs per task (default 1).", DefaultValueFactory = _ => 1 };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --slurm: write the plan and script but do not submit." };
        var planFile = new Option<FileInfo?>("--plan") { Description = "Run one shard of an existing plan (what each Slurm task does)." };
        var shard = new Option<string?>("--shard") { Description = "With --plan: the shard to run, k/N (0 ≤ k < N)." };
        var command = new Command("sweep", "Run a scenario over a grid or random draws of its fields: locally on every core or as a Slurm job array.")
        {
            scenario, grid, draws, vary, seed, outcomes, set, output, data, blockSize, threads, slurm, tasks, partition, time, cpus, dryRun, planFile, shard,
        };
        command.Subcommands.Add(CreateCollect());
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var runOptions = new RunOptions(parse.GetValue(data)?.FullName);
            var runner = new SweepRunner(Tightrope.Catalog.ShippedModels.Registry, runOptions);
            if (parse.GetValue(threads) is { } count)
            {
                runner = count >= 1 ? new SweepRunner(Tightrope.Catalog.ShippedModels.Registry, runOptions) { Threads = count } : throw new SweepInputException($"--threads must be ≥ 1, got {count}.");
            }

            if (parse.GetValue(planFile) is { } planInfo)
            {
                return RunShard(runner, planInfo.FullName, parse.GetValue(shard));
            }

            if (parse.GetValue(shard) is not null)
            {
                throw new SweepInputException("--shard needs --plan DIR/plan.json.");
            }

            var name = parse.GetValue(scenario) ?? throw new SweepInputException("give a scenario name or file (see 'tightrope scenarios'), or --plan with --shard.");
            var doc = ScenarioOverrides.Apply(ScenarioCatalog.Default().Find(name), parse.GetValue(set) ?? []);
            var plan = new SweepPlan
            {
                ScenarioJson = doc.Body.GetRawText(),
                ScenarioPath = doc.Path,
                Grid = (parse.GetValue(grid) ?? []).Select(GridAxis.Parse).ToArray(),
                Vary = (parse.GetValue(vary) ?? []).Select(VaryAxis.Parse).ToArray(),
                Draws = parse.GetValue(draws),
                Seed = parse.GetValue(seed),
                Outcomes = parse.GetValue(outcomes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                BlockSize = parse.GetValue(blockSize),
                DataRoot = parse.GetValue(data)?.FullName,
            };
            if (plan.Grid.Count == 0 && plan.Vary.Count == 0)
            {
                throw new SweepInputException("nothing to sweep: give --grid PATH=FROM:TO:STEP and/or --draws N --vary PATH=DISTRIBUTION.");
            }

            var directory = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"sweep-{doc.Name}");
            if (parse.GetValue(slurm))
            {
                plan.Validate();
                var taskCount = parse.GetValue(tasks) ?? Math.Min(10, plan.BlockCount);
                if (taskCount < 1 || taskCount > plan.BlockCount)
                {
                    throw new SweepInputException($"--tasks must be between 1 and {plan.BlockCount} (the number of blocks of {plan.BlockSize} points), got {taskCount}.");
                }

                plan = plan with { Tasks = taskCount };
                runner.Validate(plan);
                SweepRunner.WritePlan(plan, directory);
                var script = SlurmArray.WriteScript(plan, directory, new SlurmOptions(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus)), dataRoot: runOptions.ResolveDataRoot());
                CliOutput.Wrote($"{Path.Combine(directory, "plan.json")} ({plan.PointCount} points in {plan.BlockCount} blocks, {plan.Tasks} shards)");
                CliOutput.Wrote(script);
                if (parse.GetValue(dryRun))
                {
                    Console.WriteLine($"not submitted (--dry-run); submit with: sbatch {script}");
                    return 0;
                }

                var job = SlurmArray.Submit(directory);
                Console.WriteLine($"submitted job array {job} ({plan.Tasks} tasks); when it ends: tightrope sweep collect {directory}");
                return 0;
            }

            if (parse.GetValue(tasks) is not null || parse.GetValue(dryRun) || parse.GetValue(partition) is not null || parse.GetValue(time) is not null)
            {
                throw new SweepInputException("--tasks, --partition, --time and --dry-run apply to --slurm runs only.");
            }

            var clock = Stopwatch.StartNew();
            MergeResult merged;
            using (var bar = new ProgressBar($"sweep {doc.Name}"))
            {
                merged = runner.RunLocal(plan, directory, bar.Report);
            }

            CliOutput.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.PointCount} points solved in {clock.Elapsed.TotalSeconds:F1} s on {runner.Threads} threads."));
            return Report(merged, directory, clock.Elapsed, CliOutput.From(parse).Settings);
        }));
        return command;
    }

    /// <summary>What <c>tightrope run SCENARIO --draws N --vary …</c> prints: the run with 5/50/95% bands from the draws.</summary>
    public static RunReport RunWithBands(ScenarioDocument doc, int draws, IReadOnlyList<string> vary, long seed, RunOptions options)
    {
        using var bar = new ProgressBar($"{doc.Name}: {draws} draws");
        return SweepBands.Run(Tightrope.Catalog.ShippedModels.Registry, doc, draws, vary.Select(VaryAxis.Parse).ToArray(), seed, options, bar.Report);
    }

    private static Command CreateCollect()
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "The sweep's output directory (holding plan.json)." };
        var retry = new Option<bool>("--retry") { Description = "Resubmit the missing or failed shards to Slurm." };
        var command = new Command("collect", "Merge a sweep's shards into results.parquet and summary.csv; list missing shards (--retry resubmits them).") { directory, retry };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var dir = parse.GetValue(directory)!.FullName;
            if (!File.Exists(Path.Combine(dir, "plan.json")))
            {
                throw new SweepInputException($"{dir}: no plan.json; not a sweep output directory.");
            }

            var merged = SweepRunner.Collect(dir);
            if (merged.Incomplete.Count == 0)
            {
                return Report(merged, dir, TimeSpan.Zero, CliOutput.From(parse).Settings);
            }

            foreach (var s in merged.Incomplete)
            {
                Console.Error.WriteLine($"shard {s.Shard}/{s.Tasks}: {(s.State == ShardState.Missing ? "missing (not run, running, cancelled or failed)" : "corrupt (checksum mismatch)")} — {s.ResultsPath}");
            }

            var list = merged.Incomplete.Select(s => s.Shard).ToArray();
            if (!parse.GetValue(retry))
            {
                Console.Error.WriteLine($"{list.Length} of {merged.Plan.Tasks} shards incomplete; rerun them with: tightrope sweep collect {dir} --retry");
                return 1;
            }

            foreach (var s in merged.Incomplete.Where(s => s.State == ShardState.Corrupt))
            {
                File.Delete(s.ManifestPath);
            }

            var job = SlurmArray.Submit(dir, list);
            Console.WriteLine($"resubmitted shards {string.Join(",", list)} as job {job}; when it ends: tightrope sweep collect {dir}");
            return 0;
        }));
        return command;
    }

    private static int RunShard(SweepRunner runner, string planPath, string? shardText)
    {
        var plan = SweepPlan.Load(planPath);
        if (shardText is null)
        {
            throw new SweepInputException("--plan needs --shard k/N.");
        }

        var parts = shardText.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new SweepInputException($"--shard '{shardText}': expected k/N, e.g. 0/4.");
        }

        if (n != plan.Tasks)
        {
            throw new SweepInputException($"--shard {shardText}: the plan {planPath} has {plan.Tasks} shards, not {n}.");
        }

        if (k >= n)
        {
            throw new SweepInputException($"--shard {shardText}: shard {k} is out of range 0–{n - 1}.");
        }

        runner.Validate(plan);
        var directory = Path.GetDirectoryName(Path.GetFullPath(planPath))!;
        var before = SweepRunner.Status(plan, directory, k);
        if (before.State == ShardState.Complete)
        {
            Console.WriteLine($"shard {k}/{n} already complete: {before.ResultsPath}");
            return 0;
        }

        var clock = Stopwatch.StartNew();
        ShardStatus status;
        using (var bar = new ProgressBar($"shard {k}/{n}"))
        {
            status = runner.RunShard(plan, directory, k, bar.Report);
        }

        var failed = status.FailedPoints > 0 ? $" ({status.FailedPoints} points did not solve)" : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shard {k}/{n} written in {clock.Elapsed.TotalSeconds:F1} s: {status.ResultsPath}{failed}"));
        return 0;
    }

    private static int Report(MergeResult merged, string directory, TimeSpan elapsed, RenderSettings settings)
    {
        var summary = merged.Summary!;
        var focus = new[] { "MEX", "USA", "CAN", "CHN" };
        var shown = summary.Where(s => focus.Contains(s.Economy)).ToList();
        if (shown.Count == 0)
        {
            shown = summary.Take(8).ToList();
        }

        var table = new ReportTable(
            "summary",
            $"Sweep of {merged.Plan.PointCount} points: {string.Join("; ", merged.Plan.Grid.Select(g => g.ToString()).Concat(merged.Plan.Vary.Select(v => v.ToString())))}",
            [ReportColumn.Text("iso3"), ReportColumn.Text("outcome"), ReportColumn.Number("mean", "mean", 3), ReportColumn.Number("sd", "sd", 3),
             ReportColumn.Number("p05", "5%", 3), ReportColumn.Number("p50", "50%", 3), ReportColumn.Number("p95", "95%", 3)],
            shown.Select(s => (IReadOnlyList<object?>)[s.Economy, s.Outcome, s.Mean, s.Sd, s.P05, s.P50, s.P95]).ToList())
        { Note = "All economies are in summary.csv; every row in results.parquet." };
        CliOutput.Print(TextReportRenderer.Render(table, settings));
        CliOutput.Wrote($"{Path.Combine(directory, "results.parquet")} ({merged.RowCount} rows)");
        CliOutput.Wrote(Path.Combine(directory, "summary.csv"));
        if (merged.Failures.Count > 0)
        {
            Console.Error.WriteLine($"warning: {merged.Failures.Count} points did not solve and have no rows; see {Path.Combine(directory, "failures.csv")}");
        }

        SweepHistory.Record(merged, directory, elapsed);
        return 0;
    }

    /// <summary>A one-line progress bar with ETA on stderr; silent when stderr is redirected.</summary>
    internal sealed class ProgressBar(string label) : IDisposable
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _enabled = !Console.IsErrorRedirected;
        private bool _drawn;

        public void Report(int done, int total)
        {
            if (!_enabled || total == 0)
            {
                return;
            }

            var width = Math.Clamp((Console.WindowWidth > 0 ? Console.WindowWidth : 80) - label.Length - 40, 10, 50);
            var filled = (int)((long)width * done / total);
            var elapsed = _clock.Elapsed.TotalSeconds;
            var eta = done > 0 ? elapsed * (total - done) / done : double.NaN;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}  {elapsed:F0} s, ETA {(double.IsFinite(eta) ? $"{eta:F0} s" : "?")}  ");
            Console.Error.Write(line);
            _drawn = true;
        }

        public void Dispose()
        {
            if (_drawn)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
