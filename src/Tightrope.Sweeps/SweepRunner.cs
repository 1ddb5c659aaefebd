using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Sweeps;

/// <summary>Progress of a running sweep: points done (solved or failed) out of the total.</summary>
public delegate void SweepProgress(int done, int total);

/// <summary>The state of one shard in an output directory.</summary>
public enum ShardState
{
    /// <summary>Results and manifest present and the checksum matches.</summary>
    Complete,

    /// <summary>No manifest: never run, still running, cancelled or failed.</summary>
    Missing,

    /// <summary>A manifest whose file is absent or whose checksum does not match.</summary>
    Corrupt,
}

/// <summary>Where a shard's files live and what state they are in.</summary>
public sealed record ShardStatus(int Shard, int Tasks, ShardState State, string ResultsPath, string ManifestPath, int FailedPoints);

/// <summary>
/// Runs sweeps: validates a plan against its scenario, solves blocks of points in parallel (each block warm-starting
/// from its own solved neighbours), writes each shard's Parquet file and checksummed manifest atomically, and merges
/// shards into <c>results.parquet</c> and <c>summary.csv</c>.
/// </summary>
public sealed class SweepRunner
{
    private readonly ScenarioModelRegistry _registry;
    private readonly RunOptions _options;

    /// <summary>Creates a runner over the shipped models.</summary>
    public SweepRunner(ScenarioModelRegistry registry, RunOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new RunOptions();
    }

    /// <summary>Threads used for local runs (default: every core, or Slurm's CPU allocation).</summary>
    public int Threads { get; init; } = DefaultThreads();

    private static int DefaultThreads()
    {
        var slurm = Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK");
        return int.TryParse(slurm, out var c) && c > 0 ? c : Environment.ProcessorCount;
    }

    /// <summary>
    /// Checks that every swept path exists in the scenario (naming the nearest existing path when not), that the first
    /// point's edited scenario validates, and that the outcomes exist. Throws <see cref="SweepInputException"/>.
    /// </summary>
    public void Validate(SweepPlan plan)
    {
        plan.Validate();
        var scenario = plan.Scenario;
        var root = JsonNode.Parse(scenario.Body.GetRawText())!;
        var known = ScenarioPaths.Of(root, withObjects: true);
        foreach (var path in plan.InputPaths)
        {
            if (!ScenarioPaths.Exists(root, path))
            {
                var nearest = known.MinBy(k => EditDistance.Between(k, path));
                throw new SweepInputException(
                    $"{scenario.Path}: '{path}' is not a field of scenario '{scenario.Name}'" + (nearest is null ? "." : $"; nearest: '{nearest}'.") +
                    " To sweep a field the file leaves at its default, add it with --set PATH=VALUE.");
            }
        }

        var model = _registry.For(scenario);
        if (model is ISweepableScenarioModel sweepable)
        {
            var unknown = plan.Outcomes.FirstOrDefault(o => !sweepable.OutcomeNames.Contains(o));
            if (unknown is not null)
            {
                throw new SweepInputException($"unknown outcome '{unknown}' for model {model.Name}; known: {string.Join(", ", sweepable.OutcomeNames)}.");
            }
        }

        // Apply and validate once, so a value of the wrong kind fails before any solve.
        var first = ScenarioOverrides.Apply(scenario, plan.Point(0).Assignments);
        model.Validate(first);
    }

    /// <summary>Runs every shard of <paramref name="plan"/> here (skipping complete ones) and merges them into <paramref name="directory"/>.</summary>
    public MergeResult RunLocal(SweepPlan plan, string directory, SweepProgress? progress = null)
    {
        Validate(plan);
        WritePlan(plan, directory);
        var total = plan.PointCount;
        var done = 0;
        for (var shard = 0; shard < plan.Tasks; shard++)
        {
            var (first, end) = plan.ShardBlocks(shard);
            var points = end > first ? plan.BlockPoints(end - 1).End - plan.BlockPoints(first).First : 0;
            var offset = done;
            RunShard(plan, directory, shard, progress is null ? null : (d, _) => progress(offset + d, total));
            done += points;
        }

        return Collect(directory);
    }

