using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Bench.StructuralGravity;

/// <summary>
/// Times the full-endowment step of the NAFTA application (Yotov et al. 2016, ch. 2 app. 2) two ways in one run:
/// (A) the book's iterative PPML procedure with every fit a real PPML regression by the gravity estimator (baseline),
/// and (B) the direct fixed point. Trade costs are estimated once, outside the timings.
/// </summary>
public sealed class GravityGeBenchmark : IBenchmarkSuite
{
    /// <inheritdoc/>
    public string Name => "gravity-ge";

    /// <inheritdoc/>
    public string Description => "NAFTA full-endowment GE: (A) iterative PPML with estimator regressions vs (B) direct fixed point; target B ≥ 20× faster. Args: [repeats]";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var repeats = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
        var panel = GravityPanel.Read(DataLocation.Resolve("yotov2016", "Chapter2Application2.dta"));
        var clock = Stopwatch.StartNew();
        var costs = TwoStageTradeCosts.Estimate(panel, [1986, 1990, 1994, 1998, 2002, 2006], 1994, "RTA", ["log(DIST)", "CNTG", "LANG", "CLNY"], MoneyUnit.MillionUsd);
        Console.WriteLine($"trade costs (stage 1 + stage 2): {clock.Elapsed.TotalSeconds:F2} s, β = {costs.Beta:F7}");
        var economy = new GravityEconomy(costs.Flows, costs.Costs(costs.Beta), "DEU", 7);
        var counterfactual = costs.Costs(costs.Beta, ["CAN", "MEX", "USA"]);
        var regression = RegressionConstrainedFit.Create();

        // Warm up both paths (JIT) before timing.
        var a = GravityGeModel.Solve(economy, counterfactual, FullEndowmentMethod.IterativePpml, regression);
        var b = GravityGeModel.Solve(economy, counterfactual);
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (var k = 0; k < repeats; k++)
        {
            clock.Restart();
            a = GravityGeModel.Solve(economy, counterfactual, FullEndowmentMethod.IterativePpml, regression);
            timesA.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            b = GravityGeModel.Solve(economy, counterfactual);
            timesB.Add(clock.Elapsed.TotalMilliseconds);
        }

        var mr = GravityGeModel.Solve(economy, counterfactual, FullEndowmentMethod.IterativePpml);
        var gap = a.Indicators.Zip(mr.Indicators).Max(p => GravityUncertainty.Values(p.First).Zip(GravityUncertainty.Values(p.Second)).Max(v => Math.Abs(v.First - v.Second)));
        var medianA = Median(timesA);
        var medianB = Median(timesB);
        Console.WriteLine($"{"method",-52} {"median ms",10} {"min ms",9} {"outer",6}");
        Console.WriteLine($"{"(A) iterative PPML, estimator regressions (baseline)",-52} {medianA,10:F1} {timesA.Min(),9:F1} {a.Iterations,6}");
        Console.WriteLine($"{"(B) direct fixed point",-52} {medianB,10:F1} {timesB.Min(),9:F1} {b.Iterations,6}");
        Console.WriteLine($"ratio A/B (median) = {medianA / medianB:F1}×  (target ≥ 20×)");
        Console.WriteLine($"(A) with regressions vs (A) with the resistance system: largest indicator gap {gap:E2} pp; CAN Xi_FULL (A) {a.For("CAN").ChangeXiFull:F4}, (B) {b.For("CAN").ChangeXiFull:F4}");
        Console.WriteLine($"{repeats} repeats after one warm-up each; both times include the baseline and conditional resistance solves; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }
}
