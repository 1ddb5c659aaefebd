using System.Text.Json.Nodes;

namespace Tightrope.Cli.Tests;

/// <summary>Misspelt fields, overrides and duplicate keys are named errors (exit 1), never a silent run.</summary>
public class StrictScenarioTests
{
    [Theory]
    [InlineData("parameters.tradeElastcity=8", "parameters.tradeElastcity", "tradeElasticity")]
    [InlineData("Recycling=lump-sum", "Recycling", "recycling")]
    [InlineData("tariffs[0].flor=0.5", "tariffs[0].flor", "floor")]
    [InlineData("paramters.tradeElasticity=8", "paramters", "parameters")]
    [InlineData("recycling=lump-sun", "recycling", "lump-sum")]
    [InlineData("parameters.tradeElasticity=high", "parameters.tradeElasticity", "expected a number")]
    public void A_misspelt_override_is_a_named_error(string assignment, string field, string hint)
    {
        var r = Cli.Run("run", "imls-case1", "--set", assignment);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stdout.ShouldBeEmpty();
        r.Stderr.ShouldContain($"'{field}'");
        r.Stderr.ShouldContain(hint);
        r.Stderr.ShouldContain("--set");
        r.HasStackTrace.ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_key_in_a_file_is_named_with_the_nearest_field()
    {
        var dir = Cli.TempDir();
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "scenarios", "imls-case1.json")), null, new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
            json["tarifs"] = new JsonArray();
            var file = Path.Combine(dir, "typo.json");
            File.WriteAllText(file, json.ToJsonString());
            foreach (var command in new[] { "run", "validate" })
            {
                var r = Cli.Run(command, file);
                r.ExitCode.ShouldBe(1, r.ToString());
                r.Stdout.ShouldBeEmpty();
                r.Stderr.ShouldContain("'tarifs'");
                r.Stderr.ShouldContain("did you mean 'tariffs'?");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_duplicate_key_is_an_error()
    {
        var dir = Cli.TempDir();
        try
        {
            var text = File.ReadAllText(Path.Combine(Cli.RepoRoot, "scenarios", "imls-case1.json"))
                .Replace("\"recycling\": \"income-tax-relief\",", "\"recycling\": \"income-tax-relief\", \"recycling\": \"lump-sum\",", StringComparison.Ordinal);
            var file = Path.Combine(dir, "dup.json");
            File.WriteAllText(file, text);
            var r = Cli.Run("validate", file);
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Stderr.ShouldContain("'recycling'");
            r.Stderr.ShouldContain("appears twice");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Set_works_on_a_file_with_comments_inside_the_object()
    {
        var r = Cli.Run("run", "yotov-nafta-removal", "--set", "fullEndowment=iterative-ppml");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.HasStackTrace.ShouldBeFalse();
        r.Stdout.ShouldContain("iterative PPML procedure");
        r.Stdout.ShouldContain("[changed: fullEndowment \"direct\" → \"iterative-ppml\"]");
    }

    [Fact]
    public void Set_works_on_yotov_no_borders()
    {
        var r = Cli.Run("run", "yotov-no-borders", "--set", "sigma=8");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("σ = 8");
    }

    [Fact]
    public void Title_and_sources_say_what_an_override_changed()
    {
        var r = Cli.Run("run", "imls-case1", "--set", "parameters.tradeElasticity=8", "--set", "recycling=lump-sum");
        r.ExitCode.ShouldBe(0, r.ToString());
        var title = r.Stdout.Split('\n')[0];
        title.ShouldContain("[changed: parameters.tradeElasticity 4 → 8; recycling \"income-tax-relief\" → \"lump-sum\"]");
        r.Stdout.ShouldContain("Source: Command-line override: parameters.tradeElasticity=8; recycling=lump-sum (changes parameters.tradeElasticity 4 → 8;");
        // The file's source citing the old value is marked as superseded by the override.
        r.Stdout.ShouldContain("sources above that cite the old values no longer apply");
    }

    [Fact]
    public void Every_shipped_scenario_validates()
    {
        var r = Cli.Run("validate", "all");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(Directory.GetFiles(Path.Combine(Cli.RepoRoot, "scenarios"), "*.json").Length);
    }

    [Fact]
    public void Schema_lists_models_and_fields()
    {
        var models = Cli.Run("schema");
        models.ExitCode.ShouldBe(0);
        models.Stdout.ShouldContain("tariffs-one-sector");
        var fields = Cli.Run("schema", "tariffs-one-sector");
        fields.ExitCode.ShouldBe(0);
        fields.Stdout.ShouldContain("parameters.tradeElasticity");
        fields.Stdout.ShouldContain("tariffs[].floor");
        var unknown = Cli.Run("schema", "tarifs-one-sector");
        unknown.ExitCode.ShouldBe(1);
        unknown.Stderr.ShouldContain("did you mean 'tariffs-one-sector'?");
    }
}
