using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;

namespace Tightrope.Bargaining;

/// <summary>
/// Settings of the stopping rule that replaces a fixed round count: run at least the requested rounds, then continue
/// until the positions converge or repeat with a period, up to <see cref="MaxRounds"/>.
/// </summary>
public sealed record StoppingRuleOptions
{
    /// <summary>Positions closer than this fraction of the issue's range count as equal.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>How many consecutive rounds (convergence) or extra periods (cycle) must confirm a detection.</summary>
    public int Confirmations { get; init; } = 3;

    /// <summary>Longest cycle looked for.</summary>
    public int MaxPeriod { get; init; } = 24;

    /// <summary>Rounds after which the rule gives up and averages the last <see cref="FallbackWindow"/> rounds, with a warning.</summary>
    public int MaxRounds { get; init; } = 256;

    /// <summary>Rounds averaged when neither convergence nor a cycle is found.</summary>
    public int FallbackWindow { get; init; } = 64;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!(Tolerance > 0) || MaxPeriod < 1 || MaxRounds < 2 || FallbackWindow < 1)
        {
            throw new ArgumentException($"stopping rule: tolerance must be > 0 and maxPeriod, maxRounds, fallbackWindow positive (got {Tolerance}, {MaxPeriod}, {MaxRounds}, {FallbackWindow}).");
        }
    }
}

/// <summary>How a run ended under the stopping rule.</summary>
public enum StopKind
{
    /// <summary>Positions stopped changing: the forecast is the fixed point.</summary>
    Converged,

    /// <summary>Positions repeat with a period: the forecast averages the cycle's points.</summary>
    Cycle,

    /// <summary>Neither within the round limit: the forecast averages the last rounds.</summary>
    Undetermined,
}

/// <summary>One issue's forecast under the stopping rule.</summary>
/// <param name="Forecast">Median of the actors' positions averaged over the cycle (the fixed point when converged) and the mean of the cycle's c·s-weighted means.</param>
/// <param name="Kind">How the run ended.</param>
/// <param name="StoppedAt">Round at which the rule stopped.</param>
/// <param name="Period">Cycle period (1 when converged).</param>
/// <param name="CycleMedians">Weighted median at each point of the cycle (one value when converged).</param>
/// <param name="CycleMeans">Weighted mean at each point of the cycle.</param>
/// <param name="Warning">Set for a cycle or an undetermined run.</param>
public sealed record StoppedForecast(IssueForecast Forecast, StopKind Kind, int StoppedAt, int Period, IReadOnlyList<double> CycleMedians, IReadOnlyList<double> CycleMeans, string? Warning);

/// <summary>
/// The default forecast rule: instead of reading the positions after a fixed number of rounds (which, when the model
/// cycles, makes the forecast flip with the parity of the round count), detect convergence or a cycle and forecast
/// from the fixed point or the whole cycle.
/// </summary>
public static class StoppingRule
{
    /// <summary>Analyses one issue's path (Positions[t][k]) from round <paramref name="minRounds"/> on; null when the path is too short to decide.</summary>
    public static StoppedForecast? Detect(IssueStakes issue, IReadOnlyList<double[]> path, int minRounds, StoppingRuleOptions options, bool final)
    {
        var tol = options.Tolerance * (issue.Issue.Upper - issue.Issue.Lower);
        var c = issue.Capabilities();
        var s = issue.Saliences();
        var start = Math.Max(1, minRounds);
        for (var t = start; t < path.Count; t++)
        {
            var steady = t >= options.Confirmations;
            for (var j = 0; j < options.Confirmations && steady; j++)
            {
                steady = Close(path[t - j], path[t - j - 1], tol);
            }

            if (steady)
            {
                var x = path[t];
                var median = WeightedStats.Median(c, s, x);
                var mean = WeightedStats.Mean(c, s, x);
                return new StoppedForecast(new IssueForecast(issue.Issue.Id, median, mean), StopKind.Converged, t, 1, [median], [mean], null);
            }

            for (var p = 2; p <= options.MaxPeriod && t - ((options.Confirmations + 1) * p) + 1 >= 0; p++)
            {
                // A cycle: each of the last Confirmations·p states equals the state p rounds before it.
                var repeats = true;
                for (var j = 0; j < options.Confirmations * p && repeats; j++)
                {
                    repeats = Close(path[t - j], path[t - j - p], tol);
                }

                if (repeats)
                {
                    return FromWindow(issue, path, t, p, StopKind.Cycle, c, s, t - ((options.Confirmations + 1) * p) + 1);
                }
            }
        }

        if (!final)
        {
            return null;
        }

        var window = Math.Min(options.FallbackWindow, path.Count - 1);
        return FromWindow(issue, path, path.Count - 1, Math.Max(1, window), StopKind.Undetermined, c, s, 0);
    }

