using System.Reflection;

namespace Tightrope.Cli;

/// <summary>The program version recorded in output manifests: <c>git describe</c> at build time, else the assembly version.</summary>
public static class ToolVersion
{
    /// <summary>The version text.</summary>
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ToolVersion).Assembly;
        var described = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "GitDescribe")?.Value;
        if (!string.IsNullOrWhiteSpace(described))
        {
            return described.Trim();
        }

        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
    }
}
