using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Tightrope.Store;

namespace Tightrope.Web.Tests;

public sealed class StoreCrashTests
{
    [Fact]
    public async Task Killing_the_server_while_it_writes_loses_no_run_already_stored()
    {
        var folder = Directory.CreateTempSubdirectory("tightrope-crash-").FullName;
        var storePath = Path.Combine(folder, "runs.duckdb");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Tightrope.Web.dll"), $"--urls=http://127.0.0.1:{port}", $"--Tightrope:StorePath={storePath}" })
        {
            start.ArgumentList.Add(a);
        }

        using var server = Process.Start(start)!;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var ready = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/api/scenarios", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            ready.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the server did not start");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        // Writers post distinct small runs (the EC-10 bargaining example with a different round count each), so the
        // server spends most of its time writing to the store when it is killed.
        var acknowledged = new ConcurrentBag<string>();
        var counter = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rounds = Interlocked.Increment(ref counter);
                try
                {
                    var response = await http.PostAsJsonAsync("/api/runs", new { scenario = "bdm-ec10", overrides = new Dictionary<string, int> { ["bargaining.rounds"] = rounds } }, stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token)).RootElement;
                        acknowledged.Add(body.GetProperty("id").GetString()!);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
                {
                }
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        while (acknowledged.Count < 30 && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(30);
        server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no checkpoint
        server.WaitForExit();
        var saved = acknowledged.ToList();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        using var store = RunStore.Open(storePath);
        foreach (var id in saved)
        {
            var run = store.Get(id);
            run.ShouldNotBeNull($"run {id} was acknowledged before the crash but is not in the store");
            run.Tables.Count.ShouldBe(run.Manifest.Tables.Count);
            foreach (var t in run.Tables)
            {
                t.Cells.Count.ShouldBe(t.Info.RowCount);
            }
        }

        store.Count().ShouldBeGreaterThanOrEqualTo(saved.Count);
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
