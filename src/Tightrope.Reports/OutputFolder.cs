using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tightrope.Reports;

/// <summary>One scenario run recorded in an output manifest.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="File">Scenario file it was read from (null for inputs that are not scenario files).</param>
/// <param name="ResolvedScenario">The scenario as run, overrides applied (JSON text without comments), or null.</param>
/// <param name="Overrides">The command-line overrides (path=value).</param>
/// <param name="DataFiles">Full paths of every data file the run read.</param>
/// <param name="Solver">How each solve converged.</param>
public sealed record ManifestRun(
    string Scenario,
    string? File,
    string? ResolvedScenario,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<string> DataFiles,
    IReadOnlyList<SolverDiagnostic> Solver);

/// <summary>What made an output folder: the command, the program version, the times and every run with its inputs.</summary>
public sealed record OutputManifest(string Command, string Version, DateTimeOffset Started, DateTimeOffset Finished, IReadOnlyList<ManifestRun> Runs)
{
    /// <summary>The data root the runs read from.</summary>
    public string? DataRoot { get; init; }
}

/// <summary>A file of an output folder that is not a table (a chart, say): its name and how to write it.</summary>
/// <param name="Name">File name inside the folder (no folder part).</param>
/// <param name="Write">Writes the file at the full path it is given (inside the temporary folder).</param>
public sealed record OutputFile(string Name, Action<string> Write);

/// <summary>An output folder or file that cannot or must not be written; the message names it and says why.</summary>
public sealed class OutputFolderException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// Writes result folders safely: into a temporary folder beside the target, then renamed into place, so a folder is
/// always wholly one run's output. Refuses folders inside the data root, files, and non-empty folders that are not a
/// previous Tightrope output (recognised by their manifest.json); a previous output is replaced whole.
/// </summary>
public static class OutputFolder
{
    /// <summary>Name of the manifest file in every output folder.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The manifest's <c>format</c> value that marks a folder as a Tightrope output.</summary>
    public const string Format = "tightrope-output/1";

    /// <summary>Checks that <paramref name="directory"/> may be written (before any work is done); returns its full path.</summary>
    public static string Check(string directory, string? dataRoot)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (File.Exists(full))
        {
            throw new OutputFolderException($"--out {directory}: is a file; --out takes a folder (it is created, or replaced if it holds a previous Tightrope output).");
        }

