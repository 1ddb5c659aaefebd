namespace Tightrope.Web;

/// <summary>Settings of the web app, bound from the "Tightrope" configuration section (set by <c>tightrope serve</c>).</summary>
public sealed class WebServerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Tightrope";

    /// <summary>The run store file (default: <see cref="Store.RunStore.DefaultPath"/>).</summary>
    public string? StorePath { get; set; }

    /// <summary>Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data).</summary>
    public string? DataRoot { get; set; }

    /// <summary>Directory of the scenario library (default: the one the CLI uses).</summary>
    public string? ScenarioDirectory { get; set; }

    /// <summary>Longest a single solve or estimation may take, in seconds.</summary>
    public double SolveTimeLimitSeconds { get; set; } = 120;

    /// <summary>Solves running at once (default: the number of processors).</summary>
    public int MaxConcurrentSolves { get; set; } = Environment.ProcessorCount;

    /// <summary>Solves allowed to wait for a slot; more are refused with 503.</summary>
    public int MaxQueuedSolves { get; set; } = 200;

    /// <summary>Largest JSON request body, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Largest upload (estimation data file), in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 64L << 20;
}
