namespace Tightrope.Data;

/// <summary>Finds the shared reference data: <c>$TIGHTROPE_DATA</c>, else <c>../shared/data</c> beside the repository.</summary>
public static class DataLocation
{
    /// <summary>Name of the environment variable that overrides the data root.</summary>
    public const string EnvironmentVariable = "TIGHTROPE_DATA";

    /// <summary>The data root directory. Throws with the places searched if none exists.</summary>
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                return Directory.Exists(fromEnv)
                    ? Path.GetFullPath(fromEnv)
                    : throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnv} does not exist.");
            }

            var tried = new List<string>();
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                    if (File.Exists(Path.Combine(dir.FullName, "Tightrope.slnx")) || dir.FullName == Path.GetFullPath(start).TrimEnd('/'))
                    {
                        tried.Add(Path.GetFullPath(candidate));
                        if (Directory.Exists(candidate))
                        {
                            return Path.GetFullPath(candidate);
                        }
                    }
                }
            }

            throw new DirectoryNotFoundException(
                $"Reference data not found. Set {EnvironmentVariable} or place shared/data beside the repository. Looked in: {string.Join(", ", tried.Distinct())}.");
        }
    }

    /// <summary>A path under the data root.</summary>
    public static string Resolve(params string[] parts) => Path.Combine([Root, .. parts]);
}
