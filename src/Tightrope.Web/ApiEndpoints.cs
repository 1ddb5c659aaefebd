using System.Text;
using System.Text.Json;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Store;

namespace Tightrope.Web;

/// <summary>A line of the scenario list.</summary>
public sealed record ScenarioSummary(string Name, string Model, string Title);

/// <summary>A scenario with its editable fields.</summary>
public sealed record ScenarioDetail(string Name, string Model, string Title, string Description, IReadOnlyList<ScenarioSource> Sources, IReadOnlyList<ScenarioField> Fields, JsonElement Body);

/// <summary>A run as the API returns it: manifest and tables as rows of column → value (numbers as numbers).</summary>
public sealed record RunResponse(string Id, bool Cached, RunManifest Manifest, IReadOnlyDictionary<string, IReadOnlyList<Dictionary<string, object?>>> Tables)
{
    /// <summary>Shapes a stored run.</summary>
    public static RunResponse From(StoredRun run, bool cached) => new(
        run.Manifest.Id,
        cached,
        run.Manifest,
        run.Tables.ToDictionary(
            t => t.Info.Name,
            t => (IReadOnlyList<Dictionary<string, object?>>)Enumerable.Range(0, t.Cells.Count)
                .Select(r => t.Info.Columns.Select((c, k) => (c.Name, Value: t.Value(r, k))).ToDictionary(p => p.Name, p => p.Value))
                .ToList()));
}

/// <summary>
/// Serialized run responses: stored runs never change, so each is turned into JSON once and then served as bytes,
/// which keeps reads of stored runs cheap under load.
/// </summary>
public sealed class RunJson
{
    private const int Limit = 256;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), byte[]> _bytes = new();

    /// <summary>The run's response as a JSON result.</summary>
    public IResult Result(StoredRun run, bool cached)
    {
        var key = (run.Manifest.Id, cached);
        if (!_bytes.TryGetValue(key, out var bytes))
        {
            if (_bytes.Count >= Limit)
            {
                _bytes.Clear();
            }

            bytes = _bytes[key] = JsonSerializer.SerializeToUtf8Bytes(RunResponse.From(run, cached), WebApp.Json);
        }

        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}

/// <summary>The JSON API: scenarios, runs, estimation.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps the endpoints under /api.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/scenarios", (ScenarioLibrary library) =>
                library.All().Select(s => new ScenarioSummary(s.Name, s.Model, s.Title)).ToList())
            .WithSummary("The scenario library: name, model and title of each scenario.");

        api.MapGet("/scenarios/{name}", (string name, ScenarioLibrary library) =>
            {
                var s = library.Find(name);
                return new ScenarioDetail(s.Name, s.Model, s.Title, s.Description, s.Sources, library.Fields(s), s.Body);
            })
            .WithSummary("One scenario: its JSON body and the fields the explorer can edit.")
            .ProducesProblem(400);

        api.MapPost("/runs", async (RunRequest request, RunService runs, RunJson json, HttpContext context) =>
            {
                var (run, cached) = await runs.RunAsync(request, context.RequestAborted);
                context.Response.Headers["X-Tightrope-Cache"] = cached ? "hit" : "miss";
                return json.Result(run, cached);
            })
            .Produces<RunResponse>()
            .WithSummary("Runs a scenario (a catalogue name or a scenario object) with overrides; repeated inputs are served from the store.")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(503).ProducesProblem(504);

        api.MapGet("/runs", async (RunStore store, int? limit, string? scenario, CancellationToken ct) =>
                await store.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), scenario, ct))
            .WithSummary("Stored runs, newest first (manifests only).");

        api.MapGet("/runs/{id}", async (string id, RunStore store, RunJson json, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } run ? json.Result(run, true) : NotFound(id))
            .WithSummary("A stored run with its tables.")
            .Produces<RunResponse>().ProducesProblem(404);

        api.MapGet("/runs/{id}/rows.csv", async (string id, string? iso3, string? outcome, int? limit, RunStore store, CancellationToken ct) =>
            {
                if (await store.GetAsync(id, ct) is not { } run)
                {
                    return NotFound(id);
                }

                if (run.Manifest.Sweep is not { } sweep)
                {
                    return Problems.Result(404, "Not a sweep", $"run {id} is a single run; only sweeps have rows (its tables: {string.Join(", ", run.Tables.Select(x => x.Info.Name))}).");
                }

                try
                {
                    var rows = SweepRowsQuery.Select(sweep.Results, iso3, outcome, Math.Clamp(limit ?? 100_000, 1, 1_000_000));
                    return Results.File(Encoding.UTF8.GetBytes(CsvReportWriter.Format(rows)), "text/csv; charset=utf-8", $"{id}-rows.csv");
                }
                catch (StoreException e)
                {
                    return Problems.Result(404, "Rows not available", e.Message);
                }
            })
            .WithSummary("A sweep's Parquet rows as CSV (draw, iso3, outcome, value, swept fields), optionally one economy (iso3) and/or outcome; at most limit rows (default 100,000).")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);

        api.MapGet("/runs/{id}/{table}.csv", async (string id, string table, RunStore store, CancellationToken ct) =>
            {
                if (await store.GetAsync(id, ct) is not { } run)
                {
                    return NotFound(id);
                }

                if (run.Table(table) is not { } t)
                {
                    return Problems.Result(404, "No such table", $"run {id} has no table '{table}'{ScenarioLibrary.Nearest(table, run.Tables.Select(x => x.Info.Name))}; it has {string.Join(", ", run.Tables.Select(x => x.Info.Name))}.");
                }

                return Results.File(Encoding.UTF8.GetBytes(CsvReportWriter.Format(t.ToReportTable())), "text/csv; charset=utf-8", $"{id}-{t.Info.Name}.csv");
            })
            .WithSummary("One table of a stored run as CSV, byte for byte what 'tightrope run --out' writes.")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);

        api.MapPost("/estimate", async (HttpRequest request, EstimateService estimate, CancellationToken ct) =>
                await estimate.EstimateAsync(request, ct))
            .WithSummary("Gravity estimation (PPML or OLS with absorbed fixed effects) on an uploaded CSV or Stata .dta file (multipart/form-data: file, formula, model, vcov, subset).")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<EstimateResponse>().ProducesProblem(400).ProducesProblem(413);
    }

    private static IResult NotFound(string id) => Problems.Result(404, "No such run", $"no stored run has the id '{id}'.");
}
