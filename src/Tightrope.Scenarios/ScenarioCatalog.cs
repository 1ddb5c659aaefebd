namespace Tightrope.Scenarios;

/// <summary>Finds scenario files by name: in <c>$TIGHTROPE_SCENARIOS</c>, beside the executable, or in the repository's scenarios/.</summary>
public sealed class ScenarioCatalog(string directory)
{
    /// <summary>Environment variable that overrides the scenario directory.</summary>
    public const string EnvironmentVariable = "TIGHTROPE_SCENARIOS";

    /// <summary>The directory scanned.</summary>
    public string Directory { get; } = directory;

    /// <summary>The default catalog.</summary>
    public static ScenarioCatalog Default()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return new ScenarioCatalog(fromEnv);
        }

        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.json").Any())
                {
                    return new ScenarioCatalog(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException($"No scenarios directory found; set {EnvironmentVariable}.");
    }

    /// <summary>All scenario files, by name.</summary>
    public IReadOnlyList<ScenarioDocument> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(ScenarioDocument.Load).ToList();

    /// <summary>A scenario by name or by path to a .json file.</summary>
    public ScenarioDocument Find(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return ScenarioDocument.Load(nameOrPath);
        }

        var path = Path.Combine(Directory, nameOrPath + ".json");
        if (File.Exists(path))
        {
            return ScenarioDocument.Load(path);
        }

        var names = System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order();
        throw new ScenarioException(nameOrPath, null, $"no such scenario file or name. Known scenarios: {string.Join(", ", names)}.");
    }
}
