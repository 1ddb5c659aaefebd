using System.CommandLine;
using Tightrope.Reports;

namespace Tightrope.Cli.Commands;

/// <summary>
/// Where and how a command prints: results on standard output laid out for the terminal's width (or unwrapped and
/// uncoloured when redirected, or at <c>--width N</c>), colour only on a terminal without <c>NO_COLOR</c> (or as
/// <c>--color</c> says), progress and "wrote …" lines on standard error. Shared by every command.
/// </summary>
public sealed class CliOutput
{
    private CliOutput(RenderSettings settings, bool verbose)
    {
        Settings = settings;
        Verbose = verbose;
    }

    /// <summary>Width and colour of table output.</summary>
    public RenderSettings Settings { get; }

    /// <summary>True with <c>--verbose</c>.</summary>
    public bool Verbose { get; }

    /// <summary>Results.</summary>
    public static TextWriter Out => Console.Out;

    /// <summary>Errors, warnings, progress.</summary>
    public static TextWriter Err => Console.Error;

    /// <summary>The global options every command understands: --verbose, --width, --color (added once to the root).</summary>
    public static IEnumerable<Option> GlobalOptions()
    {
        yield return new Option<bool>("--verbose") { Description = "On an unexpected error, print the full details.", Recursive = true };
        yield return new Option<int?>("--width") { Description = "Lay tables out for N columns (default: the terminal's width; unlimited when output is redirected).", Recursive = true };
        var color = new Option<string>("--color") { Description = "Colour output: auto (default: on a terminal unless NO_COLOR is set), always or never.", Recursive = true, DefaultValueFactory = _ => "auto" };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        yield return color;
    }

    /// <summary>A --format option accepting table, csv, json and markdown.</summary>
    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "Output: table (default), csv, json or markdown.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json", "markdown");
        return format;
    }

    /// <summary>Reads the global options of a parse.</summary>
    public static CliOutput From(ParseResult parse)
    {
        var width = Value<int?>(parse, "--width");
        var color = Value<string>(parse, "--color") ?? "auto";
        var redirected = Console.IsOutputRedirected;
        if (width is { } w && w < 20)
        {
            throw new ArgumentException($"--width {w}: expected at least 20 columns.");
        }

        var resolvedWidth = width ?? (redirected ? RenderSettings.Unlimited : TerminalWidth());
        var useColor = color switch
        {
            "always" => true,
            "never" => false,
            _ => !redirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && Environment.GetEnvironmentVariable("TERM") != "dumb",
        };
        return new CliOutput(new RenderSettings(resolvedWidth, useColor), Value<bool>(parse, "--verbose"));
    }

    /// <summary>Prints text to standard output.</summary>
    public static void Print(string text) => Out.Write(text);

    /// <summary>Notes a file or folder written, on standard error.</summary>
    public static void Wrote(string path) => Err.WriteLine($"wrote {path}");

    /// <summary>Notes an output folder and the files written into it (as <see cref="OutputFolder.Write"/> returns them), on standard error.</summary>
    public static void WroteFolder(string directory, IReadOnlyList<string> written) =>
        Wrote($"{Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)}{Path.DirectorySeparatorChar} ({string.Join(", ", written.Select(Path.GetFileName))})");

    private static int TerminalWidth()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 20)
        {
            return columns;
        }

        try
        {
            return Console.WindowWidth >= 20 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private static T? Value<T>(ParseResult parse, string name)
    {
        try
        {
            return parse.GetValue<T>(name);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
        catch (ArgumentException)
        {
            return default;
        }
    }
}