    /// <summary>Writes <c>plan.json</c>, refusing to replace a different plan's results.</summary>
    public static void WritePlan(SweepPlan plan, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "plan.json");
        if (File.Exists(path))
        {
            var existing = SweepPlan.Load(path);
            if (existing.ResultsKey != plan.ResultsKey || existing.Tasks != plan.Tasks)
            {
                throw new SweepInputException($"{directory} already holds the results of a different sweep plan; choose another --out directory or remove it.");
            }

            return;
        }

        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, plan.ToJson());
        File.Move(temp, path);
    }

    /// <summary>Runs shard <paramref name="shard"/> of the plan into <paramref name="directory"/> unless it is complete; returns its status.</summary>
    public ShardStatus RunShard(SweepPlan plan, string directory, int shard, SweepProgress? progress = null)
    {
        var (firstBlock, endBlock) = plan.ShardBlocks(shard);
        var status = Status(plan, directory, shard);
        if (status.State == ShardState.Complete)
        {
            return status;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(status.ResultsPath)!);

        // Blocks are solved a chunk at a time and their rows streamed to the file, so memory does not grow with the
        // shard; a block is the unit of warm starts either way, so chunking changes no result.
        var cache = new ScenarioDataCache();
        var chunk = Math.Max(1, Threads) * ChunkBlocksPerThread;
        var total = endBlock > firstBlock ? plan.BlockPoints(endBlock - 1).End - plan.BlockPoints(firstBlock).First : 0;
        var points = 0;
        var failed = new List<PointOutcome>();
        long rowCount;
        using (var writer = new SweepRowWriter(plan, status.ResultsPath))
        {
            for (var from = firstBlock; from < endBlock; from += chunk)
            {
                var to = Math.Min(endBlock, from + chunk);
                var offset = points;
                var outcomes = Solve(plan, from, to, progress is null ? null : (d, _) => progress(offset + d, total), cache);
                foreach (var o in outcomes)
                {
                    writer.Add(o);
                    if (!o.Solved)
                    {
                        failed.Add(o);
                    }
                }

                points += outcomes.Count;
            }

            rowCount = writer.Rows;
            writer.Commit();
        }

        var manifest = new JsonObject
        {
            ["plan"] = plan.ResultsKey,
            ["shard"] = shard,
            ["tasks"] = plan.Tasks,
            ["blocks"] = new JsonArray(firstBlock, endBlock),
            ["points"] = points,
            ["rows"] = rowCount,
            ["sha256"] = SweepResultFiles.Checksum(status.ResultsPath),
            ["failed"] = new JsonArray(failed.Select(o => (JsonNode)new JsonObject { ["point"] = o.Index, ["error"] = o.Failure }).ToArray()),
        };
        var temp = $"{status.ManifestPath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, status.ManifestPath, overwrite: true);
        return Status(plan, directory, shard);
    }

    /// <summary>The state of one shard's files.</summary>
    public static ShardStatus Status(SweepPlan plan, string directory, int shard)
    {
        plan.ShardBlocks(shard);
        var stem = Path.Combine(directory, "shards", $"shard-{shard:D4}-of-{plan.Tasks:D4}");
        var results = stem + ".parquet";
        var manifestPath = stem + ".json";
        if (!File.Exists(manifestPath))
        {
            return new ShardStatus(shard, plan.Tasks, ShardState.Missing, results, manifestPath, 0);
        }

        try
        {
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
            var ok = (string?)manifest["plan"] == plan.ResultsKey && File.Exists(results) && (string?)manifest["sha256"] == SweepResultFiles.Checksum(results);
            return new ShardStatus(shard, plan.Tasks, ok ? ShardState.Complete : ShardState.Corrupt, results, manifestPath, manifest["failed"]?.AsArray().Count ?? 0);
        }
        catch (JsonException)
        {
            return new ShardStatus(shard, plan.Tasks, ShardState.Corrupt, results, manifestPath, 0);
        }
    }

    /// <summary>
    /// Merges the shards of the plan in <paramref name="directory"/> when all are complete (writing results.parquet,
    /// summary.csv and failures.csv); otherwise returns the incomplete ones and writes nothing.
    /// </summary>
    public static MergeResult Collect(string directory)
    {
        var plan = SweepPlan.Load(Path.Combine(directory, "plan.json"));
        var statuses = Enumerable.Range(0, plan.Tasks).Select(k => Status(plan, directory, k)).ToList();
        var incomplete = statuses.Where(s => s.State != ShardState.Complete).ToList();
        if (incomplete.Count > 0)
        {
            return new MergeResult(plan, statuses, null, null, []);
        }

        // Row groups are streamed from the shards into results.parquet; the summary keeps only each economy ×
        // outcome's values (8 bytes a row), read back from the files, so its quantiles are those of the Parquet rows.
        var summaryBuilder = new SweepSummaryBuilder();
        long rowCount;
        using (var writer = new SweepRowWriter(plan, Path.Combine(directory, "results.parquet")))
        {
            foreach (var s in statuses)
            {
                foreach (var group in SweepResultFiles.ReadGroups(s.ResultsPath))
                {
                    writer.Add(group);
                    summaryBuilder.Add(group);
                }
            }

            rowCount = writer.Rows;
            writer.Commit();
        }

        var failures = new List<(int Point, string Error)>();
        foreach (var s in statuses)
        {
            var manifest = JsonNode.Parse(File.ReadAllText(s.ManifestPath))!;
            failures.AddRange(manifest["failed"]!.AsArray().Select(f => ((int)f!["point"]!, (string)f["error"]!)));
        }

        var summary = summaryBuilder.Build();
        SweepResultFiles.WriteSummary(summary, Path.Combine(directory, "summary.csv"));
        var failurePath = Path.Combine(directory, "failures.csv");
        File.WriteAllLines(failurePath, new[] { "point,error" }.Concat(failures.OrderBy(f => f.Point).Select(f => $"{f.Point},\"{f.Error.Replace("\"", "\"\"")}\"")));
        return new MergeResult(plan, statuses, rowCount, summary, failures);
    }

    /// <summary>Blocks per thread solved between two flushes of rows to the shard file.</summary>
    private const int ChunkBlocksPerThread = 8;

    /// <summary>Solves the points of blocks [first, end), blocks in parallel, and returns them in point order.</summary>
    public IReadOnlyList<PointOutcome> Solve(SweepPlan plan, int firstBlock, int endBlock, SweepProgress? progress = null, ScenarioDataCache? cache = null)
    {
        var scenario = plan.Scenario;
        var model = _registry.For(scenario);
        var options = plan.DataRoot is null ? _options : _options with { DataRoot = plan.DataRoot };
        cache ??= new ScenarioDataCache();
        var scales = plan.InputScales;
        var results = new PointOutcome[endBlock > firstBlock ? plan.BlockPoints(endBlock - 1).End - plan.BlockPoints(firstBlock).First : 0];
        var offset = endBlock > firstBlock ? plan.BlockPoints(firstBlock).First : 0;
        var done = 0;
        var lastReport = Stopwatch.StartNew();
        var gate = new object();
        Parallel.For(
            firstBlock,
            endBlock,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Threads) },
            () => (model as ISweepableScenarioModel)?.CreatePointSolver(options, cache),
            (block, _, solver) =>
            {
                var (first, end) = plan.BlockPoints(block);
                var solved = new List<(double[] Inputs, object? Warm)>();
                for (var k = first; k < end; k++)
                {
                    var point = plan.Point(k);
                    var coordinates = Coordinates(point, scales);
                    var neighbour = solved.Count == 0 ? null : solved.MinBy(s => Distance(s.Inputs, coordinates)).Warm;
                    results[k - offset] = SolvePoint(model, solver, scenario, plan.Outcomes, point, options, neighbour, out var warm);
                    if (warm is not null)
                    {
                        solved.Add((coordinates, warm));
                    }

                    var count = Interlocked.Increment(ref done);
                    if (progress is not null && (lastReport.ElapsedMilliseconds > 200 || count == results.Length))
                    {
                        lock (gate)
                        {
                            lastReport.Restart();
                            progress(count, results.Length);
                        }
                    }
                }

                return solver;
            },
            _ => { });
        return results;
    }

    private PointOutcome SolvePoint(
        IScenarioModel model, IScenarioPointSolver? solver, ScenarioDocument scenario, IReadOnlyList<string> outcomes, SweepPoint point, RunOptions options,
        object? neighbour, out object? warm)
    {
        warm = null;
        try
        {
            var edited = ScenarioOverrides.Apply(scenario, point.Assignments);
            var fast = solver?.TrySolve(edited, outcomes, neighbour);
            if (fast is not null)
            {
                warm = fast.WarmState;
                return new PointOutcome(point.Index, fast.Economies, fast.Values, null);
            }

            return FromReport(point.Index, _registry.Run(edited, options), outcomes);
        }
        catch (Exception e) when (e is Numerics.SolverDidNotConvergeException or ScenarioException or ArgumentException or Data.DataFormatException)
        {
            return new PointOutcome(point.Index, [], [], e.Message);
        }
    }

    /// <summary>Outcomes from a model's report: the first table (countries first) whose columns include every outcome, keyed by its first column.</summary>
    public static PointOutcome FromReport(int index, RunReport report, IReadOnlyList<string> outcomes)
    {
        var table = report.Tables.OrderBy(t => t.Name == "countries" ? 0 : 1)
            .FirstOrDefault(t => outcomes.All(o => t.Columns.Any(c => c.Name == o && c.Kind == ColumnKind.Number)));
        if (table is null)
        {
            var available = report.Tables.SelectMany(t => t.Columns.Where(c => c.Kind == ColumnKind.Number).Select(c => c.Name)).Distinct();
            throw new SweepInputException($"no result table has the outcome(s) {string.Join(", ", outcomes)}; available: {string.Join(", ", available)}.");
        }

        var positions = outcomes.Select(o => table.Columns.ToList().FindIndex(c => c.Name == o)).ToArray();
        var economies = new List<string>();
        var values = new List<double>();
        foreach (var row in table.Rows)
        {
            economies.Add(row[0]?.ToString() ?? string.Empty);
            values.AddRange(positions.Select(p => row[p] is double d ? d : Convert.ToDouble(row[p], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new PointOutcome(index, economies, values.ToArray(), null);
    }

    private static double[] Coordinates(SweepPoint point, IReadOnlyList<double> scales)
    {
        var c = new double[point.Inputs.Count];
        for (var k = 0; k < c.Length; k++)
        {
            var v = point.Inputs[k].Value;
            c[k] = v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() / scales[k] : v.ToJsonString().GetHashCode(StringComparison.Ordinal);
        }

        return c;
    }

    private static double Distance(double[] a, double[] b)
    {
        var d = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var e = a[k] - b[k];
            d += Math.Abs(e) > 1e6 ? 1e6 : e * e;
        }

        return d;
    }

}

/// <summary>What <see cref="SweepRunner.Collect"/> found and merged.</summary>
/// <param name="Plan">The plan of the directory.</param>
/// <param name="Shards">Every shard's status.</param>
/// <param name="RowCount">Rows merged into results.parquet when every shard is complete, else null.</param>
/// <param name="Summary">Summary statistics when merged, else null.</param>
/// <param name="Failures">Points that did not solve, with the reason.</param>
public sealed record MergeResult(SweepPlan Plan, IReadOnlyList<ShardStatus> Shards, long? RowCount, IReadOnlyList<SummaryRow>? Summary, IReadOnlyList<(int Point, string Error)> Failures)
{
    /// <summary>Shards not yet complete.</summary>
    public IReadOnlyList<ShardStatus> Incomplete => Shards.Where(s => s.State != ShardState.Complete).ToList();
}
