using System.Text.RegularExpressions;

namespace Tightrope.Cli.Tests;

/// <summary>
/// Text snapshots under tests/Tightrope.Cli.Tests/Snapshots/NAME.txt. Run-time figures (milliseconds, seconds,
/// residuals) are masked. To accept new output: UPDATE_SNAPSHOTS=1 dotnet test tests/Tightrope.Cli.Tests.
/// </summary>
public static partial class Snapshot
{
    public static void Match(string name, CliResult result)
    {
        result.ExitCode.ShouldBe(0, result.ToString());
        var actual = Mask(result.Stdout);
        var path = Path.Combine(Cli.RepoRoot, "tests", "Tightrope.Cli.Tests", "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") != "1")
            {
                throw new InvalidOperationException($"snapshot {path} did not exist and was written; check it and rerun.");
            }

            return;
        }

        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            File.WriteAllText(path + ".received", actual);
            actual.ShouldBe(expected, $"snapshot {name} differs; the new output is in {path}.received (UPDATE_SNAPSHOTS=1 accepts it)");
        }
    }

    private static string Mask(string text)
    {
        text = Millis().Replace(text, "# ms");
        text = Seconds().Replace(text, "# s");
        return Scientific().Replace(text, "#E#");
    }

    [GeneratedRegex(@"\d+(\.\d+)? ms")]
    private static partial Regex Millis();

    [GeneratedRegex(@"\d+\.\d+ s\b")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"\d(\.\d+)?E[-+]\d+")]
    private static partial Regex Scientific();
}
