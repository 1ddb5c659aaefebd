using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Tightrope.Catalog;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Web.Tests;

/// <summary>One real server (Kestrel on a loopback port) and one headless chromium shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; the test set-up (scripts/install-deps.sh) installs it.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private readonly string _folder = Directory.CreateTempSubdirectory("tightrope-browser-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots in the repository.</summary>
    public string Screenshots { get; } = ScreenshotFolder();

    public async ValueTask InitializeAsync()
    {
        _app = WebApp.Create(["--urls=http://127.0.0.1:0", $"--Tightrope:StorePath={Path.Combine(_folder, "runs.duckdb")}"]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is missing; scripts/install-deps.sh installs Debian's chromium.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string ScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tightrope.slnx")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

public sealed class BrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    // Each page and the element that shows it has finished loading its data.
    public static readonly TheoryData<string, string> Pages = new()
    {
        { "explore", "[data-testid=value-MEX]" },
        { "compare", "#bars canvas" },
        { "timeline", "#tl-rates canvas" },
        { "tightrope", "#tr-heat-mex canvas" },
        { "negotiation", ".issue canvas" },
        { "estimate", "#est-formula" },
        { "runs", "#runs-filter" },
    };

    // The colour of the map's canvas at Mexico's centre (the map is drawn by the chart library on a canvas).
    private const string MexicoPixel = """
        () => {
          const c = window.__tightropeMap;
          if (!c) return null;
          const [x, y] = c.convertToPixel({ seriesIndex: 0 }, [-102.5, 23.5]);
          const canvas = c.getDom().querySelector('canvas');
          const r = canvas.width / canvas.clientWidth;
          const d = canvas.getContext('2d').getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data;
          return `${d[0]},${d[1]},${d[2]}`;
        }
        """;

    private async Task<(IPage Page, List<string> Errors)> Open(IBrowserContext context, string hash, string ready)
    {
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(fx.BaseUrl + "/" + hash);
        await page.WaitForSelectorAsync(ready, new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return (page, errors);
    }

    [Fact]
    public async Task Every_page_loads_without_console_errors_at_1280px()
    {
        await using var context = await fx.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        foreach (var (name, ready) in Pages.Select(p => ((string)p.Data.Item1, (string)p.Data.Item2)))
        {
            var (page, errors) = await Open(context, $"#/{name}", ready);
            if (name == "estimate")
            {
                // Exercise the page: upload a small panel and get the regression table.
                // A noisy line: an exact fit has no standard errors and is refused.
                var csv = "x,y\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"{i},{3 + (0.5 * i) + (0.1 * ((i * 7 % 5) - 2))}")) + "\n";
                await page.SetInputFilesAsync("#est-file", new FilePayload { Name = "line.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
                await page.FillAsync("#est-formula", "y ~ x");
                await page.SelectOptionAsync("#est-model", "ols");
                await page.ClickAsync("button[type=submit]");
                await page.WaitForSelectorAsync("text=Regression table", new() { Timeout = 60_000 });
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, $"{name}-1280.png"), FullPage = true });
            errors.ShouldBeEmpty($"console errors on {name}");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Explore_resolves_when_the_US_tariff_on_Mexico_changes_and_the_CSV_matches_the_cli()
    {
        await using var context = await fx.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var (page, errors) = await Open(context, "#/explore?scenario=usmx-fentanyl-25", "[data-testid=value-MEX]");
        var before = await page.TextContentAsync("[data-testid=value-MEX]");
        var runBefore = await page.GetAttributeAsync("[data-testid=status]", "data-run-id");
        await page.WaitForFunctionAsync($"() => ({MexicoPixel})() !== null");
        await Task.Delay(1500, TestContext.Current.CancellationToken); // let the map's colour transition finish
        var colourBefore = await page.EvaluateAsync<string>(MexicoPixel);

        // The legend names the outcome and its unit.
        (await page.TextContentAsync("[data-testid=legend]"))!.ShouldContain("Welfare");
        (await page.TextContentAsync("[data-testid=legend-unit]"))!.ShouldContain("% change from baseline");

        // The US tariff on Mexico (and Canada) from 25% to 60%.
        var rate = page.Locator("input[data-path='tariffs[1].rate']");
        await rate.FillAsync("60");
        await rate.DispatchEventAsync("change");
        await page.WaitForFunctionAsync($"() => {{ const s = document.querySelector('[data-testid=status]'); return s.dataset.runId && s.dataset.runId !== '{runBefore}'; }}", null, new() { Timeout = 60_000 });
        var after = await page.TextContentAsync("[data-testid=value-MEX]");
        after.ShouldNotBe(before);
        await page.WaitForFunctionAsync($"() => ({MexicoPixel})() !== '{colourBefore}'", null, new() { Timeout = 10_000 });
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var colourAfter = await page.EvaluateAsync<string>(MexicoPixel);
        colourAfter.ShouldNotBe(colourBefore);
        (await page.GetAttributeAsync("[data-testid=swatch-MEX]", "style"))!.ShouldNotBeNull();
        page.Url.ShouldContain("o.tariffs%5B1%5D.rate=0.6");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "explore-mexico-60.png"), FullPage = true });

        // The downloaded CSV is what 'tightrope run usmx-fentanyl-25 --set tariffs[1].rate=0.6 --out DIR' writes.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=csv-countries]"));
        var downloaded = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var scenario = ScenarioOverrides.Apply(ScenarioCatalog.Default().Find("usmx-fentanyl-25"), ["tariffs[1].rate=0.6"]);
        var cli = ShippedModels.Registry.Run(scenario).Tables.Single(t => t.Name == "countries");
        downloaded.ShouldBe(CsvReportWriter.Format(cli));

        // The permalink reopens the same state, served from the store.
        var (again, againErrors) = await Open(context, page.Url[page.Url.IndexOf('#')..], "[data-testid=value-MEX]");
        (await again.TextContentAsync("[data-testid=value-MEX]")).ShouldBe(after);
        (await again.TextContentAsync("[data-testid=status]"))!.ShouldContain("From the store");
        errors.ShouldBeEmpty();
        againErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Timeline_shows_the_23_tracker_dates_and_Tightrope_the_heat_map_with_its_legend()
    {
        await using var context = await fx.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var (timeline, errors) = await Open(context, "#/timeline", "#tl-rates canvas");
        (await timeline.GetAttributeAsync("#tl-rates", "data-dates")).ShouldBe("23");
        (await timeline.TextContentAsync("[data-testid=status]"))!.ShouldContain("23 tracker dates");
        (await timeline.Locator("#tl-kinds li").CountAsync()).ShouldBeGreaterThan(1);

        var (tightrope, tightropeErrors) = await Open(context, "#/tightrope?scenario=usmx-china-for-relief&measure=pct", "#tr-heat-mex canvas");
        // The chart's own state: a heat map series over τ × κ, and a colour legend whose ends carry the unit.
        var heat = await tightrope.EvaluateAsync<string[]>(
            "() => { const o = window.__tightropeHeat.getOption(); return [String(o.series[0].type), String(o.series[0].data.length), String(o.xAxis[0].data.length), String(o.yAxis[0].data.length), String(o.visualMap.length), o.visualMap[0].text.join(' | '), o.series.slice(1).map(s => s.name).join(', ')]; }");
        heat[0].ShouldBe("heatmap");
        int.Parse(heat[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(int.Parse(heat[2], System.Globalization.CultureInfo.InvariantCulture) * int.Parse(heat[3], System.Globalization.CultureInfo.InvariantCulture));
        int.Parse(heat[3], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(1, "κ is in the package, so the surface has a κ axis");
        heat[4].ShouldBe("1");
        heat[5].ShouldContain("%");
        heat[6].ShouldContain("Status quo");
        heat[6].ShouldContain("Threat carried out");
        heat[6].ShouldContain("Tariff war");
        heat[6].ShouldContain("Nash bargain, linked");
        (await tightrope.GetAttributeAsync("#tr-heat-usa", "data-legend"))!.ShouldContain("Welfare");
        await tightrope.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "tightrope-heatmap.png"), FullPage = true });
        errors.ShouldBeEmpty();
        tightropeErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_phone_sized_viewport_renders_every_page_without_horizontal_scrolling()
    {
        await using var context = await fx.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 });
        foreach (var (name, ready) in Pages.Select(p => ((string)p.Data.Item1, (string)p.Data.Item2)))
        {
            var (page, errors) = await Open(context, $"#/{name}", ready);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, $"{name}-390.png"), FullPage = true });
            widths[0].ShouldBeLessThanOrEqualTo(widths[2], $"{name}: page is wider than the screen");
            widths[1].ShouldBeLessThanOrEqualTo(widths[2], $"{name}: body is wider than the screen");
            errors.ShouldBeEmpty($"console errors on {name}");
            await page.CloseAsync();
        }
    }
}
