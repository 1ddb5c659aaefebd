using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Linkage;
using Tightrope.Linkage.Scenarios;
using Tightrope.Scenarios;

namespace Tightrope.Bench.Linkage;

/// <summary>
/// The tightrope flagship (usmx-tightrope-2025) and the quick tariff game: GE solves, wall time and solves per second,
/// each with warm starts from the nearest solved point against cold starts from the baseline.
/// </summary>
public sealed class LinkageBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "linkage";

    /// <inheritdoc />
    public string Description => "tightrope: usmx-tightrope-2025 analysis and tariff-game (none, 0.25), warm vs cold starts [--no-cold]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}; load average {LoadAverage()}");
        var clock = Stopwatch.StartNew();
        var scenario = ScenarioCatalog.Default().Find("usmx-tightrope-2025");
        var settings = LinkageSettingsReader.Read(scenario);
        var stakeholders = LinkageScenarioModel.Stakeholders(scenario, settings, new RunOptions());
        var baseline = OneSectorBaseline.Build(BilateralDatasetReader.Load());
        Console.WriteLine($"Load data, baseline and stakeholders: {clock.Elapsed.TotalSeconds:F2} s");

        var cold = !args.Contains("--no-cold");
        foreach (var warm in cold ? new[] { true, false } : [true])
        {
            var label = warm ? "warm" : "cold";
            clock.Restart();
            var payoffs = new TariffPayoffs(baseline, LinkageAnalysis.Background(baseline, settings.Background), settings.Parameters, warm);
            var r = LinkageAnalysis.Run(baseline, settings, stakeholders, payoffs: payoffs);
            var wall = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"usmx-tightrope-2025 ({label})  {r.Solves,5} GE solves  {r.NewtonIterations,5} Newton iterations  {wall,6:F2} s wall  {r.Solves / wall,6:F1} solves/s  {1000 * r.SolveTime.TotalSeconds / r.Solves,6:F1} ms/solve   (target: whole flagship < 15 s)");

            clock.Restart();
            var game = new TariffPayoffs(baseline, LinkageAnalysis.Background(baseline, BackgroundKind.None), null, warm);
            var g = QuickTariffGame.Play(game, new ThreatSpec(new Instruments(0, 0, 0), 0.25), 0.75);
            wall = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"tariff-game none 0.25 ({label})  {g.Solves,5} GE solves  {game.NewtonIterations,5} Newton iterations  {wall,6:F2} s wall  {g.Solves / wall,6:F1} solves/s  {1000 * g.SolveTime.TotalSeconds / g.Solves,6:F1} ms/solve");
        }

        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
