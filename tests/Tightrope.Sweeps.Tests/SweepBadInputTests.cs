using System.Text.Json.Nodes;
using Tightrope.Cli;
using static Tightrope.Sweeps.Tests.SweepTestSupport;

namespace Tightrope.Sweeps.Tests;

public class SweepBadInputTests
{
    [Fact]
    public void A_vary_path_that_does_not_exist_is_a_named_error_with_the_nearest_field()
    {
        var plan = Plan("imls-case1", vary: [VaryAxis.Parse("parameters.tradeElastcity=uniform(3,5)")], draws: 4);
        var e = Should.Throw<SweepInputException>(() => Runner().Validate(plan));
        e.Message.ShouldContain("'parameters.tradeElastcity' is not a field");
        e.Message.ShouldContain("nearest: 'parameters.tradeElasticity'");
        Program.Main(["sweep", "imls-case1", "--draws", "4", "--vary", "parameters.tradeElastcity=uniform(3,5)", "--out", Path.Combine(Path.GetTempPath(), "unused")]).ShouldBe(1);
        Program.Main(["run", "imls-case1", "--draws", "4", "--vary", "tariffs[3].rate=uniform(0,1)"]).ShouldBe(1);
    }

    [Theory]
    [InlineData("x=uniform(5,3)", "needs a < b")]
    [InlineData("x=uniform(1,1)", "needs a < b")]
    [InlineData("x=normal(0,-1)", "needs s > 0")]
    [InlineData("x=normal(0,0)", "needs s > 0")]
    [InlineData("x=normal(0)", "takes 2 parameters")]
    [InlineData("x=uniform(a,2)", "is not a finite number")]
    [InlineData("x=choice()", "at least one")]
    [InlineData("x=beta(1,2)", "unknown distribution 'beta'")]
    [InlineData("x=3", "is not uniform(a,b)")]
    [InlineData("=uniform(0,1)", "expected PATH=")]
    public void Invalid_distributions_are_named_errors(string text, string message)
    {
        Should.Throw<SweepInputException>(() => VaryAxis.Parse(text)).Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("parameters.tradeElasticity=3:5:0", "STEP must be > 0")]
    [InlineData("parameters.tradeElasticity=3:5:-1", "STEP must be > 0")]
    [InlineData("parameters.tradeElasticity=5:3:1", "below FROM")]
    [InlineData("parameters.tradeElasticity=3:5", "expected FROM:TO:STEP")]
    [InlineData("parameters.tradeElasticity=3:x:1", "TO: 'x' is not a finite number")]
    public void Invalid_grids_are_named_errors(string text, string message)
    {
        Should.Throw<SweepInputException>(() => GridAxis.Parse(text)).Message.ShouldContain(message);
    }

    [Fact]
    public void Step_of_zero_on_the_command_line_exits_1()
    {
        Program.Main(["sweep", "imls-case1", "--grid", "parameters.tradeElasticity=3:5:0", "--out", Path.Combine(Path.GetTempPath(), "unused")]).ShouldBe(1);
    }

    [Fact]
    public void Unknown_outcome_is_a_named_error()
    {
        var plan = Plan("imls-case1", grid: [GridAxis.Parse("parameters.tradeElasticity=3:4:1")], outcomes: ["welfare"]);
        Should.Throw<SweepInputException>(() => Runner().Validate(plan)).Message.ShouldContain("unknown outcome 'welfare'");
    }

    [Fact]
    public void Shard_out_of_range_and_plans_from_another_version_are_refused()
    {
        var dir = TempDirectory("badplan");
        try
        {
            var plan = Plan("imls-case1", grid: [GridAxis.Parse("parameters.tradeElasticity=3:4:1")], blockSize: 1, tasks: 2);
            SweepRunner.WritePlan(plan, dir);
            var planPath = Path.Combine(dir, "plan.json");
            Should.Throw<SweepInputException>(() => plan.ShardBlocks(2)).Message.ShouldContain("shard 2 is out of range");
            Program.Main(["sweep", "--plan", planPath, "--shard", "2/2"]).ShouldBe(1);
            Program.Main(["sweep", "--plan", planPath, "--shard", "0/3"]).ShouldBe(1);
            Program.Main(["sweep", "--plan", planPath, "--shard", "one/2"]).ShouldBe(1);
            Program.Main(["sweep", "--plan", planPath]).ShouldBe(1);

            var json = JsonNode.Parse(File.ReadAllText(planPath))!;
            json["software"] = "0.0.1-other";
            var other = Path.Combine(dir, "other.json");
            File.WriteAllText(other, json.ToJsonString());
            Should.Throw<SweepInputException>(() => SweepPlan.Load(other)).Message.ShouldContain("plan written by tightrope 0.0.1-other");
            Program.Main(["sweep", "--plan", other, "--shard", "0/2"]).ShouldBe(1);

            json["software"] = SweepPlan.SoftwareVersion;
            json["version"] = 99;
            File.WriteAllText(other, json.ToJsonString());
            Should.Throw<SweepInputException>(() => SweepPlan.Load(other)).Message.ShouldContain("plan format version 99");

            File.WriteAllText(other, "{ \"format\": \"something-else\" }");
            Should.Throw<SweepInputException>(() => SweepPlan.Load(other)).Message.ShouldContain("not a sweep plan");

            // A different plan in the same directory is refused rather than mixed with the stored results.
            var different = plan with { Seed = 99 };
            Should.Throw<SweepInputException>(() => SweepRunner.WritePlan(different, dir)).Message.ShouldContain("different sweep plan");
        }
        finally
        {
            Delete(dir);
        }
    }

    [Fact]
    public void Vary_without_draws_and_a_path_swept_twice_are_refused()
    {
        Should.Throw<SweepInputException>(() => Plan("imls-case1", vary: [VaryAxis.Parse("parameters.tradeElasticity=uniform(3,5)")]).Validate())
            .Message.ShouldContain("--vary needs --draws");
        Should.Throw<SweepInputException>(() => Plan("imls-case1", grid: [GridAxis.Parse("parameters.tradeElasticity=3:4:1")], vary: [VaryAxis.Parse("parameters.tradeElasticity=uniform(3,5)")], draws: 2).Validate())
            .Message.ShouldContain("swept twice");
    }
}
