using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

namespace Tightrope.Bench.Tariffs;

/// <summary>
/// The one-sector tariff model, today's solver against the full-system baseline in one run: warm single solves of
/// imls-case1 (with the time split), and a sweep of random tariff schedules solved in parallel blocks with warm
/// starts from the nearest solved neighbour, with the distribution of iterations.
/// </summary>
public sealed class TariffModelBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "tariffs";

    /// <inheritdoc />
    public string Description =>
        "one-sector tariff GE: reduced 2N quasi-Newton vs the full 3N Newton baseline; warm imls-case1 solve and a sweep [--sweep N] [--baseline-sweep N] [--seed S] [--repeats R]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var sweep = Option(args, "--sweep", 10000);
        var baselineSweep = Option(args, "--baseline-sweep", 500);
        var seed = Option(args, "--seed", 2025);
        var repeats = Option(args, "--repeats", 15);
        var data = BilateralDatasetReader.Load();
        var baseline = OneSectorBaseline.Build(data);
        var case1 = LiberationDaySchedule.Matrix(baseline);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}; load {Load()}");
        Console.WriteLine($"Dense kernels: {NativeLapack.Description}");
        Console.WriteLine($"Model: {baseline.Size} countries; full system {3 * baseline.Size} unknowns, reduced {2 * baseline.Size}.");

        // Warm single solves from the all-ones start, after one warm-up each; interleaved so load changes hit both.
        var solver = new TariffSolver(baseline);
        var fast = new List<TariffEquilibriumResult>();
        var fastMs = new List<double>();
        var fullMs = new List<double>();
        TariffEquilibriumResult full = TariffModel.SolveFullSystem(baseline, case1);
        solver.Solve(case1);
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            fast.Add(solver.Solve(case1));
            fastMs.Add(clock.Elapsed.TotalMilliseconds);
            if (r < Math.Max(3, repeats / 3))
            {
                clock.Restart();
                full = TariffModel.SolveFullSystem(baseline, case1);
                fullMs.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var oneOff = new List<double>();
        for (var r = 0; r < Math.Max(3, repeats / 3); r++)
        {
            var clock = Stopwatch.StartNew();
            TariffModel.Solve(baseline, case1);
            oneOff.Add(clock.Elapsed.TotalMilliseconds);
        }

        var f = fast[^1].Diagnostics;
        Console.WriteLine();
        Console.WriteLine($"Warm solve of imls-case1 from the all-ones start (load {Load()})");
        Console.WriteLine($"  reduced 2N Broyden, reused solver      median {Median(fastMs),7:F2} ms  best {fastMs.Min(),7:F2} ms  iterations {f.Solver.Iterations}, Jacobians {f.Solver.JacobianEvaluations}, residuals {f.Solver.ResidualEvaluations}, residual {f.ResidualNorm:E1}");
        Console.WriteLine($"  reduced, TariffModel.Solve (new solver) median {Median(oneOff),7:F2} ms  best {oneOff.Min(),7:F2} ms");
        Console.WriteLine($"  baseline: full 3N Newton, managed LU    median {Median(fullMs),7:F2} ms  best {fullMs.Min(),7:F2} ms  iterations {full.Diagnostics.Solver.Iterations}, Jacobians {full.Diagnostics.Solver.JacobianEvaluations}");
        Console.WriteLine($"  speed-up {Median(fullMs) / Median(fastMs):F1}×   (target: under 5 ms)");
        Console.WriteLine("  time split of the reduced solve, median (best) over repeats:");
        Console.WriteLine($"    set-up {Split(fast, t => t.SetUp)}   residuals {Split(fast, t => t.Residuals)} ({f.Timings!.ResidualCount} evaluations)   Jacobian {Split(fast, t => t.Jacobians)}");
        Console.WriteLine($"    factorisation+solves+updates {Split(fast, t => t.Factorisations)} ({f.Timings.FactorisationCount} LU)   outcomes+rest {Split(fast, t => t.Total - t.SetUp - t.Residuals - t.Jacobians - t.Factorisations)}");
        var cold = new List<double>();
        var zero = PairMatrix.Zero(baseline.Countries);
        for (var r = 0; r < repeats; r++)
        {
            // A solver whose last scenario differs: the set-up rebuilds every tariffed pair.
            solver.Solve(zero);
            var clock = Stopwatch.StartNew();
            var changed = solver.Solve(case1);
            cold.Add(clock.Elapsed.TotalMilliseconds);
            fast.Add(changed);
        }

        Console.WriteLine($"  after a different scenario (zero tariffs) on the same solver: median {Median(cold),7:F2} ms  best {cold.Min(),7:F2} ms  (set-up {Split(fast.TakeLast(repeats).ToList(), t => t.SetUp)})");
        LuKernel(2 * baseline.Size, repeats);
        var worst = fast[^1].Outcomes.Zip(full.Outcomes).Max(p => Math.Abs(p.First.WelfarePct - p.Second.WelfarePct));
        Console.WriteLine($"  largest welfare difference reduced vs full: {worst:E1} pp");

        // Sweep.
        var schedules = RandomSchedules(baseline, sweep, seed);
        Console.WriteLine();
        Console.WriteLine($"Sweep of {sweep} random tariff schedules (seed {seed}), load before {Load()}");
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var (seconds, iterations, failures) = SweepReduced(baseline, schedules);
        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"  reduced, blocks of {Block} warm-started from the nearest solved schedule, {Environment.ProcessorCount} threads:");
        Console.WriteLine($"    {seconds,8:F2} s total  {1000 * seconds / sweep,6:F2} ms per schedule  non-converged: {failures}   (target: under 30 s for 10,000)");
        Console.WriteLine($"    CPU time of the process {cpu:F2} s: {1000 * cpu / sweep:F2} ms per schedule; on 2 idle cores that is {cpu / Environment.ProcessorCount:F1} s wall");
        Console.WriteLine($"    iterations per solve: {Histogram(iterations)}");
        var subset = schedules.Take(Math.Min(baselineSweep, sweep)).ToList();
        var clockFull = Stopwatch.StartNew();
        var fullFailures = 0;
        Parallel.For(0, subset.Count, k =>
        {
            try
            {
                TariffModel.SolveFullSystem(baseline, subset[k]);
            }
            catch (SolverDidNotConvergeException)
            {
                Interlocked.Increment(ref fullFailures);
            }
        });
        var fullPer = clockFull.Elapsed.TotalSeconds / subset.Count;
        Console.WriteLine($"  baseline: full 3N Newton from ones, parallel, first {subset.Count} schedules: {1000 * fullPer,6:F2} ms per schedule → {fullPer * sweep,7:F1} s for {sweep}  non-converged: {fullFailures}");
        Console.WriteLine($"  sweep speed-up {fullPer * sweep / seconds:F1}×   (load after {Load()})");
        return failures == 0 ? 0 : 1;
    }

    private const int Block = 64;

    private static (double Seconds, int[] Iterations, int Failures) SweepReduced(OneSectorBaseline baseline, List<PairMatrix> schedules)
    {
        var iterations = new int[schedules.Count];
        var failures = 0;
        var factorisations = 0;
        var blocks = (schedules.Count + Block - 1) / Block;

        // Neighbours are found on the drawn rates only (the US column and row), as a sweep compares its drawn inputs.
        var n = baseline.Size;
        var us = baseline.UnitedStates;
        var coordinates = schedules.Select(t =>
        {
            var v = t.Values;
            var c = new double[2 * n];
            for (var i = 0; i < n; i++)
            {
                c[i] = v[(i * n) + us];
                c[n + i] = v[(us * n) + i];
            }

            return c;
        }).ToArray();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, blocks, () => new TariffSolver(baseline) { ReuseFactorisation = true }, (b, _, solver) =>
        {
            var from = b * Block;
            var to = Math.Min(schedules.Count, from + Block);
            var solved = new List<(int Index, TariffEquilibriumResult Result)>();
            solver.DiscardFactorisation();
            for (var k = from; k < to; k++)
            {
                var nearest = solved.Count == 0 ? null : solved.MinBy(s => Distance(coordinates[s.Index], coordinates[k])).Result;
                try
                {
                    var r = solver.Solve(schedules[k], warmStart: nearest);
                    iterations[k] = r.Diagnostics.Solver.Iterations;
                    Interlocked.Add(ref factorisations, r.Diagnostics.Timings!.FactorisationCount);
                    solved.Add((k, r));
                }
                catch (SolverDidNotConvergeException)
                {
                    Interlocked.Increment(ref failures);
                    iterations[k] = -1;
                }
            }

            return solver;
        }, _ => { });
        Console.WriteLine($"    LU factorisations: {factorisations} for {schedules.Count} solves");
        return (clock.Elapsed.TotalSeconds, iterations, failures);
    }

    private static double Distance(double[] x, double[] y)
    {
        var d = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var e = x[i] - y[i];
            d += e * e;
        }

        return d;
    }

    private static string Histogram(int[] iterations) =>
        string.Join("  ", iterations.GroupBy(i => i).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "failed" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {g.Count()}"))
        + $"   (mean {iterations.Where(i => i >= 0).DefaultIfEmpty().Average():F2})";

    /// <summary>US rates uniform in [0, 60%] on every origin; each country retaliates with probability 0.3 at a rate uniform in [0, 40%].</summary>
    private static List<PairMatrix> RandomSchedules(OneSectorBaseline baseline, int count, int seed)
    {
        var rng = new Random(seed);
        var n = baseline.Size;
        var us = baseline.UnitedStates;
        var list = new List<PairMatrix>(count);
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

            list.Add(PairMatrix.Rates(baseline.Countries, t));
        }

        return list;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Split(List<TariffEquilibriumResult> results, Func<SolveTimings, TimeSpan> part)
    {
        var ms = results.Select(r => part(r.Diagnostics.Timings!).TotalMilliseconds).ToList();
        return $"{Median(ms),5:F2} ms ({ms.Min():F2})";
    }

    /// <summary>The dense kernel alone: LU of an n×n matrix and one solve with it, best of the repeats.</summary>
    private static void LuKernel(int n, int repeats)
    {
        var rng = new Random(1);
        var a = new DenseMatrix(n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = rng.NextDouble() + (i == j ? n : 0);
            }
        }

        foreach (var single in new[] { false, true })
        {
            var lu = new DenseLuSolver(n, single);
            var rhs = new double[n];
            var factor = new List<double>();
            var solve = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                lu.Factor(a);
                factor.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                lu.Solve(rhs);
                solve.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"  dense kernel alone ({n}×{n}, {(single ? "single" : "double")} precision): LU median {Median(factor):F2} ms (best {factor.Min():F2})   one solve median {Median(solve):F3} ms (best {solve.Min():F3})");
        }
    }

    private static string Load()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var k = Array.IndexOf(args, name);
        return k >= 0 && k + 1 < args.Length && int.TryParse(args[k + 1], out var v) ? v : fallback;
    }
}
