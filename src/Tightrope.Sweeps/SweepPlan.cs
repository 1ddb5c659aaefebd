using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tightrope.Scenarios;

namespace Tightrope.Sweeps;

/// <summary>One point of a sweep: its index and the field assignments (path → JSON value) that define it.</summary>
public sealed record SweepPoint(int Index, IReadOnlyList<KeyValuePair<string, JsonNode>> Inputs)
{
    /// <summary>The assignments in <see cref="ScenarioOverrides"/> form, <c>path=value</c>.</summary>
    public IReadOnlyList<string> Assignments => Inputs.Select(p => $"{p.Key}={p.Value.ToJsonString()}").ToArray();
}

/// <summary>
/// Everything that determines a sweep's results: the scenario (as edited), the grid and random axes, the seed, the
/// outcomes and the block size. Points are the Cartesian product of the grid (last axis fastest) times the draws;
/// draw d has the same random values at every grid point (common random numbers). Points are solved in fixed
/// blocks, each warm-starting from solved neighbours inside the block only, so results do not depend on how blocks
/// are spread across cores or cluster tasks.
/// </summary>
public sealed record SweepPlan
{
    /// <summary>The plan file format this build reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Scenario JSON after any <c>--set</c> edits.</summary>
    public required string ScenarioJson { get; init; }

    /// <summary>Where the scenario came from (for messages).</summary>
    public required string ScenarioPath { get; init; }

    /// <summary>Grid axes.</summary>
    public IReadOnlyList<GridAxis> Grid { get; init; } = [];

    /// <summary>Random axes.</summary>
    public IReadOnlyList<VaryAxis> Vary { get; init; } = [];

    /// <summary>Random draws per grid point (0 when nothing is varied).</summary>
    public int Draws { get; init; }

    /// <summary>Seed of the random draws.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Outcome columns recorded for every economy.</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = ["welfare_pct"];

    /// <summary>Points per block (the unit of warm starts and of work distribution).</summary>
    public int BlockSize { get; init; } = 64;

    /// <summary>Number of shards (cluster tasks) the blocks are split into.</summary>
    public int Tasks { get; init; } = 1;

    /// <summary>Root of the reference data, or null for the default.</summary>
    public string? DataRoot { get; init; }

    /// <summary>The build that wrote the plan; a plan from another build is refused (results would not be bit-identical).</summary>
    public string Software { get; init; } = SoftwareVersion;

    /// <summary>This build's version string.</summary>
    public static string SoftwareVersion { get; } =
        typeof(SweepPlan).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The scenario the points edit.</summary>
    public ScenarioDocument Scenario => ScenarioDocument.Parse(ScenarioJson, ScenarioPath);

    /// <summary>Points per draw set: the product of the grid axis lengths (1 without a grid).</summary>
    public int GridPoints => Grid.Aggregate(1, (p, a) => checked(p * a.Values.Count));

    /// <summary>Total points.</summary>
    public int PointCount => checked(GridPoints * Math.Max(1, Draws));

    /// <summary>Number of blocks.</summary>
    public int BlockCount => (PointCount + BlockSize - 1) / BlockSize;

    /// <summary>The input paths, grid first, as they appear in the result columns.</summary>
    public IReadOnlyList<string> InputPaths => Grid.Select(g => g.Path).Concat(Vary.Select(v => v.Path)).ToArray();

    /// <summary>Checks the sweep's own consistency (not the scenario paths: see <see cref="SweepRunner.Validate"/>).</summary>
    public void Validate()
    {
        if (Draws < 0)
        {
            throw new SweepInputException($"--draws must be ≥ 0, got {Draws}.");
        }

        if (Vary.Count > 0 && Draws == 0)
        {
            throw new SweepInputException("--vary needs --draws N (how many random draws to take).");
        }

        if (Draws > 0 && Vary.Count == 0)
        {
            throw new SweepInputException("--draws needs at least one --vary PATH=DISTRIBUTION.");
        }

        var duplicate = InputPaths.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SweepInputException($"'{duplicate.Key}' is swept twice; give each path one --grid or --vary.");
        }

        if (Outcomes.Count == 0 || Outcomes.Any(string.IsNullOrWhiteSpace))
        {
            throw new SweepInputException("--outcomes needs at least one outcome name, e.g. welfare_pct.");
        }

        if (BlockSize < 1)
        {
            throw new SweepInputException($"--block-size must be ≥ 1, got {BlockSize}.");
        }

        if (Tasks < 1)
        {
            throw new SweepInputException($"--tasks must be ≥ 1, got {Tasks}.");
        }

