using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Timeline;

/// <summary>One tracker date solved on both paths.</summary>
/// <param name="Date">The tracker date.</param>
/// <param name="Actual">The matrix in force and its provenance.</param>
/// <param name="ActualResult">The equilibrium of the actual path.</param>
/// <param name="ThreatIncrement">How much every standing threat, carried out, adds to the effective US rate on Mexico (fraction).</param>
/// <param name="ThreatResult">The equilibrium of the threat path (the actual result when the increment is 0).</param>
public sealed record TimelinePoint(DateOnly Date, DatedTariffs Actual, TariffEquilibriumResult ActualResult, double ThreatIncrement, TariffEquilibriumResult ThreatResult);

/// <summary>A tracker date inside a postponement's window, valued with that episode's threat alone.</summary>
/// <param name="Date">The tracker date.</param>
/// <param name="Days">Days of the window during which this date's rates were in force.</param>
/// <param name="MexicoRateActual">Effective US rate on Mexico in force (fraction).</param>
/// <param name="MexicoRateThreat">The same with the episode's threat carried out.</param>
/// <param name="WelfareActualPct">Mexico's welfare change, actual path, %.</param>
/// <param name="WelfareThreatPct">Mexico's welfare change with the threat carried out, %.</param>
/// <param name="ValueMexicoUsdBn">V_MEX(actual) − V_MEX(threat), USD bn a year.</param>
/// <param name="ValueUsaUsdBn">V_USA(actual) − V_USA(threat), USD bn a year.</param>
public sealed record CoveredDate(DateOnly Date, int Days, double MexicoRateActual, double MexicoRateThreat, double WelfareActualPct, double WelfareThreatPct, double ValueMexicoUsdBn, double ValueUsaUsdBn);

/// <summary>What one postponement was worth: its window, the dates it covers and day-weighted values.</summary>
/// <param name="Episode">The threat's episode.</param>
/// <param name="Postponement">The postponement row.</param>
/// <param name="From">Window start (the postponement date).</param>
/// <param name="Until">Window end, exclusive (next postponement or imposition, the episode's end, or null when open).</param>
/// <param name="Dates">Tracker dates in force during the window.</param>
/// <param name="Concessions">What Mexico gave around it.</param>
/// <param name="Demand">D* for the threat when a coercion model is wired in, else null.</param>
public sealed record PostponementValue(
    Episode Episode, TimelineEvent Postponement, DateOnly From, DateOnly? Until, IReadOnlyList<CoveredDate> Dates,
    IReadOnlyList<AttachedConcession> Concessions, ThreatDemand? Demand)
{
    /// <summary>Days of the window covered by tracker dates.</summary>
    public int Days => Dates.Sum(d => d.Days);

    private double Mean(Func<CoveredDate, double> f) => Days == 0 ? double.NaN : Dates.Sum(d => d.Days * f(d)) / Days;

    /// <summary>Day-weighted mean of the effective US rate on Mexico in force.</summary>
    public double MexicoRateActual => Mean(d => d.MexicoRateActual);

    /// <summary>Day-weighted mean of the effective rate with the threat carried out.</summary>
    public double MexicoRateThreat => Mean(d => d.MexicoRateThreat);

    /// <summary>Day-weighted mean welfare change of Mexico, actual path, %.</summary>
    public double WelfareActualPct => Mean(d => d.WelfareActualPct);

    /// <summary>Day-weighted mean welfare change of Mexico with the threat carried out, %.</summary>
    public double WelfareThreatPct => Mean(d => d.WelfareThreatPct);

    /// <summary>Value of the postponement for Mexico at annual rates, USD bn (day-weighted mean over the window).</summary>
    public double ValueMexicoUsdBn => Mean(d => d.ValueMexicoUsdBn);

    /// <summary>Value for the US at annual rates, USD bn (positive: the postponement helped the US too).</summary>
    public double ValueUsaUsdBn => Mean(d => d.ValueUsaUsdBn);

    /// <summary>Value for Mexico accumulated over the window, USD bn (annual rate × days / 365).</summary>
    public double ValueMexicoWindowUsdBn => Dates.Sum(d => d.ValueMexicoUsdBn * d.Days / 365.0);
}

