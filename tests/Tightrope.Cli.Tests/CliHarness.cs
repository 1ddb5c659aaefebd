namespace Tightrope.Cli.Tests;

/// <summary>What one invocation of the CLI produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>True when anything looks like a .NET stack trace.</summary>
    public bool HasStackTrace => Stdout.Contains("   at ", StringComparison.Ordinal) || Stderr.Contains("   at ", StringComparison.Ordinal)
        || Stderr.Contains("Exception:", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the tightrope entry point in-process with standard output and error captured, as a user's shell would see them
/// when redirected. Console redirection is process-wide, so invocations are serialised.
/// </summary>
public static class Cli
{
    private static readonly Lock Gate = new();

    /// <summary>The tests' runs stay out of the user's run store, whoever starts them.</summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void KeepRunsOutOfTheStore()
    {
        if (Environment.GetEnvironmentVariable("TIGHTROPE_STORE") is null)
        {
            Environment.SetEnvironmentVariable("TIGHTROPE_STORE", "off");
        }
    }

    public static CliResult Run(params string[] args)
    {
        lock (Gate)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var oldOut = Console.Out;
            var oldErr = Console.Error;
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                var code = Program.Main(args);
                return new CliResult(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> while no CLI invocation runs (for tests that redirect the console themselves).</summary>
    public static void Exclusive(Action action)
    {
        lock (Gate)
        {
            action();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CliResult>> Cache = new(StringComparer.Ordinal);

    /// <summary>Runs a command that writes no files once per test run and reuses its output (solves are the slow part).</summary>
    public static CliResult RunCached(params string[] args) =>
        Cache.GetOrAdd(string.Join('\u001f', args), _ => new Lazy<CliResult>(() => Run(args))).Value;

    /// <summary>The repository root (where scenarios/ and docs/ live).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>A fresh temporary folder, deleted by the caller.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tightrope-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tightrope.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root not found");
    }
}
