using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tightrope.Catalog;
using Tightrope.Cli.Commands;
using Tightrope.Scenarios;
using Tightrope.Store;
using Tightrope.Sweeps;

namespace Tightrope.Web.Tests;

/// <summary>A sweep recorded in the run store, seen through the API: listed, its summary and Parquet rows downloadable.</summary>
public sealed class SweepApiTests(SharedWeb web) : IClassFixture<SharedWeb>
{
    private readonly HttpClient _client = web.Factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_sweep_is_listed_with_its_summary_and_rows()
    {
        var doc = ScenarioCatalog.Default().Find("imls-case1");
        var plan = new SweepPlan
        {
            ScenarioJson = doc.Body.GetRawText(),
            ScenarioPath = doc.Path,
            Vary = [VaryAxis.Parse("parameters.tradeElasticity=uniform(3,5)")],
            Draws = 6,
            Seed = 2,
            Outcomes = ["welfare_pct", "prices_pct"],
            BlockSize = 3,
        };
        var dir = Path.Combine(web.Factory.Folder, "sweep-" + Guid.NewGuid().ToString("N"));
        var merged = new SweepRunner(ShippedModels.Registry) { Threads = 2 }.RunLocal(plan, dir);
        var record = SweepHistory.Create(merged, dir, TimeSpan.FromSeconds(1));
        await web.Factory.Services.GetRequiredService<RunStore>().AddAsync(record, Ct);
        var id = record.Manifest.Id;

        var list = JsonDocument.Parse(await _client.GetStringAsync("/api/runs", Ct)).RootElement;
        var listed = list.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        listed.GetProperty("origin").GetString().ShouldBe("sweep");
        listed.GetProperty("sweep").GetProperty("rows").GetInt64().ShouldBe(6 * 194 * 2);

        (await _client.GetStringAsync($"/api/runs/{id}/summary.csv", Ct)).ShouldBe(await File.ReadAllTextAsync(Path.Combine(dir, "summary.csv"), Ct));

        var rows = (await _client.GetStringAsync($"/api/runs/{id}/rows.csv?iso3=MEX&outcome=welfare_pct", Ct)).TrimEnd('\n').Split('\n');
        rows[0].ShouldBe("draw,iso3,outcome,value,parameters.tradeElasticity");
        rows.Length.ShouldBe(1 + 6);
        var parquet = SweepResultFiles.Read(Path.Combine(dir, "results.parquet"));
        var expected = Enumerable.Range(0, parquet.Count).Where(r => parquet.Economy[r] == "MEX" && parquet.Outcome[r] == "welfare_pct").Select(r => parquet.Value[r]).ToArray();
        rows.Skip(1).Select(r => double.Parse(r.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray().ShouldBe(expected);

        (await _client.GetStringAsync($"/api/runs/{id}/rows.csv?limit=5", Ct)).TrimEnd('\n').Split('\n').Length.ShouldBe(6);
        (await _client.GetAsync("/api/runs/no-such-run/rows.csv", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