/// <summary>Solver work of a run.</summary>
/// <param name="Solves">Equilibria solved.</param>
/// <param name="Reused">Threat-path points that needed no solve (no threat standing, or the same matrix solved already).</param>
/// <param name="NewtonIterations">Newton iterations over all solves.</param>
/// <param name="Elapsed">Wall time of all solves.</param>
public sealed record TimelineSolveStats(int Solves, int Reused, int NewtonIterations, TimeSpan Elapsed);

/// <summary>Everything a timeline run produced.</summary>
public sealed record TimelineResult(
    TimelineSpec Spec,
    OneSectorBaseline Baseline,
    IReadOnlyList<TimelinePoint> Points,
    IReadOnlyList<Episode> Episodes,
    IReadOnlyList<PostponementValue> Postponements,
    IReadOnlyList<TimelineEvent> Events,
    IReadOnlyList<TimelineEvent> UnattachedConcessions,
    IReadOnlyList<string> Notes,
    TimelineSolveStats Stats,
    string? DemandMethod);

/// <summary>
/// Solves the 2025–26 timeline (tightrope-linkage.md §7): the actual path at every tracker date, the threat path, and
/// what each postponement was worth. Each date is warm-started from the previous one on the same path.
/// </summary>
public static class TimelineEngine
{
    /// <summary>Runs the timeline on a baseline built once by the caller.</summary>
    /// <param name="baseline">The one-sector baseline (load it once; warm starts need the same object).</param>
    /// <param name="tracker">The tracker's rates.</param>
    /// <param name="events">The US–Mexico events.</param>
    /// <param name="spec">Rules and inputs.</param>
    /// <param name="demand">The coercion model giving D* per postponement, or null to report the episodes without it.</param>
    /// <param name="eventsFile">Name of the events file, for errors.</param>
    public static TimelineResult Run(
        OneSectorBaseline baseline, TrackerTable tracker, IReadOnlyList<TimelineEvent> events, TimelineSpec spec,
        IThreatDemand? demand = null, string eventsFile = "events.csv")
    {
        spec.Validate();
        var notes = new List<string>();
        var actual = ActualPath.Build(baseline, tracker, spec, notes);
        var episodes = EpisodeBuilder.Build(events, eventsFile);
        var threats = new ThreatPath(episodes, spec.ComplianceShare);
        var counter = new SolveCounter();
        var clock = Stopwatch.StartNew();

        var actualResults = SolvePath(baseline, actual.Select(a => a.Tariffs).ToList(), spec.Parameters, counter);
        var cache = new Dictionary<(int, double), TariffEquilibriumResult>();
        var mex = baseline.Countries.Require("MEX");
        var usa = baseline.UnitedStates;

        // Equal matrices (same date, same increment) are solved once, whichever path asks.
        TariffEquilibriumResult ThreatResult(int k, double increment, TariffEquilibriumResult warm)
        {
            if (increment <= 0)
            {
                counter.Reused++;
                return actualResults[k];
            }

            if (cache.TryGetValue((k, increment), out var hit))
            {
                counter.Reused++;
                return hit;
            }

            var tariffs = WithMexicoRate(actual[k].Tariffs, mex, usa, actual[k].Tariffs[mex, usa] + increment);
            var result = counter.Solve(baseline, tariffs, spec.Parameters, warm);
            cache[(k, increment)] = result;
            return result;
        }

        // One threat path per episode (for its value) and one with every threat (for the timeline).
        IReadOnlyList<(double Increment, TariffEquilibriumResult Result)> SolveThreats(IReadOnlyList<Episode> set)
        {
            var results = new List<(double, TariffEquilibriumResult)>(actual.Count);
            TariffEquilibriumResult? previous = null;
            for (var k = 0; k < actual.Count; k++)
            {
                var increment = threats.Increment(actual[k].Date, set);
                var result = ThreatResult(k, increment, previous ?? actualResults[k]);
                if (increment > 0)
                {
                    previous = result;
                }

                results.Add((Math.Max(0, increment), result));
            }

            return results;
        }

        var combined = SolveThreats(episodes);
        var points = actual.Select((a, k) => new TimelinePoint(a.Date, a, actualResults[k], combined[k].Increment, combined[k].Result)).ToList();
        var (concessions, unattached) = EpisodeBuilder.AttachConcessions(episodes, events, spec.ConcessionWindowDays);
        var values = new List<PostponementValue>();
        // The data say nothing after the last tracker date: it counts for one day.
        var horizon = actual[^1].Date.AddDays(1);
        foreach (var episode in episodes)
        {
            var alone = SolveThreats([episode]);
            foreach (var p in episode.Postponements)
            {
                var (from, until) = episode.Window(p);
                var covered = new List<CoveredDate>();
                var windowEnd = until ?? horizon;
                for (var k = 0; k < actual.Count; k++)
                {
                    var start = actual[k].Date;
                    var end = k + 1 < actual.Count ? actual[k + 1].Date : horizon;
                    var lo = start > from ? start : from;
                    var hi = end < windowEnd ? end : windowEnd;
                    var days = hi.DayNumber - lo.DayNumber;
                    if (days <= 0)
                    {
                        continue;
                    }

                    // The threat may start inside this date's period: its increment is taken where the overlap starts.
                    var increment = Math.Max(0, threats.Increment(lo, [episode]));
                    var a = actualResults[k];
                    var t = ThreatResult(k, increment, alone[k].Increment > 0 ? alone[k].Result : a);
                    var wa = a.Outcomes[mex].WelfarePct;
                    var wt = t.Outcomes[mex].WelfarePct;
                    covered.Add(new CoveredDate(
                        start, days, actual[k].Tariffs[mex, usa], actual[k].Tariffs[mex, usa] + increment, wa, wt,
                        TimelineMoney.ValueUsdBn(baseline, mex, wa) - TimelineMoney.ValueUsdBn(baseline, mex, wt),
                        TimelineMoney.ValueUsdBn(baseline, usa, a.Outcomes[usa].WelfarePct) - TimelineMoney.ValueUsdBn(baseline, usa, t.Outcomes[usa].WelfarePct)));
                }

                ThreatDemand? answer = null;
                if (demand is not null && covered.Count > 0)
                {
                    var k = actual.ToList().FindIndex(x => x.Date == covered[0].Date);
                    answer = demand.Demand(new ThreatDemandQuery(
                        baseline, spec.Parameters, actual[k].Date, actual[k].Tariffs, actualResults[k],
                        covered[0].MexicoRateActual, covered[0].MexicoRateThreat, episode, p));
                }

                values.Add(new PostponementValue(episode, p, from, until, covered, concessions[p], answer));
            }
        }

        clock.Stop();
        if (unattached.Count > 0)
        {
            notes.Add($"Concessions more than {spec.ConcessionWindowDays} days from every postponement (listed, not attached): " +
                      string.Join("; ", unattached.Select(c => $"{c.Date:yyyy-MM-dd} {c.Concession ?? c.Description}")));
        }

        return new TimelineResult(spec, baseline, points, episodes, values, events, unattached, notes,
            new TimelineSolveStats(counter.Solves, counter.Reused, counter.Iterations, clock.Elapsed), demand?.Name);
    }