        _ = PointCount;
    }

    /// <summary>The point with index <paramref name="index"/>.</summary>
    public SweepPoint Point(int index)
    {
        var draws = Math.Max(1, Draws);
        var g = index / draws;
        var d = index % draws;
        var inputs = new List<KeyValuePair<string, JsonNode>>(Grid.Count + Vary.Count);
        var values = new double[Grid.Count];
        for (var a = Grid.Count - 1; a >= 0; a--)
        {
            var axis = Grid[a].Values;
            values[a] = axis[g % axis.Count];
            g /= axis.Count;
        }

        for (var a = 0; a < Grid.Count; a++)
        {
            inputs.Add(new(Grid[a].Path, JsonValue.Create(values[a])));
        }

        for (var v = 0; v < Vary.Count; v++)
        {
            var u1 = SweepRandom.Uniform(Seed, d, v, 0);
            var u2 = SweepRandom.Uniform(Seed, d, v, 1);
            inputs.Add(new(Vary[v].Path, Vary[v].Distribution.Sample(u1, u2)));
        }

        return new SweepPoint(index, inputs);
    }

    /// <summary>Distance scale per input (grid span or distribution scale), for nearest-neighbour warm starts.</summary>
    public IReadOnlyList<double> InputScales =>
        Grid.Select(g => g.To > g.From ? g.To - g.From : 1.0).Concat(Vary.Select(v => v.Distribution.Scale)).ToArray();

    /// <summary>The blocks of shard <paramref name="shard"/> of <see cref="Tasks"/>: a contiguous range.</summary>
    public (int FirstBlock, int EndBlock) ShardBlocks(int shard)
    {
        if (shard < 0 || shard >= Tasks)
        {
            throw new SweepInputException($"shard {shard} is out of range: the plan has {Tasks} shards (0–{Tasks - 1}).");
        }

        var blocks = BlockCount;
        return ((int)((long)blocks * shard / Tasks), (int)((long)blocks * (shard + 1) / Tasks));
    }

    /// <summary>Points of one block.</summary>
    public (int First, int End) BlockPoints(int block) => (block * BlockSize, Math.Min(PointCount, (block + 1) * BlockSize));

    /// <summary>A hash of everything that determines the results (the task count excluded).</summary>
    public string ResultsKey
    {
        get
        {
            var json = (this with { Tasks = 1 }).ToJson();
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        }
    }

    /// <summary>The plan as JSON.</summary>
    public string ToJson()
    {
        var o = new JsonObject
        {
            ["format"] = "tightrope-sweep-plan",
            ["version"] = FormatVersion,
            ["software"] = Software,
            ["scenarioPath"] = ScenarioPath,
            ["scenario"] = JsonNode.Parse(ScenarioJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }),
            ["grid"] = new JsonArray(Grid.Select(g => (JsonNode)new JsonObject { ["path"] = g.Path, ["from"] = g.From, ["to"] = g.To, ["step"] = g.Step }).ToArray()),
            ["vary"] = new JsonArray(Vary.Select(v => (JsonNode)new JsonObject { ["path"] = v.Path, ["distribution"] = v.Distribution.ToString() }).ToArray()),
            ["draws"] = Draws,
            ["seed"] = Seed,
            ["outcomes"] = new JsonArray(Outcomes.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
            ["blockSize"] = BlockSize,
            ["tasks"] = Tasks,
            ["points"] = PointCount,
            ["dataRoot"] = DataRoot,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a plan file; refuses other formats, versions and builds with a named error.</summary>
    public static SweepPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SweepInputException($"{path}: plan file not found.");
        }

        JsonObject o;
        try
        {
            o = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new SweepInputException($"{path}: empty plan file.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new SweepInputException($"{path}: not a sweep plan ({e.Message}).");
        }

        if ((string?)o["format"] != "tightrope-sweep-plan")
        {
            throw new SweepInputException($"{path}: not a sweep plan (field 'format' is not tightrope-sweep-plan).");
        }

        var version = (int?)o["version"];
        if (version != FormatVersion)
        {
            throw new SweepInputException($"{path}: plan format version {version?.ToString(CultureInfo.InvariantCulture) ?? "missing"}; this build reads version {FormatVersion}. Re-create the plan with this build.");
        }

        var software = (string?)o["software"];
        if (software != SoftwareVersion)
        {
            throw new SweepInputException($"{path}: plan written by tightrope {software ?? "(unknown)"}, this is {SoftwareVersion}; results would not be reproducible. Re-create the plan with this build.");
        }

        try
        {
            var plan = new SweepPlan
            {
                ScenarioPath = (string)o["scenarioPath"]!,
                ScenarioJson = o["scenario"]!.ToJsonString(),
                Grid = o["grid"]!.AsArray().Select(g => new GridAxis((string)g!["path"]!, (double)g["from"]!, (double)g["to"]!, (double)g["step"]!)).ToArray(),
                Vary = o["vary"]!.AsArray().Select(v => VaryAxis.Parse($"{(string)v!["path"]!}={(string)v["distribution"]!}")).ToArray(),
                Draws = (int)o["draws"]!,
                Seed = (long)o["seed"]!,
                Outcomes = o["outcomes"]!.AsArray().Select(x => (string)x!).ToArray(),
                BlockSize = (int)o["blockSize"]!,
                Tasks = (int)o["tasks"]!,
                DataRoot = (string?)o["dataRoot"],
                Software = software!,
            };
            plan.Validate();
            return plan;
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new SweepInputException($"{path}: malformed plan ({e.Message}).");
        }
    }
}