        RefuseDataRoot(full, directory, dataRoot);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !IsPreviousOutput(full))
        {
            throw new OutputFolderException($"--out {directory}: the folder is not empty and holds no Tightrope {ManifestFile}; refusing to mix or overwrite files. Choose a new or empty folder.");
        }

        return full;
    }

    /// <summary>
    /// Writes the tables as NAME.csv, the <paramref name="files"/> and the manifest into <paramref name="directory"/>,
    /// atomically (every file is hashed into the manifest); returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<ReportTable> tables, OutputManifest manifest, string? dataRoot, IReadOnlyList<OutputFile>? files = null)
    {
        files ??= [];
        var names = tables.Where(t => !t.ScreenOnly).Select(t => t.Name + ".csv").Concat(files.Select(f => f.Name)).Append(ManifestFile).ToList();
        foreach (var f in files)
        {
            if (f.Name.Length == 0 || f.Name != Path.GetFileName(f.Name) || f.Name.StartsWith('.'))
            {
                throw new ArgumentException($"output file name '{f.Name}' must be a plain file name.", nameof(files));
            }
        }

        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ArgumentException($"output file '{clash.Key}' would be written twice.", nameof(files));
        }

        var full = Check(directory, dataRoot);
        var parent = Path.GetDirectoryName(full) ?? throw new OutputFolderException($"--out {directory}: cannot write to the root of the file system.");
        var name = Path.GetFileName(full);
        var temp = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(temp);
            var written = new JsonArray();
            foreach (var table in tables.Where(t => !t.ScreenOnly))
            {
                var text = ReportFormats.Csv(table);
                var file = table.Name + ".csv";
                File.WriteAllText(Path.Combine(temp, file), text, new UTF8Encoding(false));
                written.Add(new JsonObject { ["name"] = file, ["rows"] = table.Rows.Count, ["sha256"] = Hash(Encoding.UTF8.GetBytes(text)) });
            }

            foreach (var f in files)
            {
                var path = Path.Combine(temp, f.Name);
                f.Write(path);
                written.Add(new JsonObject { ["name"] = f.Name, ["bytes"] = new FileInfo(path).Length, ["sha256"] = HashFile(path) });
            }

            File.WriteAllText(Path.Combine(temp, ManifestFile), ManifestJson(manifest, written), new UTF8Encoding(false));
            Replace(temp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputFolderException)
        {
            TryDelete(temp);
            throw new OutputFolderException($"cannot write output folder {full}: {e.Message} Nothing was changed there.", e);
        }
        catch
        {
            // A file writer failed in its own way: leave nothing behind, change nothing, let the error through.
            TryDelete(temp);
            throw;
        }

        return [.. names.Select(n => Path.Combine(full, n))];
    }

    /// <summary>Writes one file atomically (temporary file beside it, then renamed); refuses folders and the data root.</summary>
    public static string WriteFile(string path, string content, string? dataRoot)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new OutputFolderException($"--out {path}: is a folder; expected a file name such as comparison.csv.");
        }

        RefuseDataRoot(full, path, dataRoot);
        var temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new OutputFolderException($"cannot write {full}: {e.Message}", e);
        }

        return full;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void RefuseDataRoot(string full, string given, string? dataRoot)
    {
        if (string.IsNullOrEmpty(dataRoot))
        {
            return;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataRoot));
        if (full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new OutputFolderException($"--out {given}: is inside the data root {root}; output never goes there, where it could overwrite input data.");
        }
    }

    private static bool IsPreviousOutput(string directory)
    {
        var manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(manifest))?["format"]?.GetValue<string>() == Format;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    private static void Replace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        var old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        TryDelete(old);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden temporary folder is harmless and never mistaken for output.
        }
    }

    private static string ManifestJson(OutputManifest manifest, JsonArray written)
    {
        var runs = new JsonArray();
        foreach (var run in manifest.Runs)
        {
            var files = new JsonArray();
            foreach (var f in run.DataFiles)
            {
                files.Add(new JsonObject
                {
                    ["path"] = manifest.DataRoot is { } dataRoot && f.StartsWith(Path.GetFullPath(dataRoot), StringComparison.Ordinal) ? Path.GetRelativePath(dataRoot, f) : f,
                    ["bytes"] = File.Exists(f) ? new FileInfo(f).Length : null,
                    ["sha256"] = File.Exists(f) ? HashFile(f) : null,
                });
            }

            runs.Add(new JsonObject
            {
                ["scenario"] = run.Scenario,
                ["file"] = run.File,
                ["overrides"] = new JsonArray([.. run.Overrides.Select(o => (JsonNode)JsonValue.Create(o)!)]),
                ["resolvedScenario"] = run.ResolvedScenario is { } json ? JsonNode.Parse(json, null, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) : null,
                ["dataFiles"] = files,
                ["solver"] = new JsonArray([.. run.Solver.Select(s => (JsonNode)new JsonObject
                {
                    ["solve"] = s.Solve,
                    ["iterations"] = s.Iterations,
                    ["residual"] = s.Residual is { } r && double.IsFinite(r) ? r : null,
                })]),
            });
        }

        var root = new JsonObject
        {
            ["format"] = Format,
            ["command"] = manifest.Command,
            ["version"] = manifest.Version,
            ["started"] = manifest.Started.ToUniversalTime().ToString("O"),
            ["finished"] = manifest.Finished.ToUniversalTime().ToString("O"),
            ["dataRoot"] = manifest.DataRoot is { } d ? Path.GetFullPath(d) : null,
            ["runs"] = runs,
            ["files"] = written,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
