using Tightrope.Data;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.Tests;

public class ScenarioFileTests
{
    private static string Json(string tariffs, string extra = "") => $$"""
        { "name": "t", "model": "tariffs-one-sector", "data": "bilateral-2023",
          "sources": [ { "claim": "c", "source": "s" } ], {{extra}}
          "tariffs": {{tariffs}} }
        """;

    [Fact]
    public void Every_shipped_scenario_loads_validates_and_cites_sources()
    {
        var catalog = ScenarioCatalog.Default();
        var all = catalog.All();
        all.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var s in all)
        {
            Path.GetFileNameWithoutExtension(s.Path).ShouldBe(s.Name);
            s.Sources.ShouldNotBeEmpty();
            s.Sources.ShouldAllBe(x => x.Claim.Length > 0 && x.Source.Length > 0);
            Tightrope.Catalog.ShippedModels.Registry.For(s).Validate(s);
        }

        string[] required = ["imls-case1", "imls-case2", "imls-case3", "imls-reciprocal", "imls-optimal-retaliation",
            "imls-optimal-plus-retaliation", "usmx-fentanyl-25", "usmx-mexico-retaliates", "usmx-mexico-china-50"];
        foreach (var name in required)
        {
            all.ShouldContain(s => s.Name == name);
        }
    }

    [Fact]
    public void Seed_scenarios_cite_the_seed_articles()
    {
        foreach (var s in ScenarioCatalog.Default().All().Where(s => s.Name.StartsWith("usmx-", StringComparison.Ordinal)))
        {
            s.Sources.ShouldContain(x => x.Source.Contains("seeds/"), s.Name);
        }
    }

    [Fact]
    public void Tariff_rules_build_the_intended_matrix()
    {
        var doc = ScenarioCatalog.Default().Find("usmx-mexico-retaliates");
        var (parameters, options) = OneSectorTariffScenarioModel.ReadSettings(doc);
        var baseline = Equilibrium.OneSector.OneSectorBaseline.Build(BilateralDatasetReader.Load(), options);
        var t = TariffRules.Build(doc.Reader, baseline, parameters);
        var c = baseline.Countries;
        t[c.Require("MEX"), c.Require("USA")].ShouldBe(0.25);
        t[c.Require("CAN"), c.Require("USA")].ShouldBe(0.25);
        t[c.Require("CHN"), c.Require("USA")].ShouldBe(0.54, 1e-12);
        t[c.Require("DEU"), c.Require("USA")].ShouldBe(0.20, 1e-12);
        t[c.Require("USA"), c.Require("MEX")].ShouldBe(0.25);
        t[c.Require("USA"), c.Require("CAN")].ShouldBe(0.0);
        t[c.Require("CHN"), c.Require("MEX")].ShouldBe(0.0);
    }

    [Fact]
    public void Selectors_support_groups_and_exclusions()
    {
        var doc = ScenarioDocument.Parse(Json("""[ { "importers": ["@EU25", "-DEU"], "exporters": "USA", "rate": 0.1 } ]"""), "test.json");
        var (parameters, options) = OneSectorTariffScenarioModel.ReadSettings(doc);
        var baseline = Equilibrium.OneSector.OneSectorBaseline.Build(BilateralDatasetReader.Load(), options);
        var t = TariffRules.Build(doc.Reader, baseline, parameters);
        var c = baseline.Countries;
        t[c.Require("USA"), c.Require("FRA")].ShouldBe(0.1);
        t[c.Require("USA"), c.Require("DEU")].ShouldBe(0.0);
        t[c.Require("USA"), c.Require("CZE")].ShouldBe(0.0);
    }

    [Theory]
    [InlineData("""[ { "importers": "USA", "exporters": "XXX", "rate": 0.1 } ]""", "tariffs[0].exporters", "'XXX' is not a country")]
    [InlineData("""[ { "importers": "USA", "exporters": "*", "schedule": "nope" } ]""", "tariffs[0].schedule", "unknown schedule")]
    [InlineData("""[ { "importers": "USA", "exporters": "*" } ]""", "tariffs[0].rate", "exactly one of")]
    [InlineData("""[ { "importers": "USA", "exporters": "*", "rate": -0.1 } ]""", "tariffs[0].rate", "outside [0, 10]")]
    [InlineData("""[ { "exporters": "*", "rate": 0.1 } ]""", "tariffs[0].importers", "is missing")]
    [InlineData("""[]""", "tariffs", "missing or empty")]
    public void Bad_tariff_rules_name_the_field(string tariffs, string field, string message)
    {
        var doc = ScenarioDocument.Parse(Json(tariffs), "bad.json");
        var (parameters, options) = OneSectorTariffScenarioModel.ReadSettings(doc);
        var baseline = Equilibrium.OneSector.OneSectorBaseline.Build(BilateralDatasetReader.Load(), options);
        var e = Should.Throw<ScenarioException>(() => TariffRules.Build(doc.Reader, baseline, parameters));
        e.File.ShouldBe("bad.json");
        e.Field.ShouldBe(field);
        e.Message.ShouldContain(message);
    }

    [Fact]
    public void Bad_envelopes_and_settings_name_the_problem()
    {
        Should.Throw<ScenarioException>(() => ScenarioDocument.Parse("{ \"name\": ", "broken.json")).Message.ShouldContain("not valid JSON at line 1");
        Should.Throw<ScenarioException>(() => ScenarioDocument.Parse("""{ "name": "x", "model": "m" }""", "nosrc.json")).Field.ShouldBe("sources");
        Should.Throw<ScenarioException>(() => ScenarioDocument.Parse("""{ "name": "x", "sources": [ { "claim": "c", "source": "s" } ] }""", "nomodel.json")).Field.ShouldBe("model");
        var unknownModel = ScenarioDocument.Parse("""{ "name": "x", "model": "nope", "sources": [ { "claim": "c", "source": "s" } ] }""", "m.json");
        Should.Throw<ScenarioException>(() => Tightrope.Catalog.ShippedModels.Registry.For(unknownModel)).Message.ShouldContain("unknown model 'nope'");
        var badRecycling = ScenarioDocument.Parse(Json("[]", "\"recycling\": \"keep-it\","), "r.json");
        Should.Throw<ScenarioException>(() => OneSectorTariffScenarioModel.ReadSettings(badRecycling)).Field.ShouldBe("recycling");
        var badParameter = ScenarioDocument.Parse(Json("[]", "\"parameters\": { \"tradeElasticity\": -1 },"), "p.json");
        Should.Throw<ScenarioException>(() => OneSectorTariffScenarioModel.ReadSettings(badParameter)).Message.ShouldContain("TradeElasticity");
    }

    [Fact]
    public void Unknown_scenario_name_lists_the_known_ones()
    {
        var e = Should.Throw<ScenarioException>(() => ScenarioCatalog.Default().Find("no-such-scenario"));
        e.Message.ShouldContain("imls-case1");
    }
}

