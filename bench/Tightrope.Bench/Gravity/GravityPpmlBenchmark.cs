using System.Diagnostics;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Bench.Gravity;

/// <summary>
/// Times a three-way fixed-effects PPML fit on seeded synthetic panels of 1M and 10M rows (CSV written to a scratch directory, not the
/// repository), side by side with the OLS fit of log(1 + trade) on the same fixed effects (one weighted projection per variable) as baseline.
/// </summary>
public sealed class GravityPpmlBenchmark : IBenchmarkSuite
{
    /// <inheritdoc/>
    public string Name => "gravity-ppml";

    /// <inheritdoc/>
    public string Description => "PPML with exporter-year, importer-year and pair FE on synthetic 1M/10M-row panels; baseline OLS on the same FE. Args: [1m|10m|all] [--dir DIR]";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.StartsWith('/')) ?? "1m";
        var dirIndex = Array.IndexOf(args, "--dir");
        var dir = dirIndex >= 0 && dirIndex + 1 < args.Length ? args[dirIndex + 1] : Path.Combine(Path.GetTempPath(), "tightrope-bench");
        Directory.CreateDirectory(dir);
        var sizes = which switch
        {
            "10m" => new[] { ("10m", 500, 40, 10.0 * 1e6, 20.0) },
            "all" => [("1m", 200, 25, 1e6, 1.5), ("10m", 500, 40, 1e7, 20.0)],
            _ => [("1m", 200, 25, 1e6, 1.5)],
        };
        // Warm-up on a small panel so that the timed fits do not include JIT compilation.
        var warmPath = Path.Combine(dir, "gravity-panel-warmup.csv");
        GravityPanelGenerator.Write(warmPath, 40, 10, seed: 1);
        var warm = CsvTableReader.Read(warmPath);
        GravityEstimator.Fit(warm, "trade ~ rta | exporter^year + importer^year + pair");
        GravityEstimator.Fit(RowExpression.Derive(warm, "ltrade = log(1 + trade)"), "ltrade ~ rta | exporter^year + importer^year + pair", new EstimationOptions { Model = GravityModel.Ols });

        Console.WriteLine($"{"panel",-6} {"rows",10} {"read s",7} {"ppml s",7} {"iter",5} {"ols s",7} {"ppml/ols",8} {"target s",8} {"ppml/target",11} {"peak GB",8} {"cpu s",7} {"rta",8}");
        foreach (var (label, countries, years, _, target) in sizes)
        {
            var path = Path.Combine(dir, $"gravity-panel-{label}.csv");
            if (!File.Exists(path))
            {
                var gen = Stopwatch.StartNew();
                var written = GravityPanelGenerator.Write(path, countries, years, seed: 20_16);
                Console.WriteLine($"generated {path}: {written:N0} rows in {gen.Elapsed.TotalSeconds:F1} s");
            }

            var read = Stopwatch.StartNew();
            var table = CsvTableReader.Read(path);
            read.Stop();
            table = RowExpression.Derive(table, "ltrade = log(1 + trade)");
            GC.Collect();

            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var ppmlClock = Stopwatch.StartNew();
            var ppml = GravityEstimator.Fit(table, "trade ~ rta | exporter^year + importer^year + pair", new EstimationOptions { Tolerance = 1e-8, InnerTolerance = 1e-8 });
            ppmlClock.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e9;

            var olsClock = Stopwatch.StartNew();
            GravityEstimator.Fit(table, "ltrade ~ rta | exporter^year + importer^year + pair", new EstimationOptions { Model = GravityModel.Ols, InnerTolerance = 1e-8 });
            olsClock.Stop();

            var p = ppmlClock.Elapsed.TotalSeconds;
            var o = olsClock.Elapsed.TotalSeconds;
            Console.WriteLine($"{label,-6} {table.RowCount,10:N0} {read.Elapsed.TotalSeconds,7:F2} {p,7:F2} {ppml.Statistics.Iterations,5} {o,7:F2} {p / o,8:F2} {target,8:F1} {p / target,11:F2} {peak,8:F2} {cpu,7:F2} {ppml["rta"].Estimate,8:F4}");
            foreach (var m in ppml.Messages)
            {
                Console.WriteLine($"  {m}");
            }
        }

        Console.WriteLine($"peak = process peak working set after the PPML fit (includes the CSV table); true rta = {GravityPanelGenerator.TrueRta}; cpu = processor time of the PPML fit over all threads; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.");
        return 0;
    }
}
