using System.Diagnostics;
using Tightrope.Bargaining;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Bargaining.Sensitivity;

namespace Tightrope.Scenarios.Bargaining;

/// <summary>
/// A loaded stakeholder set, for solving many variants of a bargaining spec cheaply (another model, round count,
/// capitulation test, stopping rule or sensitivity analysis, or edited stakes): the set is read once.
/// </summary>
public sealed class BargainingSession
{
    private BargainingSession(BargainingSpec spec, StakeholderSet set)
    {
        Spec = spec;
        Set = set;
    }

    /// <summary>The spec the session was loaded for.</summary>
    public BargainingSpec Spec { get; }

    /// <summary>The stakeholder set every solve runs on unless given another.</summary>
    public StakeholderSet Set { get; }

    /// <summary>Loads the stakeholder set <paramref name="spec"/> names, recording the file read in <paramref name="options"/>.</summary>
    public static BargainingSession Load(BargainingSpec spec, RunOptions options) => new(spec, spec.Stakeholders switch
    {
        InlineStakeholders inline => inline.Set,
        StakeholderFile file => file.Load(options.ResolveDataRoot(), options),
        _ => throw new ArgumentException($"Unknown stakeholder source {spec.Stakeholders.GetType().Name}."),
    });

    /// <summary>A session on a set built elsewhere (a bare CSV, or a set edited by a caller), with <paramref name="spec"/>'s options.</summary>
    public static BargainingSession FromSet(BargainingSpec spec, StakeholderSet set) => new(spec, set);

    /// <summary>
    /// The spec's options together with its stakeholder set, as the report and CLI take them: <paramref name="set"/> when
    /// given, else the set written in the spec, else the session's loaded set (the spec must then name the session's file).
    /// </summary>
    public BargainingSetup Setup(BargainingSpec spec, StakeholderSet? set = null)
    {
        set ??= spec.Stakeholders switch
        {
            InlineStakeholders inline => inline.Set,
            StakeholderFile file when Spec.Stakeholders is StakeholderFile mine && file.DataPath == mine.DataPath => Set,
            _ => throw new ArgumentException($"The spec's stakeholders ({Describe(spec.Stakeholders)}) are not the session's ({Describe(Spec.Stakeholders)}); load a session for them."),
        };
        return new BargainingSetup(spec.Title, set, spec.Model, spec.Bdm, spec.Exchange, spec.Sensitivity, spec.Sources) { Anchors = spec.Anchors, Stopping = spec.Stopping };
    }

    /// <summary>
    /// Solves <paramref name="spec"/> on its stakeholder set (see <see cref="Setup"/>), or on <paramref name="set"/> when
    /// given (e.g. the loaded set with edited positions or saliences).
    /// </summary>
    public BargainingResult Solve(BargainingSpec spec, StakeholderSet? set = null) => BargainingResult.Solve(Setup(spec, set));

    private static string Describe(BargainingStakeholders s) => s is StakeholderFile f ? $"data file {f.DataPath}" : "written in the scenario";
}

/// <summary>
/// A solved bargaining run: each issue's round-by-round path, the forecasts (with the stopping rule's verdicts when it
/// was used), the model's own record (accepted offers or realised exchanges), and the sensitivity analysis if asked for.
/// </summary>
/// <param name="Setup">What was solved.</param>
/// <param name="Paths">Paths[d][t][k]: issue d's stake k's position after round t (t = 0 the input; the exchange model's voting positions).</param>
/// <param name="Forecasts">Per-issue forecast, in the set's issue order.</param>
/// <param name="Initial">Per-issue weighted median and mean of the input positions.</param>
/// <param name="Stopped">How each forecast was reached under the stopping rule; null under R1's fixed round count.</param>
/// <param name="Bdm">Expected-utility result per issue; null for the exchange model.</param>
/// <param name="Exchange">Exchange-model result; null for the expected-utility model.</param>
/// <param name="Sensitivity">Sensitivity analysis; null when none was asked for.</param>
/// <param name="ModelTime">Time spent on the model and forecast.</param>
/// <param name="SensitivityTime">Time spent on the sensitivity analysis.</param>
public sealed record BargainingResult(
    BargainingSetup Setup,
    IReadOnlyList<IReadOnlyList<double[]>> Paths,
    IReadOnlyList<IssueForecast> Forecasts,
    IReadOnlyList<IssueForecast> Initial,
    IReadOnlyList<StoppedForecast>? Stopped,
    IReadOnlyList<BdmResult>? Bdm,
    ExchangeResult? Exchange,
    SensitivityResult? Sensitivity,
    TimeSpan ModelTime,
    TimeSpan SensitivityTime)
{
    /// <summary>The forecast of the issue with id <paramref name="issue"/>; throws naming the known ids for an unknown one.</summary>
    public IssueForecast Forecast(string issue) =>
        Forecasts.FirstOrDefault(f => f.Issue == issue)
        ?? throw new ArgumentException($"No issue '{issue}'; known: {string.Join(", ", Forecasts.Select(f => f.Issue))}.");

    /// <summary>Runs the model (and the sensitivity analysis when configured) on <paramref name="setup"/>.</summary>
    public static BargainingResult Solve(BargainingSetup setup)
    {
        var set = setup.Set;
        var watch = Stopwatch.StartNew();
        IReadOnlyList<BdmResult>? bdm = null;
        ExchangeResult? exchange = null;
        IReadOnlyList<IReadOnlyList<double[]>> paths;
        if (setup.Model == BargainingModelKind.Bdm)
        {
            bdm = set.Issues.Select(i => BdmModel.Run(i, setup.Bdm)).ToList();
            paths = bdm.Select(r => r.Positions).ToList();
        }
        else
        {
            exchange = ExchangeModel.Run(set, setup.Exchange);
            paths = Forecaster.Paths(set, exchange);
        }

        IReadOnlyList<StoppedForecast>? stopped = null;
        IReadOnlyList<IssueForecast> forecasts;
        if (setup.Stopping is { } rule)
        {
            var minRounds = setup.Model == BargainingModelKind.Bdm ? setup.Bdm.Rounds : setup.Exchange.Rounds;
            stopped = StoppingRule.Forecasts(set, setup.Model, setup.Bdm, setup.Exchange, minRounds, rule);
            forecasts = stopped.Select(f => f.Forecast).ToList();
        }
        else
        {
            forecasts = Forecaster.Forecasts(set, paths);
        }

        var modelTime = watch.Elapsed;
        var initial = Forecaster.Forecasts(set, paths.Select(p => (IReadOnlyList<double[]>)[p[0]]).ToList());
        SensitivityResult? sensitivity = null;
        var sensitivityTime = TimeSpan.Zero;
        if (setup.Sensitivity is { } options)
        {
            watch.Restart();
            sensitivity = SensitivityAnalysis.Run(set, options);
            sensitivityTime = watch.Elapsed;
        }

        return new BargainingResult(setup, paths, forecasts, initial, stopped, bdm, exchange, sensitivity, modelTime, sensitivityTime);
    }
}
