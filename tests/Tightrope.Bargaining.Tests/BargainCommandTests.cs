using Tightrope.Data;

namespace Tightrope.Bargaining.Tests;

/// <summary>End to end through the command line: <c>tightrope bargain</c> and <c>tightrope run</c>.</summary>
public sealed class BargainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tightrope-bargain-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Cli(params string[] args) => Tightrope.Cli.Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Bargain_ec10_writes_rounds_and_forecast_csv_matching_the_log()
    {
        Cli("bargain", "bdm-ec10", "--out", _dir).ShouldBe(0);
        var rounds = File.ReadAllLines(Path.Combine(_dir, "rounds.csv"));
        rounds[0].ShouldBe("issue,round,actor,position");
        rounds.Length.ShouldBe(1 + (11 * 10));
        rounds.ShouldContain("ExampleActors,1,Belgium,8.415932315426764");
        rounds.ShouldContain("ExampleActors,10,Ireland,4.144849062500606");
        var forecast = File.ReadAllLines(Path.Combine(_dir, "forecast.csv"));
        forecast.ShouldBe(["issue,median,mean", "ExampleActors,7,7.242130958473938"]);
    }

    [Fact]
    public void Bargain_exchange_with_rounds_and_sensitivity_options()
    {
        Cli("bargain", "usmx-bargaining", "--model", "exchange", "--rounds", "2", "--runs", "20", "--spread", "0.1", "--seed", "3", "--out", _dir).ShouldBe(0);
        File.ReadAllLines(Path.Combine(_dir, "forecast.csv")).Length.ShouldBe(7);
        File.ReadAllLines(Path.Combine(_dir, "rounds.csv")).Length.ShouldBe(1 + (3 * 74));
        File.Exists(Path.Combine(_dir, "sensitivity.csv")).ShouldBeTrue();
        File.Exists(Path.Combine(_dir, "exchanges.csv")).ShouldBeTrue();
    }

    [Fact]
    public void Bargain_reads_the_spec_csv_directly()
    {
        var csv = Path.GetFullPath(Path.Combine(DataLocation.Root, "..", "specs", "usmx-issue-set.csv"));
        Cli("bargain", csv, "--out", _dir).ShouldBe(0);
        File.ReadAllLines(Path.Combine(_dir, "forecast.csv"))[1].ShouldStartWith("T,50.916");
    }

    [Fact]
    public void Run_usmx_bargaining_goes_through_the_registry()
    {
        Cli("run", "usmx-bargaining", "--out", _dir).ShouldBe(0);
        File.ReadAllLines(Path.Combine(_dir, "forecast.csv"))[0].ShouldBe("issue,median,mean");
        File.ReadAllLines(Path.Combine(_dir, "rounds.csv"))[0].ShouldBe("issue,round,actor,position");
        File.ReadAllLines(Path.Combine(_dir, "sensitivity.csv")).Length.ShouldBe(1 + 12);
    }

    [Fact]
    public void Bad_input_exits_with_1()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "Actor,Capability,Position,Salience\nA,1,4,0.5\nB,1,7,2\n");
        Cli("bargain", path).ShouldBe(1);
        Cli("bargain", "bdm-ec10", "--runs", "10", "--spread", "1.5").ShouldBe(1);
        Cli("bargain", "bdm-ec10", "--rounds", "-1").ShouldBe(1);
    }
}
