using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tightrope.Web.Tests;

/// <summary>The app over an in-memory test server with its own temporary run store.</summary>
public sealed class WebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public WebFactory(params (string Key, string Value)[] settings)
    {
        Folder = Directory.CreateTempSubdirectory("tightrope-web-tests-").FullName;
        _settings = new() { ["Tightrope:StorePath"] = Path.Combine(Folder, "runs.duckdb") };
        foreach (var (k, v) in settings)
        {
            _settings[k] = v;
        }
    }

    public string Folder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One factory shared by the API tests of a class.</summary>
public sealed class SharedWeb : IDisposable
{
    public WebFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
