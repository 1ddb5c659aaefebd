namespace Tightrope.Linkage.Tests;

/// <summary>The command line end to end: tariff-game and run of the flagship write the named CSVs.</summary>
[Collection("world")]
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tightrope-linkage-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Cli(params string[] args) => Tightrope.Cli.Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Tariff_game_writes_the_named_rows()
    {
        Cli("tariff-game", "--background", "none", "--threat", "0.25", "--out", _dir).ShouldBe(0);
        var rows = File.ReadAllLines(Path.Combine(_dir, "game.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        rows.ShouldContain("r_best_response");
        foreach (var name in new[] { "tau_best_response", "tau_nash", "r_nash", "c_us_usd_bn", "c_mex_usd_bn", "credible", "demand_usd_bn", "demand_pct_gdp_mex" })
        {
            rows.ShouldContain(name);
        }
    }

    [Fact]
    public void Tariff_game_rejects_bad_input_with_exit_code_1()
    {
        Cli("tariff-game", "--threat", "0.02", "--status-quo", "0.05").ShouldBe(1);
        Cli("tariff-game", "--conflict", "1.5").ShouldBe(1);
    }

    [Fact]
    public void Bargain_economics_maps_forecasts_to_the_tariff_model_with_bands()
    {
        Cli("bargain", "usmx-bargaining", "--economics", "--runs", "8", "--out", _dir).ShouldBe(0);
        var lines = File.ReadAllLines(Path.Combine(_dir, "economics.csv"));
        lines[0].ShouldBe("quantity,forecast,p5,p50,p95,how");
        var tau = lines.Single(l => l.StartsWith("tau,", StringComparison.Ordinal)).Split(',');
        var p5 = double.Parse(tau[2], System.Globalization.CultureInfo.InvariantCulture);
        var p95 = double.Parse(tau[4], System.Globalization.CultureInfo.InvariantCulture);
        p5.ShouldBeLessThanOrEqualTo(p95);
        lines.ShouldContain(l => l.StartsWith("welfare_mex_pct,", StringComparison.Ordinal));
    }
}
