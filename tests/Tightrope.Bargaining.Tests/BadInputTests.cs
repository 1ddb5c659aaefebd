using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Bargaining.Tests;

/// <summary>Bad stakeholder input gets an error that names the file, row or field and what was expected.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tightrope-bargaining-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static BargainingInputException Fails(string path) => Should.Throw<BargainingInputException>(() => StakeholderCsv.Load(path));

    [Fact]
    public void Salience_above_one_on_the_0_1_scale()
    {
        var path = Csv("ec.csv", "Actor,Capability,Position,Salience\nA,1,4,0.5\nB,1,7,1.5\n");
        var e = Fails(path);
        e.Message.ShouldContain("ec.csv, line 3, column Salience");
        e.Message.ShouldContain("[0, 1]");
        e.Message.ShouldContain("1.5");
    }

    [Fact]
    public void Negative_salience_on_the_0_1_scale()
    {
        Fails(Csv("neg.csv", "Actor,Capability,Position,Salience\nA,1,4,0.5\nB,1,7,-0.1\n")).Message.ShouldContain("line 3, column Salience");
    }

    [Fact]
    public void Salience_above_100_where_the_0_100_scale_is_declared()
    {
        var path = Csv("set.csv", "actor,issue,base_capability,effective_capability,position,salience\nA,T,1,1,10,50\nB,T,1,1,90,101\n");
        var e = Fails(path);
        e.Message.ShouldContain("set.csv, line 3, column salience");
        e.Message.ShouldContain("[0, 100]");
    }

    [Fact]
    public void Salience_of_80_is_fine_on_the_declared_0_100_scale()
    {
        var set = StakeholderCsv.Load(Csv("ok.csv", "actor,issue,base_capability,effective_capability,position,salience\nA,T,1,1,10,80\nB,T,1,1,90,20\n"));
        set.Issues[0].Stakes[0].Salience.Value.ShouldBe(0.8);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void Zero_or_negative_capability(string capability)
    {
        var e = Fails(Csv("cap.csv", $"Actor,Capability,Position,Salience\nA,1,4,0.5\nB,{capability},7,0.5\n"));
        e.Message.ShouldContain("line 3, column Capability");
        e.Message.ShouldContain("must be positive");
    }

    [Fact]
    public void Zero_effective_capability_in_the_long_layout()
    {
        Fails(Csv("cap.csv", "actor,issue,base_capability,effective_capability,position,salience\nA,T,1,0,10,80\nB,T,1,1,90,20\n"))
            .Message.ShouldContain("line 2, column effective_capability");
    }

    [Fact]
    public void An_issue_with_one_actor()
    {
        var e = Fails(Csv("one.csv", "actor,issue,base_capability,effective_capability,position,salience\nA,T,1,1,10,80\nB,T,1,1,90,20\nA,K,1,1,50,50\n"));
        e.Message.ShouldContain("one.csv, line 4");
        e.Message.ShouldContain("issue K has 1 actor(s)");
    }

    [Fact]
    public void An_issue_nobody_cares_about()
    {
        Fails(Csv("zero.csv", "Actor,Capability,Position,Salience\nA,1,4,0\nB,1,7,0\n")).Message.ShouldContain("salience 0");
    }

    [Fact]
    public void Duplicate_actor_in_a_single_issue_file()
    {
        var e = Fails(Csv("dup.csv", "Actor,Capability,Position,Salience\nA,1,4,0.5\nB,1,7,0.5\nA,2,5,0.3\n"));
        e.Message.ShouldContain("dup.csv, line 4, column Actor");
        e.Message.ShouldContain("duplicate actor 'A'");
        e.Message.ShouldContain("line 2");
    }

    [Fact]
    public void Duplicate_actor_on_one_issue_in_the_long_layout()
    {
        var e = Fails(Csv("dup.csv", "actor,issue,base_capability,effective_capability,position,salience\nA,T,1,1,10,80\nB,T,1,1,90,20\nA,T,1,1,30,50\n"));
        e.Message.ShouldContain("dup.csv, line 4");
        e.Message.ShouldContain("duplicate actor 'A' on issue T");
    }

    [Fact]
    public void A_non_number_names_the_cell()
    {
        Fails(Csv("nan.csv", "Actor,Capability,Position,Salience\nA,1,four,0.5\nB,1,7,0.5\n")).Message.ShouldContain("line 2, column Position");
    }

    [Fact]
    public void Stakeholder_layout_reads_either_salience_scale()
    {
        var hundred = StakeholderCsv.Load(Csv("h.csv", "Stakeholder,Resources,Position,Salience\nA,80,25,50\nB,90,15,80\n"));
        hundred.Issues[0].Stakes[1].Salience.Value.ShouldBe(0.8);
        var one = StakeholderCsv.Load(Csv("o.csv", "Stakeholder,Resources,Position,Salience\nA,1,0,1\nB,1,1,0.3\n"));
        one.Issues[0].Stakes[1].Salience.Value.ShouldBe(0.3);
        Fails(Csv("x.csv", "Stakeholder,Resources,Position,Salience\nA,1,0,50\nB,1,1,150\n")).Message.ShouldContain("line 3, column Salience");
    }

    [Fact]
    public void An_unknown_header()
    {
        Fails(Csv("hdr.csv", "who,what\nA,1\n")).Message.ShouldContain("unrecognised header");
    }

    private static string Scenario(string stakes, string actors = """[{ "id": "A", "bloc": "US", "baseCapability": 10 }, { "id": "B", "bloc": "MX", "baseCapability": 5 }]""") => $$"""
        {
          "name": "bad", "model": "bargaining", "salienceScale": 100,
          "capabilityRules": { "lambda": { "here": { "US": 1, "MX": 0.5 } } },
          "actors": {{actors}},
          "issues": [ { "id": "T", "locus": "here", "stakes": {{stakes}} } ],
          "sources": [ { "claim": "test", "source": "test" } ]
        }
        """;

    private static Exception ScenarioFails(string json) =>
        Should.Throw<Exception>(() => BargainingSetup.FromScenario(ScenarioDocument.Parse(json, "bad.json"), new RunOptions()));

    [Fact]
    public void Scenario_salience_outside_the_declared_scale_names_the_field()
    {
        var e = ScenarioFails(Scenario("""[{ "actor": "A", "position": 10, "salience": 50 }, { "actor": "B", "position": 90, "salience": 150 }]"""));
        e.Message.ShouldContain("bad.json");
        e.Message.ShouldContain("issues[0].stakes[1].salience");
        e.Message.ShouldContain("[0, 100]");
    }

    [Fact]
    public void Scenario_zero_capability_names_the_field()
    {
        var e = ScenarioFails(Scenario("""[{ "actor": "A", "position": 10, "salience": 50 }, { "actor": "B", "position": 90, "salience": 50, "capability": 0 }]"""));
        e.Message.ShouldContain("issues[0].stakes[1].capability");
    }

    [Fact]
    public void Scenario_issue_with_one_actor()
    {
        var e = ScenarioFails(Scenario("""[{ "actor": "A", "position": 10, "salience": 50 }]"""));
        e.Message.ShouldContain("issues[0].id");
        e.Message.ShouldContain("1 actor(s)");
    }

    [Fact]
    public void Scenario_duplicate_actor_definition()
    {
        var e = ScenarioFails(Scenario(
            """[{ "actor": "A", "position": 10, "salience": 50 }, { "actor": "B", "position": 90, "salience": 50 }]""",
            """[{ "id": "A", "bloc": "US", "baseCapability": 10 }, { "id": "A", "bloc": "MX", "baseCapability": 5 }]"""));
        e.Message.ShouldContain("actors[1].id");
        e.Message.ShouldContain("duplicate actor 'A'");
    }

    [Fact]
    public void Scenario_duplicate_actor_on_an_issue()
    {
        var e = ScenarioFails(Scenario("""[{ "actor": "A", "position": 10, "salience": 50 }, { "actor": "B", "position": 90, "salience": 50 }, { "actor": "A", "position": 30, "salience": 50 }]"""));
        e.Message.ShouldContain("issues[0].stakes[2]");
        e.Message.ShouldContain("duplicate actor 'A' on issue T");
    }

    [Fact]
    public void Scenario_actor_without_a_capability_multiplier()
    {
        var e = ScenarioFails(Scenario(
            """[{ "actor": "A", "position": 10, "salience": 50 }, { "actor": "B", "position": 90, "salience": 50 }]""",
            """[{ "id": "A", "bloc": "US", "baseCapability": 10 }, { "id": "B", "bloc": "CN", "baseCapability": 5 }]"""));
        e.Message.ShouldContain("issues[0].stakes[1].actor");
        e.Message.ShouldContain("no multiplier");
    }
}
