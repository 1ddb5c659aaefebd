using System.Text.Json;
using System.Text.Json.Nodes;
using Tightrope.Linkage.Scenarios;
using Tightrope.Scenarios;

namespace Tightrope.Linkage.Tests;

/// <summary>Bad scenario input is an error naming the file and field.</summary>
public sealed class ScenarioInputTests
{
    private static readonly string Directory = ScenarioCatalog.Default().Directory;

    /// <summary>The flagship with top-level fields replaced by those of <paramref name="edits"/> (a JSON object body).</summary>
    private static ScenarioDocument Edit(string edits)
    {
        var text = File.ReadAllText(Path.Combine(Directory, "usmx-tightrope-2025.json"));
        var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        foreach (var (key, value) in JsonNode.Parse("{" + edits.TrimEnd(' ', ',') + "}")!.AsObject().ToList())
        {
            root[key] = value?.DeepClone();
        }

        return ScenarioDocument.Parse(root.ToJsonString(), Path.Combine(Directory, "edited.json"));
    }

    private static ScenarioException Fails(string edits) =>
        Should.Throw<ScenarioException>(() => new ScenarioModelRegistry([new LinkageScenarioModel()]).Validate(Edit(edits)));

    [Fact]
    public void The_shipped_linkage_scenarios_validate()
    {
        foreach (var name in new[] { "usmx-tightrope-2025", "usmx-tightrope-30", "usmx-china-for-relief", "usmx-usmca-review-2026" })
        {
            var doc = ScenarioCatalog.Default().Find(name);
            doc.Model.ShouldBe("tightrope-linkage");
            doc.Sources.Count.ShouldBeGreaterThan(5);
            new ScenarioModelRegistry([new LinkageScenarioModel()]).Validate(doc);
        }
    }

    [Fact]
    public void A_threat_below_the_status_quo_names_the_threat()
    {
        var e = Fails("\"statusQuo\": { \"tau\": 0.3 }, ");
        e.Field.ShouldBe("threat");
        e.Message.ShouldContain("below the status-quo");
    }

    [Fact]
    public void A_conflict_expectation_outside_the_unit_interval_is_named()
    {
        Fails("\"conflictExpectation\": 1.2, ").Field.ShouldBe("conflictExpectation");
        Fails("\"conflictExpectation\": -0.5, ").Field.ShouldBe("conflictExpectation");
    }

    [Fact]
    public void Non_monotone_mapping_anchors_are_named()
    {
        var e = Fails("\"mappings\": { \"T\": [ { \"position\": 0, \"value\": 0.25, \"source\": \"a\" }, { \"position\": 50, \"value\": 0.05, \"source\": \"b\" }, { \"position\": 75, \"value\": 0.1, \"source\": \"c\" } ] }, ");
        e.Field.ShouldBe("mappings.T");
        e.Message.ShouldContain("not monotone");
    }

    [Fact]
    public void An_issue_id_not_in_the_stakeholder_set_is_named()
    {
        var e = Fails("\"bargaining\": { \"concessions\": [\"S\", \"X\"] }, ");
        e.Field.ShouldBe("bargaining.concessions");
        e.Message.ShouldContain("'X' is not in the stakeholder set");
    }

    [Fact]
    public void A_misspelled_field_is_named_with_the_nearest_valid_name()
    {
        var e = Fails("\"conflictExpectaton\": 0.5, ");
        e.Field.ShouldBe("conflictExpectaton");
        e.Message.ShouldContain("did you mean 'conflictExpectation'");
        Fails("\"threat\": { \"rate\": 0.25, \"coverge\": \"all-goods\" }, ").Field.ShouldBe("threat.coverge");
    }
}
