using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Tightrope.Scenarios;
using Tightrope.Store;

namespace Tightrope.Web;

/// <summary>Builds the Tightrope web app: JSON API over the scenario models and the run store, and the explorer's pages.</summary>
public static class WebApp
{
    /// <summary>Creates the app from command-line style arguments (ASP.NET Core configuration, section "Tightrope").</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Start-up failures (port in use) reach the caller as exceptions with one-line messages; no logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddOptions<WebServerOptions>().Bind(builder.Configuration.GetSection(WebServerOptions.Section));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebServerOptions>>().Value);
        builder.Services.AddSingleton(sp => RunStore.Open(sp.GetRequiredService<WebServerOptions>().StorePath ?? RunStore.DefaultPath()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<WebServerOptions>().ScenarioDirectory is { } dir ? new ScenarioCatalog(dir) : ScenarioCatalog.Default());
        builder.Services.AddSingleton<IScenarioFields, BodyDerivedScenarioFields>();
        builder.Services.AddSingleton<ScenarioLibrary>();
        builder.Services.AddSingleton<SolveQueue>();
        builder.Services.AddSingleton<RunService>();
        builder.Services.AddSingleton<RunJson>();
        builder.Services.AddSingleton<EstimateService>();
        builder.Services.AddSingleton<StaticAssets>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = long.MaxValue);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Tightrope API";
            doc.Info.Description = "Scenarios, runs and estimation of the Tightrope explorer. Errors are RFC 9457 problem+json.";
            return Task.CompletedTask;
        }));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // enforced per route by RequestLimits, with a problem+json answer
        });

        var app = builder.Build();
        app.Services.GetRequiredService<RunStore>(); // open the store at start-up, so a locked file fails fast
        app.UseMiddleware<ErrorHandling>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestLimits>();
        app.MapOpenApi("/openapi.json");
        ApiEndpoints.Map(app);
        app.Services.GetRequiredService<StaticAssets>().Map(app);
        return app;
    }

    /// <summary>JSON options of the API (camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
