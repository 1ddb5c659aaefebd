using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tightrope.Catalog;
using Tightrope.Data;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Web.Tests;

public sealed class ApiTests(SharedWeb web) : IClassFixture<SharedWeb>
{
    private readonly HttpClient _client = web.Factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostRun(object body)
    {
        var response = await _client.PostAsJsonAsync("/api/runs", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private static void ShouldBeProblem(HttpResponseMessage response, JsonElement body, HttpStatusCode status, params string[] detailContains)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var detail = body.GetProperty("detail").GetString()!;
        foreach (var s in detailContains)
        {
            detail.ShouldContain(s);
        }

        detail.ShouldNotContain("   at ");
        body.GetProperty("status").GetInt32().ShouldBe((int)status);
    }

    [Fact]
    public async Task Scenario_list_names_every_catalogue_scenario_with_model_and_title()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/scenarios", Ct);
        var names = list.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        names.ShouldContain("imls-case1");
        names.ShouldContain("usmx-bargaining");
        names.Count.ShouldBe(ScenarioCatalog.Default().All().Count);
        var case1 = list.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "imls-case1");
        case1.GetProperty("model").GetString().ShouldBe("tariffs-one-sector");
        case1.GetProperty("title").GetString()!.ShouldContain("Liberation Day");
    }

    [Fact]
    public async Task Scenario_detail_has_its_body_and_editable_fields_with_current_values()
    {
        var s = await _client.GetFromJsonAsync<JsonElement>("/api/scenarios/usmx-fentanyl-25", Ct);
        s.GetProperty("body").GetProperty("tariffs").GetArrayLength().ShouldBe(2);
        var fields = s.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        fields["tariffs[1].rate"].GetProperty("value").GetDouble().ShouldBe(0.25);
        fields["tariffs[1].rate"].GetProperty("label").GetString()!.ShouldContain("MEX");
        fields["recycling"].GetProperty("kind").GetString().ShouldBe("choice");
        fields["recycling"].GetProperty("choices").EnumerateArray().Select(c => c.GetString()).ShouldContain("lump-sum");
    }

    [Fact]
    public async Task Unknown_scenario_is_a_problem_naming_it_and_listing_the_known_ones()
    {
        var response = await _client.GetAsync("/api/scenarios/imls-case9", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "imls-case9", "no such scenario", "Known scenarios", "imls-case1");

        var (_, runBody, runResponse) = await PostRun(new { scenario = "imls-case9" });
        ShouldBeProblem(runResponse, runBody, HttpStatusCode.BadRequest, "imls-case9", "no such scenario");
    }

    [Theory]
    [InlineData("../scenarios/imls-case1")]
    [InlineData("/etc/passwd")]
    [InlineData("scenarios/imls-case1.json")]
    public async Task Client_file_paths_are_refused(string path)
    {
        var (_, body, response) = await PostRun(new { scenario = path });
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "file paths are not accepted");
    }

    [Fact]
    public async Task A_posted_scenario_may_not_point_at_arbitrary_data_files()
    {
        var scenario = JsonNode(File.ReadAllText(ScenarioCatalog.Default().Find("bdm-ec10").Path));
        scenario["data"] = "../../../etc/passwd";
        var (_, body, response) = await PostRun(new { scenario });
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "field 'data'", "not a data set of the scenario library");
    }

    [Fact]
    public async Task Unknown_override_path_is_an_error_naming_it_and_the_nearest_field()
    {
        var (_, body, response) = await PostRun(new { scenario = "imls-case1", overrides = new Dictionary<string, object> { ["parameters.tradeElastcity"] = 5 } });
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "'parameters.tradeElastcity'", "unknown override path", "did you mean 'parameters.tradeElasticity'");

        (_, body, response) = await PostRun(new { scenario = "usmx-fentanyl-25", overrides = new Dictionary<string, object> { ["tariffs[7].rate"] = 0.3 } });
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "'tariffs[7].rate'", "unknown override path");
    }

    [Fact]
    public async Task A_bad_override_value_gets_the_models_message()
    {
        var (_, body, response) = await PostRun(new { scenario = "imls-case1", overrides = new Dictionary<string, object> { ["recycling"] = "helicopter" } });
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "recycling", "'helicopter' is not one of income-tax-relief, lump-sum");
    }

    [Fact]
    public async Task Malformed_or_misspelled_request_bodies_are_problems()
    {
        var response = await _client.PostAsync("/api/runs", new StringContent("{\"scenario\": ", Encoding.UTF8, "application/json"), Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest);

        response = await _client.PostAsync("/api/runs", new StringContent("{\"scenario\": \"imls-case1\", \"overides\": {}}", Encoding.UTF8, "application/json"), Ct);
        body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "overides");

        var (_, missing, missingResponse) = await PostRun(new { overrides = new { } });
        ShouldBeProblem(missingResponse, missing, HttpStatusCode.BadRequest, "scenario");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_whether_or_not_its_length_is_declared()
    {
        var big = "{\"scenario\": \"imls-case1\", \"overrides\": {\"x\": \"" + new string('a', 2 << 20) + "\"}}";
        var response = await _client.PostAsync("/api/runs", new StringContent(big, Encoding.UTF8, "application/json"), Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.RequestEntityTooLarge, "exceeds the limit");

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        response = await _client.SendAsync(request, Ct);
        body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.RequestEntityTooLarge, "exceeds the limit");
    }

    [Fact]
    public async Task Imls_case1_returns_Mexicos_welfare_of_output_map_and_is_stored_and_served_again()
    {
        var (status, run, response) = await PostRun(new { scenario = "imls-case1" });
        status.ShouldBe(HttpStatusCode.OK);
        var reference = File.ReadLines(DataLocation.Resolve("bilateral-2023", "reference", "output_map.csv"))
            .Select(l => l.Split(','))
            .Single(c => c[0] == "MEX");
        var expected = double.Parse(reference[1], CultureInfo.InvariantCulture); // Value_1 = welfare change, %
        var mex = run.GetProperty("tables").GetProperty("countries").EnumerateArray().Single(r => r.GetProperty("iso3").GetString() == "MEX");
        mex.GetProperty("welfare_pct").GetDouble().ShouldBe(expected, 1e-6);

        var id = run.GetProperty("id").GetString()!;
        run.GetProperty("manifest").GetProperty("scenario").GetString().ShouldBe("imls-case1");
        run.GetProperty("manifest").GetProperty("origin").GetString().ShouldBe("web");

        // The same input again is served from the store, with the same run.
        var (_, again, againResponse) = await PostRun(new { scenario = "imls-case1" });
        againResponse.Headers.GetValues("X-Tightrope-Cache").Single().ShouldBe("hit");
        again.GetProperty("id").GetString().ShouldBe(id);
        again.GetProperty("cached").GetBoolean().ShouldBeTrue();

        var list = await _client.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
        list.EnumerateArray().Select(m => m.GetProperty("id").GetString()).ShouldContain(id);

        var stored = await _client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct);
        stored.GetProperty("tables").GetProperty("countries").GetArrayLength().ShouldBe(194);

        // The CSV is byte for byte what 'tightrope run --out' writes.
        var csv = await _client.GetStringAsync($"/api/runs/{id}/countries.csv", Ct);
        var cli = ShippedModels.Registry.Run(ScenarioCatalog.Default().Find("imls-case1"));
        csv.ShouldBe(CsvReportWriter.Format(cli.Tables.Single(t => t.Name == "countries")));
        _ = response;
    }

    [Fact]
    public async Task Scenarios_with_comments_in_their_body_run_with_overrides_and_store_standard_json()
    {
        File.ReadAllText(ScenarioCatalog.Default().Find("yotov-no-borders").Path).ShouldContain("//");
        var (status, run, _) = await PostRun(new { scenario = "yotov-no-borders", overrides = new Dictionary<string, object> { ["sigma"] = 6 } });
        status.ShouldBe(HttpStatusCode.OK, run.ToString());
        var json = run.GetProperty("manifest").GetProperty("scenarioJson").GetString()!;
        JsonDocument.Parse(json).RootElement.GetProperty("sigma").GetDouble().ShouldBe(6);
    }

    [Fact]
    public async Task Unknown_runs_and_tables_are_404_problems()
    {
        var response = await _client.GetAsync("/api/runs/20000101-000000-deadbeef", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.NotFound, "20000101-000000-deadbeef");

        var (_, run, _) = await PostRun(new { scenario = "bdm-ec10" });
        var id = run.GetProperty("id").GetString();
        response = await _client.GetAsync($"/api/runs/{id}/rouns.csv", Ct);
        body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.NotFound, "'rouns'", "did you mean 'rounds'");
    }

    [Fact]
    public async Task A_posted_scenario_object_runs_with_overrides()
    {
        var scenario = JsonNode(File.ReadAllText(ScenarioCatalog.Default().Find("bdm-ec10").Path));
        var (status, run, _) = await PostRun(new { scenario, overrides = new Dictionary<string, object> { ["bargaining.rounds"] = 3 } });
        status.ShouldBe(HttpStatusCode.OK);
        run.GetProperty("manifest").GetProperty("overrides")[0].GetString().ShouldBe("bargaining.rounds=3");
        run.GetProperty("tables").GetProperty("path").EnumerateArray().Max(r => int.Parse(r.GetProperty("round").ToString(), CultureInfo.InvariantCulture)).ShouldBe(3);
    }

    [Fact]
    public async Task Estimate_fits_an_uploaded_csv_and_deletes_the_upload()
    {
        // Noise orthogonal to the constant and to x (+1, −1, −1, +1 in each block of four) keeps the slope at exactly 2
        // without a perfect fit, which the estimator refuses.
        int[] noise = [1, -1, -1, 1];
        var rows = Enumerable.Range(0, 40).Select(i => $"{i},{1 + (2 * i) + noise[i % 4]},{i % 3}");
        var csv = "x,y,g\n" + string.Join("\n", rows) + "\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(csv), "file", "panel.csv" },
            { new StringContent("y ~ x"), "formula" },
            { new StringContent("ols"), "model" },
            { new StringContent("iid"), "vcov" },
        };
        var before = Uploads();
        var response = await _client.PostAsync("/api/estimate", form, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("term").GetString() == "x").GetProperty("estimate").GetDouble().ShouldBe(2, 1e-9);
        body.GetProperty("file").GetString().ShouldBe("panel.csv");
        body.GetProperty("csv").GetString()!.ShouldStartWith("term,estimate,std_error,statistic,p_value");
        Uploads().ShouldBeSubsetOf(before);
    }

    [Theory]
    [InlineData("picture.png", "not a data file")]
    [InlineData("binary.csv", "not a data file")]
    [InlineData("fake.dta", "not a data file")]
    public async Task An_upload_that_is_not_a_data_file_is_refused(string name, string message)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]), "file", name },
            { new StringContent("y ~ x"), "formula" },
        };
        var response = await _client.PostAsync("/api/estimate", form, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, name, message);
    }

    [Fact]
    public async Task Estimate_errors_name_the_uploaded_file_and_the_problem()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("x,y\n1,2\n3\n"), "file", "short.csv" },
            { new StringContent("y ~ x"), "formula" },
        };
        var response = await _client.PostAsync("/api/estimate", form, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "short.csv", "line 3");
        body.GetProperty("detail").GetString()!.ShouldNotContain("tightrope-upload-");

        using var noFormula = new MultipartFormDataContent { { new StringContent("x,y\n1,2\n"), "file", "a.csv" } };
        response = await _client.PostAsync("/api/estimate", noFormula, Ct);
        body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        ShouldBeProblem(response, body, HttpStatusCode.BadRequest, "formula");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_endpoints()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi.json", Ct);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/scenarios");
        paths.ShouldContain("/api/scenarios/{name}");
        paths.ShouldContain("/api/runs");
        paths.ShouldContain("/api/runs/{id}");
        paths.ShouldContain("/api/runs/{id}/{table}.csv");
        paths.ShouldContain("/api/estimate");
    }

    [Fact]
    public async Task Pages_and_assets_are_served_with_a_content_security_policy()
    {
        var response = await _client.GetAsync("/", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("/assets/app.js");
        (await _client.GetAsync("/assets/app.js", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync("/assets/world.json", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync("/assets/nope.js", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static System.Text.Json.Nodes.JsonObject JsonNode(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

    private static string[] Uploads() => Directory.GetDirectories(Path.GetTempPath(), "tightrope-upload-*");
}

public sealed class SolveLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_solve_over_the_time_limit_is_a_504_problem()
    {
        using var factory = new WebFactory(("Tightrope:SolveTimeLimitSeconds", "0.001"));
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/runs", new { scenario = "imls-case2" }, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.GetProperty("detail").GetString()!.ShouldContain("time limit of 0.001 s");
    }

    [Fact]
    public async Task Solves_beyond_the_queue_bound_are_refused_with_503()
    {
        using var factory = new WebFactory(("Tightrope:MaxConcurrentSolves", "1"), ("Tightrope:MaxQueuedSolves", "0"));
        var client = factory.CreateClient();
        var tasks = Enumerable.Range(0, 4).Select(k => client.PostAsJsonAsync("/api/runs", new { scenario = "usmx-fentanyl-25", overrides = new Dictionary<string, object> { ["tariffs[1].rate"] = 0.3 + (0.01 * k) } }, Ct)).ToList();
        var responses = await Task.WhenAll(tasks);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(1);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.ShouldNotBeEmpty();
        (await refused[0].Content.ReadAsStringAsync(Ct)).ShouldContain("already waiting");
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_a_413_problem()
    {
        using var factory = new WebFactory(("Tightrope:MaxUploadBytes", "1000"));
        var client = factory.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("x,y\n" + string.Concat(Enumerable.Repeat("1,2\n", 1000))), "file", "big.csv" },
            { new StringContent("y ~ x"), "formula" },
        };
        var response = await client.PostAsync("/api/estimate", form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("exceeds the limit of 1,000 bytes");
    }
}