    /// <summary>Solves a sequence of matrices in order, each warm-started from the previous solution.</summary>
    public static IReadOnlyList<TariffEquilibriumResult> SolvePath(OneSectorBaseline baseline, IReadOnlyList<BilateralTariffs> path, TariffModelParameters? parameters = null) =>
        SolvePath(baseline, path, parameters ?? TariffModelParameters.Default, new SolveCounter());

    private static List<TariffEquilibriumResult> SolvePath(OneSectorBaseline baseline, IReadOnlyList<BilateralTariffs> path, TariffModelParameters parameters, SolveCounter counter)
    {
        var results = new List<TariffEquilibriumResult>(path.Count);
        TariffEquilibriumResult? previous = null;
        foreach (var tariffs in path)
        {
            previous = counter.Solve(baseline, tariffs, parameters, previous);
            results.Add(previous);
        }

        return results;
    }

    /// <summary>A copy of <paramref name="tariffs"/> with the US rate on Mexico set to <paramref name="rate"/>.</summary>
    internal static BilateralTariffs WithMexicoRate(BilateralTariffs tariffs, int mex, int usa, double rate)
    {
        var values = tariffs.Values.ToArray();
        values[(mex * tariffs.Countries.Count) + usa] = rate;
        return new BilateralTariffs(tariffs.Countries, values);
    }

    private sealed class SolveCounter
    {
        public int Solves;
        public int Reused;
        public int Iterations;

        public TariffEquilibriumResult Solve(OneSectorBaseline baseline, BilateralTariffs tariffs, TariffModelParameters parameters, TariffEquilibriumResult? warm)
        {
            var r = TariffModel.Solve(baseline, tariffs, parameters, warmStart: warm);
            Solves++;
            Iterations += r.Diagnostics.Solver.Iterations;
            return r;
        }
    }
}
