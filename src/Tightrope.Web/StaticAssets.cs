using System.Reflection;

namespace Tightrope.Web;

/// <summary>The explorer's front-end, bundled at build time and embedded in this assembly, served from memory.</summary>
public sealed class StaticAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".map"] = "application/json",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Loads the embedded files.</summary>
    public StaticAssets()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            _files[name[Prefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }
    }

    /// <summary>Maps "/" to the explorer page and "/assets/…" to its files.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGet("/favicon.svg", () => Serve("favicon.svg")).ExcludeFromDescription();
        app.MapGet("/assets/{**file}", (string file) => Serve("assets/" + file)).ExcludeFromDescription();
    }

    private IResult Serve(string path)
    {
        if (!_files.TryGetValue(path, out var bytes))
        {
            return Problems.Result(404, "Not found", $"no such file '{path}'.");
        }

        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return Results.Bytes(bytes, type);
    }
}