public class ScenarioOverrideTests
{
    [Fact]
    public void Overrides_edit_fields_nested_objects_and_array_entries()
    {
        var doc = ScenarioCatalog.Default().Find("usmx-fentanyl-25");
        var edited = ScenarioOverrides.Apply(doc, ["parameters.tradeElasticity=8", "recycling=lump-sum", "tariffs[1].rate=0.3"]);
        var r = edited.Reader;
        r.Object("parameters").RequiredNumber("tradeElasticity").ShouldBe(8);
        r.RequiredString("recycling").ShouldBe("lump-sum");
        r.Array("tariffs").ElementAt(1).RequiredNumber("rate").ShouldBe(0.3);
        edited.Sources.Last().Claim.ShouldContain("tradeElasticity=8");
        doc.Reader.Has("parameters").ShouldBeFalse(); // the original is untouched
    }

    [Theory]
    [InlineData("noequals", "path=value")]
    [InlineData("tariffs[9].rate=1", "out of range")]
    [InlineData("name.inner=1", "not an object")]
    public void Bad_overrides_are_explained(string assignment, string message)
    {
        var doc = ScenarioCatalog.Default().Find("usmx-fentanyl-25");
        Should.Throw<ScenarioException>(() => ScenarioOverrides.Apply(doc, [assignment])).Message.ShouldContain(message);
    }
}
