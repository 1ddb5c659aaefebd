using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tightrope.Web;

// Loopback load test of the web app: a real server on 127.0.0.1 with a fresh run store, then
//   1. N fresh solves at once (the flagship scenario, each with a different US tariff on Mexico and Canada),
//   2. M concurrent reads of the stored runs (GET /api/runs/{id}),
//   3. the same N solves again, which must all be served from the store.
// Prints p50/p95 latency per phase and fails (exit 1) on any error or on a repeated solve that was not a store hit.
// Usage: dotnet run -c Release --project bench/Tightrope.Web.Load [-- --solves 50 --reads 200 --timeout 600]
var solves = Arg("--solves", 50);
var reads = Arg("--reads", 200);
var timeout = TimeSpan.FromSeconds(Arg("--timeout", 600));
var folder = Directory.CreateTempSubdirectory("tightrope-load-").FullName;
var app = WebApp.Create(["--urls=http://127.0.0.1:0", $"--Tightrope:StorePath={Path.Combine(folder, "runs.duckdb")}"]);
await app.StartAsync();
var failures = 0;
try
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = timeout };
    Console.WriteLine($"server {http.BaseAddress}, {Environment.ProcessorCount} cores, {solves} solves, {reads} reads");
    var body = (int k) => new { scenario = "usmx-fentanyl-25", overrides = new Dictionary<string, double> { ["tariffs[1].rate"] = Math.Round(0.05 + (0.01 * k), 4) } };

    var fresh = await Phase("fresh solves", solves, async k =>
    {
        var r = await http.PostAsJsonAsync("/api/runs", body(k));
        var ok = r.StatusCode == HttpStatusCode.OK && r.Headers.GetValues("X-Tightrope-Cache").Single() == "miss";
        return (ok, ok ? JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString() : $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    });
    var ids = fresh.Where(x => x.Ok).Select(x => x.Id!).ToList();
    if (ids.Count == 0)
    {
        throw new InvalidOperationException("no run was stored; nothing to read.");
    }

    await Phase("stored-run reads", reads, async k =>
    {
        var r = await http.GetAsync($"/api/runs/{ids[k % ids.Count]}");
        var text = await r.Content.ReadAsStringAsync();
        var ok = r.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(text).RootElement.GetProperty("tables").GetProperty("countries").GetArrayLength() == 194;
        return (ok, ok ? null : $"{(int)r.StatusCode}");
    });
    await Phase("repeated solves", solves, async k =>
    {
        var r = await http.PostAsJsonAsync("/api/runs", body(k));
        var hit = r.StatusCode == HttpStatusCode.OK && r.Headers.GetValues("X-Tightrope-Cache").Single() == "hit";
        return (hit, hit ? null : $"{(int)r.StatusCode} cache {string.Join(",", r.Headers.TryGetValues("X-Tightrope-Cache", out var v) ? v : [])}");
    });
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(failures == 0 ? "0 errors" : $"{failures} errors");
return failures == 0 ? 0 : 1;

async Task<List<(bool Ok, string? Id)>> Phase(string name, int count, Func<int, Task<(bool Ok, string? Detail)>> request)
{
    var latencies = new double[count];
    var clock = Stopwatch.StartNew();
    var results = await Task.WhenAll(Enumerable.Range(0, count).Select(async k =>
    {
        var t = Stopwatch.StartNew();
        try
        {
            var (ok, detail) = await request(k);
            latencies[k] = t.Elapsed.TotalMilliseconds;
            return (Ok: ok, Detail: detail);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            latencies[k] = t.Elapsed.TotalMilliseconds;
            return (Ok: false, Detail: (string?)e.Message);
        }
    }));
    var wall = clock.Elapsed;
    var errors = results.Where(r => !r.Ok).ToList();
    failures += errors.Count;
    Array.Sort(latencies);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} {count,4} requests  {wall.TotalSeconds,7:F2} s wall  p50 {Percentile(latencies, 0.50),8:F1} ms  p95 {Percentile(latencies, 0.95),8:F1} ms  max {latencies[^1],8:F1} ms  errors {errors.Count}"));
    foreach (var e in errors.Take(3))
    {
        Console.WriteLine($"  error: {e.Detail}");
    }

    return results.Select(r => (r.Ok, r.Detail)).ToList();
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