    /// <summary>
    /// Runs a model on every issue under the stopping rule: at least <paramref name="minRounds"/> rounds, doubling the
    /// horizon until every issue has converged or cycled, up to <see cref="StoppingRuleOptions.MaxRounds"/>.
    /// </summary>
    public static IReadOnlyList<StoppedForecast> Forecasts(StakeholderSet set, BargainingModelKind model, BdmOptions bdm, ExchangeOptions exchange, int minRounds, StoppingRuleOptions options)
    {
        options.Validate();
        var results = new StoppedForecast?[set.Issues.Count];
        var horizon = Math.Max(minRounds + 2, 32);
        while (true)
        {
            var final = horizon >= options.MaxRounds;
            horizon = Math.Min(horizon, options.MaxRounds);
            var open = Enumerable.Range(0, set.Issues.Count).Where(d => results[d] is null).ToList();
            if (model == BargainingModelKind.Bdm)
            {
                // Issues are bargained separately, so only the undecided ones are rerun.
                foreach (var d in open)
                {
                    var path = BdmModel.Run(set.Issues[d], bdm with { Rounds = horizon, StopWhenNoMoves = false }).Positions;
                    results[d] = Detect(set.Issues[d], path, minRounds, options, final);
                }
            }
            else
            {
                var paths = Forecaster.Paths(set, model, bdm, exchange with { Rounds = horizon, StopWhenNoExchanges = false });
                foreach (var d in open)
                {
                    results[d] = Detect(set.Issues[d], paths[d], minRounds, options, final);
                }
            }

            if (results.All(r => r is not null))
            {
                return results!;
            }

            horizon *= 2;
        }
    }

    private static StoppedForecast FromWindow(IssueStakes issue, IReadOnlyList<double[]> path, int t, int p, StopKind kind, double[] c, double[] s, int firstRound)
    {
        var n = path[t].Length;
        var average = new double[n];
        var medians = new List<double>();
        var means = new List<double>();
        for (var j = p - 1; j >= 0; j--)
        {
            var x = path[t - j];
            for (var k = 0; k < n; k++)
            {
                average[k] += x[k] / p;
            }

            medians.Add(WeightedStats.Median(c, s, x));
            means.Add(WeightedStats.Mean(c, s, x));
        }

        var forecast = new IssueForecast(issue.Issue.Id, WeightedStats.Median(c, s, average), means.Average());
        var warning = kind == StopKind.Cycle
            ? $"issue {issue.Issue.Id}: the positions cycle with period {p} (from round {firstRound}); the weighted median moves between {string.Join(", ", medians.Select(m => m.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}. The forecast uses the average over the cycle; a fixed round count would pick one of these points by its parity."
            : $"issue {issue.Issue.Id}: no convergence or cycle within {t} rounds; the forecast averages the last {p} rounds.";
        return new StoppedForecast(forecast, kind, t, p, medians, means, warning);
    }

    private static bool Close(double[] a, double[] b, double tol)
    {
        for (var k = 0; k < a.Length; k++)
        {
            if (Math.Abs(a[k] - b[k]) > tol)
            {
                return false;
            }
        }

        return true;
    }
}
