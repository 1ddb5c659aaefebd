using System.Diagnostics;
using System.Globalization;
using Tightrope.Data;
using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;

namespace Tightrope.Bench.CaliendoParro;

/// <summary>
/// Times one cp-nafta solve (the NAFTA counterfactual, zero deficits) with the accelerated solver, side by side with the
/// authors' plain damped wage steps and with the spec's reference loops (dense LU of the spending system each step).
/// </summary>
public sealed class CaliendoParroBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "caliendo-parro";

    /// <inheritdoc />
    public string Description => "One cp-nafta solve: Anderson-accelerated vs plain 0.2 steps vs the spec's dense-LU loops (ratios)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var skipReference = args.Contains("--no-reference");
        var load = Stopwatch.StartNew();
        var baseline = CpBaseline.Build(CaliendoParroData.Load(CaliendoParroSource.Original));
        load.Stop();
        var nafta = CpExperiment.NaftaTariffs(baseline);
        var surplus = new double[baseline.N];
        Console.WriteLine($"Data and baseline: {load.Elapsed.TotalMilliseconds:F0} ms (31 regions × 40 sectors). Each solve: NAFTA counterfactual, zero deficits, Σ|Z| ≤ 1e-9.");

        var accelerated = CpSolverOptions.Default;
        var plain = accelerated with { AndersonDepth = 0 };
        var reference = new CpSolverOptions { Algorithm = CpAlgorithm.Reference };

        CpSolver.Solve(baseline, nafta, surplus, accelerated); // warm-up (JIT)
        var (fastTime, fast) = Measure(baseline, nafta, surplus, accelerated, repeats);
        var (plainTime, slow) = Measure(baseline, nafta, surplus, plain, Math.Max(1, repeats / 2));

        Console.WriteLine();
        Console.WriteLine($"{"method",-44} {"median ms",10} {"wage it.",9} {"price passes",13} {"E4 solves/it.",14} {"ratio",7} {"max |Δŵ|",10}");
        Row("accelerated (Anderson 5, iterative E4)", fastTime, fast, fastTime, fast);
        Row("plain 0.2 steps (iterative E4)", plainTime, slow, fastTime, fast);
        if (!skipReference)
        {
            var (refTime, refResult) = Measure(baseline, nafta, surplus, reference, 1);
            Row("spec reference (0.2 steps, P from 1, dense LU)", refTime, refResult, fastTime, fast);
        }

        Console.WriteLine();
        Console.WriteLine($"Target: one cp-nafta solve under 1 s. Accelerated median: {fastTime:F0} ms ({(fastTime < 1000 ? "met" : "NOT met")}).");
        return 0;
    }

    private static (double MedianMs, CpEquilibrium Result) Measure(CpBaseline baseline, SectoralPairMatrix tariffs, double[] surplus, CpSolverOptions options, int repeats)
    {
        var times = new List<double>();
        CpEquilibrium? last = null;
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            last = CpSolver.Solve(baseline, tariffs, surplus, options);
            clock.Stop();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], last!);
    }

    private static void Row(string label, double ms, CpEquilibrium e, double fastMs, CpEquilibrium fast)
    {
        var d = e.Diagnostics;
        var gap = e.WageHat.Zip(fast.WageHat).Max(p => Math.Abs(p.First - p.Second));
        var perIteration = (double)d.SpendingIterations / d.WageIterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-44} {ms,10:F1} {d.WageIterations,9} {d.PricePasses,13} {perIteration,14:F1} {ms / fastMs,7:F2} {gap,10:E1}"));
    }
}
