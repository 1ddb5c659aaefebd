using System.Diagnostics;
using System.Globalization;
using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;
using Tightrope.Scenarios;
using Tightrope.Scenarios.CaliendoParro;

namespace Tightrope.Bench.CaliendoParro;

/// <summary>
/// Times one solve of the usmx-autos-25-2014 counterfactual (44 economies × 16 sectors, value-added share 1) and the whole
/// scenario (two solves and the comparison), side by side with plain 0.2 wage steps, the spec's dense-LU loops, and one
/// cp-nafta solve on the 1993 data as the baseline of the ratios.
/// </summary>
public sealed class CaliendoParro2014Benchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "caliendo-parro-2014";

    /// <inheritdoc />
    public string Description => "One usmx-autos-25-2014 solve: accelerated vs plain steps vs dense LU, and vs one cp-nafta solve (ratios)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var scenario = ScenarioCatalog.Default().Find("usmx-autos-25-2014");
        var load = Stopwatch.StartNew();
        var baseline = CpBaseline.Build(CaliendoParroData.Load(CaliendoParroSource.Wiod2014));
        var (_, autos) = CpTariffRules.Build(scenario.Reader, baseline);
        load.Stop();
        var surplus = new double[baseline.N];
        Console.WriteLine($"2014 data and baseline: {load.Elapsed.TotalMilliseconds:F0} ms ({baseline.N} economies × {baseline.J} sectors). Each solve: usmx-autos-25-2014 counterfactual, zero deficits, Σ|Z| ≤ 1e-9.");

        var accelerated = CpSolverOptions.Default;
        var plain = accelerated with { AndersonDepth = 0 };
        var reference = new CpSolverOptions { Algorithm = CpAlgorithm.Reference };
        CpSolver.Solve(baseline, autos, surplus, accelerated); // warm-up (JIT)
        var (fastMs, fast) = Measure(() => CpSolver.Solve(baseline, autos, surplus, accelerated), repeats);
        var (plainMs, slow) = Measure(() => CpSolver.Solve(baseline, autos, surplus, plain), Math.Max(1, repeats / 2));
        var (refMs, dense) = Measure(() => CpSolver.Solve(baseline, autos, surplus, reference), 1);
        var (scenarioMs, _) = Measure(() => CaliendoParroScenarioModel.Solve(scenario, new RunOptions()).Counterfactual, Math.Max(1, repeats / 2));

        var nafta93 = CpBaseline.Build(CaliendoParroData.Load(CaliendoParroSource.Original));
        var naftaTariffs = CpExperiment.NaftaTariffs(nafta93);
        var surplus93 = new double[nafta93.N];
        CpSolver.Solve(nafta93, naftaTariffs, surplus93, accelerated);
        var (naftaMs, nafta) = Measure(() => CpSolver.Solve(nafta93, naftaTariffs, surplus93, accelerated), repeats);

        Console.WriteLine();
        Console.WriteLine($"{"method",-52} {"median ms",10} {"wage it.",9} {"price passes",13} {"ratio",7} {"max |Δŵ|",10}");
        Row("2014 autos, accelerated (Anderson 5, iterative E4)", fastMs, fast, fastMs, fast);
        Row("2014 autos, plain 0.2 steps", plainMs, slow, fastMs, fast);
        Row("2014 autos, spec reference (dense LU each step)", refMs, dense, fastMs, fast);
        Row("1993 cp-nafta, accelerated (31 × 40, with IO)", naftaMs, nafta, fastMs, null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"2014 autos, whole scenario (read data, two solves, compare)",-52} {scenarioMs,10:F1}"));
        Console.WriteLine();
        Console.WriteLine($"Target: one usmx-autos-25-2014 solve under 1 s. Accelerated median: {fastMs:F0} ms ({(fastMs < 1000 ? "met" : "NOT met")}).");
        return 0;
    }

    private static (double MedianMs, CpEquilibrium Result) Measure(Func<CpEquilibrium> solve, int repeats)
    {
        var times = new List<double>();
        CpEquilibrium? last = null;
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            last = solve();
            clock.Stop();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], last!);
    }

    private static void Row(string label, double ms, CpEquilibrium e, double fastMs, CpEquilibrium? fast)
    {
        var d = e.Diagnostics;
        var gap = fast is null ? double.NaN : e.WageHat.Zip(fast.WageHat).Max(p => Math.Abs(p.First - p.Second));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-52} {ms,10:F1} {d.WageIterations,9} {d.PricePasses,13} {ms / fastMs,7:F2} {gap,10:E1}"));
    }
}
