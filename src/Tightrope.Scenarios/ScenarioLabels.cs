namespace Tightrope.Scenarios;

/// <summary>Where validation finds the labels a scenario may name (country and sector lists) before any data are loaded.</summary>
public static class ScenarioLabels
{
    /// <summary>
    /// The data folder <paramref name="folder"/> (under the configured data root unless absolute) when it holds
    /// <paramref name="labelFile"/>; null when no data root is configured or the file is absent, so that the codes are
    /// checked when the data are read instead (that read fails naming the missing folder).
    /// </summary>
    public static string? Folder(RunOptions options, string folder, string labelFile)
    {
        string root;
        try
        {
            root = options.ResolveDataRoot();
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var path = Path.Combine(root, folder);
        return File.Exists(Path.Combine(path, labelFile)) ? path : null;
    }
}
