using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

namespace Tightrope.Bench.Tariffs;

/// <summary>
/// The one-sector tariff model: one warm solve of imls-case1 (analytic Jacobian with reuse vs the generic
/// finite-difference Newton baseline) and a sweep of random tariff schedules (parallel vs sequential).
/// </summary>
public sealed class TariffModelBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "tariffs";

    /// <inheritdoc />
    public string Description => "one-sector tariff GE: warm imls-case1 solve and a 1,000-schedule sweep [--sweep N] [--seed S]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var sweep = Option(args, "--sweep", 1000);
        var seed = Option(args, "--seed", 2025);
        var data = BilateralDatasetReader.Load();
        var baseline = OneSectorBaseline.Build(data);
        var case1 = LiberationDaySchedule.Matrix(baseline);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
        Console.WriteLine($"Model: {baseline.Size} countries, {3 * baseline.Size} unknowns.");

        // Warm solves: best and median of repeated runs after one warm-up.
        var fast = Time(() => TariffModel.Solve(baseline, case1), 15);
        var reference = Time(() => TariffModel.Solve(baseline, case1, solverOptions: new SolverOptions { ForceFiniteDifferences = true }), 3);
        Console.WriteLine();
        Console.WriteLine("Warm solve of imls-case1");
        Console.WriteLine($"  analytic Jacobian, reuse ≤3   median {fast.Median,8:F1} ms   best {fast.Best,8:F1} ms   iterations {fast.Result.Diagnostics.Solver.Iterations}, Jacobians {fast.Result.Diagnostics.Solver.JacobianEvaluations}, residual {fast.Result.Diagnostics.ResidualNorm:E1}");
        Console.WriteLine($"  finite-difference Newton      median {reference.Median,8:F1} ms   best {reference.Best,8:F1} ms   iterations {reference.Result.Diagnostics.Solver.Iterations}, Jacobians {reference.Result.Diagnostics.Solver.JacobianEvaluations}");
        Console.WriteLine($"  speed-up: {reference.Median / fast.Median:F1}×   (target: under 100 ms per solve)");

        // Sweep: random US schedules with random partial retaliation, solved in parallel; a sequential baseline on a tenth.
        var schedules = RandomSchedules(baseline, sweep, seed);
        var failures = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, schedules.Count, k =>
        {
            try
            {
                TariffModel.Solve(baseline, schedules[k]);
            }
            catch (SolverDidNotConvergeException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        var parallelSeconds = clock.Elapsed.TotalSeconds;
        var sequentialCount = Math.Max(1, sweep / 10);
        clock.Restart();
        for (var k = 0; k < sequentialCount; k++)
        {
            TariffModel.Solve(baseline, schedules[k]);
        }

        var sequentialPerSolve = clock.Elapsed.TotalSeconds / sequentialCount;
        Console.WriteLine();
        Console.WriteLine($"Sweep of {sweep} random tariff schedules (seed {seed})");
        Console.WriteLine($"  parallel ({Environment.ProcessorCount} cores)   {parallelSeconds,8:F2} s total   {1000 * parallelSeconds / sweep,7:F1} ms per schedule   non-converged: {failures}");
        Console.WriteLine($"  sequential ({sequentialCount} schedules)   {1000 * sequentialPerSolve,7:F1} ms per schedule   → {sweep * sequentialPerSolve,8:F2} s for {sweep}");
        Console.WriteLine($"  parallel speed-up: {sweep * sequentialPerSolve / parallelSeconds:F2}×   (target: sweep under 60 s)");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>US rates uniform in [0, 60%] on every origin; each country retaliates with probability 0.3 at a rate uniform in [0, 40%].</summary>
    private static List<BilateralTariffs> RandomSchedules(OneSectorBaseline baseline, int count, int seed)
    {
        var rng = new Random(seed);
        var n = baseline.Size;
        var us = baseline.UnitedStates;
        var list = new List<BilateralTariffs>(count);
        for (var k = 0; k < count; k++)
        {
            var t = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                if (i == us)
                {
                    continue;
                }

                t[(i * n) + us] = 0.6 * rng.NextDouble();
                if (rng.NextDouble() < 0.3)
                {
                    t[(us * n) + i] = 0.4 * rng.NextDouble();
                }
            }

            list.Add(new BilateralTariffs(baseline.Countries, t));
        }

        return list;
    }

    private static (double Median, double Best, TariffEquilibriumResult Result) Time(Func<TariffEquilibriumResult> solve, int repeats)
    {
        var result = solve();
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            result = solve();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[0], result);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var k = Array.IndexOf(args, name);
        return k >= 0 && k + 1 < args.Length && int.TryParse(args[k + 1], out var v) ? v : fallback;
    }
}
