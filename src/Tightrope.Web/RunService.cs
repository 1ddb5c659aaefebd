using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Tightrope.Catalog;
using Tightrope.Scenarios;
using Tightrope.Store;

namespace Tightrope.Web;

/// <summary>Body of <c>POST /api/runs</c>: a catalogue name or a scenario object, and overrides as path → value.</summary>
/// <param name="Scenario">A scenario name (string) or a whole scenario (object).</param>
/// <param name="Overrides">Field overrides, e.g. {"tariffs[1].rate": 0.3}.</param>
public sealed record RunRequest(JsonElement Scenario, Dictionary<string, JsonElement>? Overrides);

/// <summary>
/// Runs scenarios for the web app: repeated inputs are served from the store, identical solves in flight are shared,
/// new ones go through the bounded <see cref="SolveQueue"/> and are recorded before they are returned.
/// </summary>
public sealed class RunService(ScenarioLibrary library, RunStore store, SolveQueue queue, WebServerOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<StoredRun>>> _inFlight = new();

    /// <summary>Resolves, checks and runs a request; <c>Cached</c> is true when the result came from the store.</summary>
    public async Task<(StoredRun Run, bool Cached)> RunAsync(RunRequest request, CancellationToken cancellation)
    {
        var scenario = request.Scenario.ValueKind switch
        {
            JsonValueKind.String => library.Find(request.Scenario.GetString()!),
            JsonValueKind.Object => ScenarioLibrary.Parse(request.Scenario),
            _ => throw new ScenarioException("request", "scenario", "expected a scenario name (string) or a scenario object."),
        };
        var (edited, assignments) = ScenarioLibrary.ApplyOverrides(scenario, request.Overrides);
        library.CheckData(edited);
        ShippedModels.Registry.For(edited);
        var json = edited.Body.GetRawText();
        var hash = RunRecord.InputHash(json);
        if (await store.FindByInputAsync(hash, cancellation) is { } stored)
        {
            return (stored, true);
        }

        var mine = new Lazy<Task<StoredRun>>(() => SolveAndStoreAsync(edited, assignments, json, cancellation));
        var shared = _inFlight.GetOrAdd(hash, mine);
        try
        {
            return (await shared.Value, !ReferenceEquals(shared, mine));
        }
        finally
        {
            if (ReferenceEquals(shared, mine))
            {
                _inFlight.TryRemove(hash, out _);
            }
        }
    }

    private async Task<StoredRun> SolveAndStoreAsync(ScenarioDocument scenario, IReadOnlyList<string> assignments, string json, CancellationToken cancellation)
    {
        var run = await queue.RunAsync(
            () =>
            {
                var clock = Stopwatch.StartNew();
                var report = ShippedModels.Registry.Run(scenario, new RunOptions(options.DataRoot));
                return RunRecord.Create(scenario.Name, scenario.Title, scenario.Model, "web", assignments, json, report, clock.Elapsed);
            },
            cancellation);
        await store.AddAsync(run, CancellationToken.None);
        return run;
    }
}
