using Tightrope.Catalog;
using Tightrope.Scenarios;

namespace Tightrope.Sweeps.Tests;

/// <summary>Temporary directories and plans shared by the sweep tests.</summary>
internal static class SweepTestSupport
{
    public static string TempDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tightrope-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Delete(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }

    public static ScenarioDocument Scenario(string name) => ScenarioCatalog.Default().Find(name);

    public static SweepPlan Plan(string scenario, IReadOnlyList<GridAxis>? grid = null, IReadOnlyList<VaryAxis>? vary = null, int draws = 0, long seed = 1,
        IReadOnlyList<string>? outcomes = null, int blockSize = 64, int tasks = 1)
    {
        var doc = Scenario(scenario);
        return new SweepPlan
        {
            ScenarioJson = doc.Body.GetRawText(),
            ScenarioPath = doc.Path,
            Grid = grid ?? [],
            Vary = vary ?? [],
            Draws = draws,
            Seed = seed,
            Outcomes = outcomes ?? ["welfare_pct"],
            BlockSize = blockSize,
            Tasks = tasks,
        };
    }

    public static SweepRunner Runner(int threads = 2) => new(ShippedModels.Registry) { Threads = threads };

    /// <summary>Quantile by linear interpolation between order statistics, written independently of the library.</summary>
    public static double Quantile(double[] values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var position = p * (sorted.Length - 1);
        var below = (int)position;
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>The repository root (holding Tightrope.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tightrope.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (Tightrope.slnx) not found above " + AppContext.BaseDirectory);
    }
}
