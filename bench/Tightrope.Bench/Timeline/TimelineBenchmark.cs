using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Timeline;

namespace Tightrope.Bench.Timeline;

/// <summary>
/// The 2025–26 timeline: the whole run (23 dates × actual and threat paths, every episode) warm-started date to date,
/// against the same solves each started from ones; and the Liberation Day substitution check.
/// </summary>
public sealed class TimelineBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "timeline";

    /// <inheritdoc />
    public string Description => "2025–26 tariff timeline: whole run warm-started (two threads, one) vs cold-started; Liberation Day check [--repeats N] [--tolerance-scan]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var k = Array.IndexOf(args, "--repeats");
        var repeats = k >= 0 && k + 1 < args.Length && int.TryParse(args[k + 1], out var r) ? r : 3;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, load average {LoadAverage()}, .NET {Environment.Version}");
        var clock = Stopwatch.StartNew();
        var baseline = OneSectorBaseline.Build(BilateralDatasetReader.Load());
        var tracker = TrackerReader.Read();
        var events = EventReader.Read();
        Console.WriteLine($"Load data and build the baseline once: {clock.Elapsed.TotalSeconds:F2} s");

        // Warm-up (JIT), then timed runs of the whole timeline in three ways.
        var result = TimelineEngine.Run(baseline, tracker, events, TimelineSpec.Default);
        (double Median, double Best, TimelineSolveStats Stats) Time(TimelineEngineOptions options)
        {
            var times = new List<double>();
            TimelineSolveStats stats = null!;
            for (var i = 0; i < repeats; i++)
            {
                clock.Restart();
                stats = TimelineEngine.Run(baseline, tracker, events, TimelineSpec.Default, options: options).Stats;
                times.Add(clock.Elapsed.TotalSeconds);
            }

            times.Sort();
            return (times[times.Count / 2], times[0], stats);
        }

        var fast = Time(TimelineEngineOptions.Default);
        var sequential = Time(new TimelineEngineOptions(WarmStart: true, Parallel: false));
        var cold = Time(new TimelineEngineOptions(WarmStart: false, Parallel: false));
        Console.WriteLine();
        Console.WriteLine($"Whole timeline: {result.Points.Count} dates × 2 paths, {result.Postponements.Count} postponements valued, {fast.Stats.Solves} solves ({fast.Stats.Reused} points reused), {repeats} runs each, load average now {LoadAverage()}");
        void Line(string name, (double Median, double Best, TimelineSolveStats Stats) t) =>
            Console.WriteLine($"  {name,-34} median {t.Median,6:F2} s   best {t.Best,6:F2} s   {t.Stats.NewtonIterations} Newton iterations ({(double)t.Stats.NewtonIterations / t.Stats.Solves:F1} per solve)");
        Line("warm-started, two threads", fast);
        Line("warm-started, one thread", sequential);
        Line("cold-started (from ones), one thread", cold);
        Console.WriteLine($"  speed-up over cold: {cold.Median / fast.Median:F2}× (warm start alone {cold.Median / sequential.Median:F2}×)   target: whole timeline under 5 s");

        // The Liberation Day substitution: 2025-04-05 replaced by the schedule, warm-started from 2025-04-03, against a cold solve.
        var actual = ActualPath.Build(baseline, tracker, TimelineSpec.Default);
        var at = actual.ToList().FindIndex(a => a.Date == new DateOnly(2025, 4, 5));
        var path = actual.Take(at + 1).Select(a => a.Tariffs).ToList();
        path[at] = LiberationDaySchedule.Matrix(baseline);
        var substituted = TimelineEngine.SolvePath(baseline, path)[at];
        var case1 = TariffModel.Solve(baseline, path[at]);
        string[] names = ["welfare", "deficit", "X/GDP", "M/GDP", "employment", "prices", "revenue/E"];
        var worst = new double[names.Length];
        for (var i = 0; i < baseline.Size; i++)
        {
            var (a, b) = (substituted.Outcomes[i], case1.Outcomes[i]);
            double[] d = [a.WelfarePct - b.WelfarePct, a.DeficitPct - b.DeficitPct, a.ExportsToGdpPct - b.ExportsToGdpPct, a.ImportsToGdpPct - b.ImportsToGdpPct,
                a.EmploymentPct - b.EmploymentPct, a.PricesPct - b.PricesPct, a.RevenueShare - b.RevenueShare];
            for (var c = 0; c < d.Length; c++)
            {
                worst[c] = Math.Max(worst[c], Math.Abs(d[c]));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Liberation Day schedule substituted at 2025-04-05 (warm from 2025-04-03) vs imls-case1 (cold): largest difference over 194 economies");
        Console.WriteLine("  " + string.Join("   ", names.Select((n, c) => $"{n} {worst[c]:E1}")));
        if (args.Contains("--tolerance-scan"))
        {
            var prev = TimelineEngine.SolvePath(baseline, path)[at - 1];
            foreach (var (rt, st) in new[] { (1e-12, 1e-10), (1e-13, 1e-11), (1e-13, 1e-12), (1e-14, 1e-13) })
            {
                var o = TariffModel.DefaultSolverOptions with { ResidualTolerance = rt, StepTolerance = st };
                try
                {
                    var w = TariffModel.Solve(baseline, path[at], solverOptions: o, warmStart: prev);
                    var c = TariffModel.Solve(baseline, path[at], solverOptions: o);
                    double Dw(TariffEquilibriumResult x, TariffEquilibriumResult y) => Enumerable.Range(0, baseline.Size).Max(i => Math.Abs(x.Outcomes[i].DeficitPct - y.Outcomes[i].DeficitPct));
                    var z = TariffModel.Solve(baseline, PairMatrix.Zero(baseline.Countries), solverOptions: o, warmStart: w);
                    var zw = z.Outcomes.Max(x => Math.Max(Math.Abs(x.WelfarePct), Math.Max(Math.Abs(x.ExportsToGdpPct), Math.Abs(x.PricesPct))));
                    var zd = z.Outcomes.MaxBy(x => Math.Abs(x.DeficitPct))!;
                    Console.WriteLine($"  tol {rt:E0}/{st:E0}: zero matrix warm from Liberation Day: largest welfare/X/prices change {zw:E1}, deficit {zd.DeficitPct:E1} ({zd.Country.Iso3}), iterations {z.Diagnostics.Solver.Iterations}");
                    Console.WriteLine($"  tol {rt:E0}/{st:E0}: warm-vs-case1 {Dw(w, case1):E1}  cold-vs-case1 {Dw(c, case1):E1}  warm-vs-cold {Dw(w, c):E1}  iterations {w.Diagnostics.Solver.Iterations}/{c.Diagnostics.Solver.Iterations}");
                }
                catch (Tightrope.Numerics.SolverDidNotConvergeException e)
                {
                    Console.WriteLine($"  tol {rt:E0}/{st:E0}: {e.Message}");
                }
            }
        }

        Console.WriteLine($"  iterations: warm {substituted.Diagnostics.Solver.Iterations}, cold {case1.Diagnostics.Solver.Iterations}; residuals {substituted.Diagnostics.ResidualNorm:E1} / {case1.Diagnostics.ResidualNorm:E1}");
        return fast.Median < 5 ? 0 : 1;
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
