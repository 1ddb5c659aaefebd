using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

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

/// <summary>How a timeline run solves; the result does not depend on it beyond the solver's tolerance.</summary>
/// <param name="WarmStart">Start each solve from the previous solution of its path (else from ones).</param>
/// <param name="Parallel">Solve the actual path and the threat paths on two threads.</param>
public sealed record TimelineEngineOptions(bool WarmStart = true, bool Parallel = true)
{
    /// <summary>Warm starts on two threads.</summary>
    public static TimelineEngineOptions Default { get; } = new();
}

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
    /// <param name="options">How to solve (warm starts, two threads); the defaults are the fast way.</param>
    public static TimelineResult Run(
        OneSectorBaseline baseline, TrackerTable tracker, IReadOnlyList<TimelineEvent> events, TimelineSpec spec,
        IThreatDemand? demand = null, string eventsFile = "events.csv", TimelineEngineOptions? options = null)
    {
        options ??= TimelineEngineOptions.Default;
        spec.Validate();
        var notes = new List<string>();
        var actual = ActualPath.Build(baseline, tracker, spec, notes);
        var episodes = EpisodeBuilder.Build(events, eventsFile);
        var threats = new ThreatPath(episodes, spec.ComplianceShare);
        var mex = baseline.Countries.Require("MEX");
        var usa = baseline.UnitedStates;
        var clock = Stopwatch.StartNew();

        // Plan: the threat-path points every table needs, as chains in date order (each point warm-starts from the
        // previous one of its chain). The timeline's chain carries every threat; each episode's chain only its own,
        // with a point where the episode's threat starts inside a date's period (valued from that day).
        var horizon = actual[^1].Date.AddDays(1);
        var combined = actual.Select(a => Math.Max(0, threats.Increment(a.Date, episodes))).ToArray();
        var chains = new List<List<(int K, double Increment)>> { Chain(combined.Select((inc, k) => (k, inc))) };
        var windows = new Dictionary<TimelineEvent, List<(int K, DateOnly Start, int Days, double Increment)>>();
        foreach (var episode in episodes)
        {
            var chain = new List<(int, double)>();
            foreach (var p in episode.Postponements)
            {
                var (from, until) = episode.Window(p);
                var windowEnd = until ?? horizon;
                var covered = new List<(int, DateOnly, int, double)>();
                for (var k = 0; k < actual.Count; k++)
                {
                    var start = actual[k].Date;
                    var end = k + 1 < actual.Count ? actual[k + 1].Date : horizon;
                    var lo = start > from ? start : from;
                    var hi = end < windowEnd ? end : windowEnd;
                    if (hi.DayNumber - lo.DayNumber > 0)
                    {
                        var increment = Math.Max(0, threats.Increment(lo, [episode]));
                        covered.Add((k, start, hi.DayNumber - lo.DayNumber, increment));
                        chain.Add((k, increment));
                    }
                }

                windows[p] = covered;
            }

            chains.Add(Chain(chain));
        }

        // Solve: the actual path on one thread, the threat chains on another (a chain's points depend only on each
        // other, so the results do not depend on timing); equal matrices are solved once.
        var counter = new SolveCounter();
        var cache = new Dictionary<(int, double), TariffEquilibriumResult>();
        IReadOnlyList<TariffEquilibriumResult> actualResults = [];
        counter.WarmStart = options.WarmStart;
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel ? 2 : 1 },
            () => actualResults = SolvePath(baseline, actual.Select(a => a.Tariffs).ToList(), spec.Parameters, spec.SolverOptions, counter),
            () =>
            {
                foreach (var chain in chains)
                {
                    TariffEquilibriumResult? previous = null;
                    foreach (var (k, increment) in chain)
                    {
                        if (!cache.TryGetValue((k, increment), out var result))
                        {
                            var tariffs = WithMexicoRate(actual[k].Tariffs, mex, usa, actual[k].Tariffs[mex, usa] + increment);
                            result = counter.Solve(baseline, tariffs, spec.Parameters, spec.SolverOptions, previous);
                            cache[(k, increment)] = result;
                        }

                        previous = result;
                    }
                }
            });

        TariffEquilibriumResult ThreatResult(int k, double increment)
        {
            return increment > 0 ? cache[(k, increment)] : actualResults[k];
        }

        var points = actual.Select((a, k) => new TimelinePoint(a.Date, a, actualResults[k], combined[k], ThreatResult(k, combined[k]))).ToList();
        var (concessions, unattached) = EpisodeBuilder.AttachConcessions(episodes, events, spec.ConcessionWindowDays);
        var values = new List<PostponementValue>();
        foreach (var episode in episodes)
        {
            foreach (var p in episode.Postponements)
            {
                var (from, until) = episode.Window(p);
                var covered = windows[p].Select(w =>
                {
                    var a = actualResults[w.K];
                    var t = ThreatResult(w.K, w.Increment);
                    var (wa, wt) = (a.Outcomes[mex].WelfarePct, t.Outcomes[mex].WelfarePct);
                    var rate = actual[w.K].Tariffs[mex, usa];
                    return new CoveredDate(
                        w.Start, w.Days, rate, rate + w.Increment, wa, wt,
                        TimelineMoney.ValueUsdBn(baseline, mex, wa) - TimelineMoney.ValueUsdBn(baseline, mex, wt),
                        TimelineMoney.ValueUsdBn(baseline, usa, a.Outcomes[usa].WelfarePct) - TimelineMoney.ValueUsdBn(baseline, usa, t.Outcomes[usa].WelfarePct));
                }).ToList();

                ThreatDemand? answer = null;
                if (demand is not null && covered.Count > 0)
                {
                    var k = windows[p][0].K;
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

        var reused = (2 * actual.Count) + windows.Values.Sum(w => w.Count) - counter.Solves;
        return new TimelineResult(spec, baseline, points, episodes, values, events, unattached, notes,
            new TimelineSolveStats(counter.Solves, reused, counter.Iterations, clock.Elapsed), demand?.Name);
    }

    /// <summary>The points with a threat standing (increment &gt; 0), in date order, without repeats.</summary>
    private static List<(int K, double Increment)> Chain(IEnumerable<(int K, double Increment)> points) =>
        [.. points.Where(p => p.Increment > 0).Distinct().OrderBy(p => p.K)];

    /// <summary>Solves a sequence of matrices in order, each warm-started from the previous solution.</summary>
    public static IReadOnlyList<TariffEquilibriumResult> SolvePath(
        OneSectorBaseline baseline, IReadOnlyList<PairMatrix> path, TariffModelParameters? parameters = null, SolverOptions? solverOptions = null) =>
        SolvePath(baseline, path, parameters ?? TariffModelParameters.Default, solverOptions ?? TimelineSpec.DefaultSolverOptions, new SolveCounter());

    private static List<TariffEquilibriumResult> SolvePath(
        OneSectorBaseline baseline, IReadOnlyList<PairMatrix> path, TariffModelParameters parameters, SolverOptions options, SolveCounter counter)
    {
        var results = new List<TariffEquilibriumResult>(path.Count);
        TariffEquilibriumResult? previous = null;
        foreach (var tariffs in path)
        {
            previous = counter.Solve(baseline, tariffs, parameters, options, previous);
            results.Add(previous);
        }

        return results;
    }

    /// <summary>A copy of <paramref name="tariffs"/> with the US rate on Mexico set to <paramref name="rate"/>.</summary>
    internal static PairMatrix WithMexicoRate(PairMatrix tariffs, int mex, int usa, double rate)
    {
        var values = tariffs.Values.ToArray();
        values[(mex * tariffs.Countries.Count) + usa] = rate;
        return PairMatrix.Rates(tariffs.Countries, values);
    }

    /// <summary>Counts solves and Newton iterations; two threads solve at once, so the counts are updated atomically.</summary>
    private sealed class SolveCounter
    {
        private int _solves;
        private int _iterations;

        public int Solves => _solves;

        public int Iterations => _iterations;

        public bool WarmStart { get; set; } = true;

        public TariffEquilibriumResult Solve(OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters parameters, SolverOptions options, TariffEquilibriumResult? warm)
        {
            // The zero matrix is the baseline itself, whose exact solution is the cold start (all ones): starting there
            // returns exactly zero changes, where a warm start would stop at the solver's rounding floor.
            var r = TariffModel.Solve(baseline, tariffs, parameters, options, warmStart: WarmStart && !tariffs.IsZero ? warm : null);
            Interlocked.Increment(ref _solves);
            Interlocked.Add(ref _iterations, r.Diagnostics.Solver.Iterations);
            return r;
        }
    }
}
