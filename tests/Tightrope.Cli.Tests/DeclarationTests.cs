using System.Text.Json;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Tests;

/// <summary>The field declarations drive docs/scenarios.md; models without a declaration are still strict through the read log.</summary>
public class DeclarationTests
{
    [Fact]
    public void Docs_field_tables_match_the_declarations()
    {
        var docs = File.ReadAllText(Path.Combine(Cli.RepoRoot, "docs", "scenarios.md"));
        foreach (var model in Tightrope.Catalog.ShippedModels.Registry.Models.Where(m => m.Fields is not null))
        {
            docs.ShouldContain(ScenarioSchema.Markdown(model), customMessage: $"docs/scenarios.md is out of date for {model.Name}; paste 'tightrope schema {model.Name} --format markdown' output, or run the DocsGenerator below");
        }
    }

    [Fact]
    public void Every_shipped_model_declares_its_fields()
    {
        Tightrope.Catalog.ShippedModels.Registry.Models.ShouldAllBe(m => m.Fields != null);
    }

    private sealed class UndeclaredModel : IScenarioModel
    {
        public string Name => "undeclared";

        public string Description => "test model reading one field";

        public void Validate(ScenarioDocument scenario) => scenario.Reader.Number("alpha", 1);

        public RunReport Run(ScenarioDocument scenario, RunOptions options) => new("t", [], []);
    }

    [Fact]
    public void A_model_without_a_declaration_reports_fields_it_never_read()
    {
        var registry = new ScenarioModelRegistry([new UndeclaredModel()]);
        var good = ScenarioDocument.Parse("""{ "name": "x", "model": "undeclared", "alpha": 2, "sources": [{ "claim": "c", "source": "s" }] }""", "x.json");
        registry.Validate(good);
        var typo = ScenarioDocument.Parse("""{ "name": "x", "model": "undeclared", "alpha": 1, "alpah": 2, "sources": [{ "claim": "c", "source": "s" }] }""", "x.json");
        var e = Should.Throw<ScenarioException>(() => registry.Run(typo));
        e.Message.ShouldContain("'alpah'");
        e.Message.ShouldContain("did you mean 'alpha'?");
        var overridden = ScenarioOverrides.Apply(good, ["alpa=3"]);
        Should.Throw<ScenarioException>(() => registry.Run(overridden)).Message.ShouldContain("(from --set alpa=3)");
    }

    [Fact]
    public void Json_with_comments_round_trips_through_overrides()
    {
        var doc = ScenarioDocument.Parse("""
            // comment
            { "name": "x", "model": "undeclared", /* inline */ "alpha": 2, "sources": [{ "claim": "c", "source": "s" }] }
            """, "x.json");
        var edited = ScenarioOverrides.Apply(doc, ["alpha=5"]);
        edited.Body.GetProperty("alpha").GetDouble().ShouldBe(5);
        edited.Body.GetProperty("title").GetString().ShouldBe("x [changed: alpha 2 → 5]");
        edited.Overrides.ShouldBe(["alpha=5"]);
        JsonSerializer.Serialize(edited.Body).ShouldNotContain("inline");
    }
}
