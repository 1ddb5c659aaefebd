using System.Diagnostics;
using Tightrope.Bargaining;
using Tightrope.Bargaining.Sensitivity;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Bench.Bargaining;

/// <summary>
/// Times the usmx-bargaining sensitivity analysis (1,000 perturbed runs, both models): sequential baseline against the
/// parallel run, and each model alone; checks that both schedules give identical distributions.
/// </summary>
public sealed class BargainingSensitivityBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "bargaining";

    /// <inheritdoc />
    public string Description => "usmx-bargaining sensitivity (1,000 runs × BDM + exchange): sequential vs parallel, per model; args: [runs] [repeats]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var doc = ScenarioCatalog.Default().Find("usmx-bargaining");
        var setup = BargainingSetup.FromScenario(doc, new RunOptions());
        var baseOptions = (setup.Sensitivity ?? new SensitivityOptions()) with { Runs = runs };
        Console.WriteLine($"usmx-bargaining: {setup.Set.Actors.Count} actors, {setup.Set.Issues.Count} issues, {runs} perturbed runs, spread {baseOptions.Spread}, {Environment.ProcessorCount} cores");

        // Warm-up (JIT) on a few runs.
        SensitivityAnalysis.Run(setup.Set, baseOptions with { Runs = 20 });

        var cases = new (string Name, SensitivityOptions Options)[]
        {
            ("both models, sequential (baseline)", baseOptions with { Parallel = false }),
            ("both models, parallel", baseOptions with { Parallel = true }),
            ("bdm only, sequential", baseOptions with { Parallel = false, Models = [BargainingModelKind.Bdm] }),
            ("exchange only, sequential", baseOptions with { Parallel = false, Models = [BargainingModelKind.Exchange] }),
        };
        var best = new double[cases.Length];
        var allocated = new double[cases.Length];
        var results = new SensitivityResult[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            best[c] = double.PositiveInfinity;
            for (var r = 0; r < repeats; r++)
            {
                var bytes = GC.GetTotalAllocatedBytes(true);
                var watch = Stopwatch.StartNew();
                results[c] = SensitivityAnalysis.Run(setup.Set, cases[c].Options);
                best[c] = Math.Min(best[c], watch.Elapsed.TotalSeconds);
                allocated[c] = (GC.GetTotalAllocatedBytes(true) - bytes) / 1e6;
            }
        }

        Console.WriteLine($"{"case",-40} {"best of " + repeats,12} {"vs baseline",12} {"allocated",12}");
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine($"{cases[c].Name,-40} {best[c],10:F3} s {best[0] / best[c],11:F2}× {allocated[c],9:F0} MB");
        }

        var identical = results[0].Distributions.Zip(results[1].Distributions)
            .All(p => p.First.Means.SequenceEqual(p.Second.Means) && p.First.Medians.SequenceEqual(p.Second.Medians));
        Console.WriteLine($"parallel distributions identical to sequential: {identical}");
        Console.WriteLine($"target: 1,000 runs with both models < 10 s; parallel: {(best[1] < 10 ? "met" : "NOT met")} ({best[1]:F3} s)");
        return identical ? 0 : 1;
    }
}
