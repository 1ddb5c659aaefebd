using System.Collections.Concurrent;

namespace Tightrope.Scenarios;

/// <summary>
/// A model that solves many edited copies of one scenario fast (sweeps): data loaded once, buffers reused, each
/// solve warm-started from a neighbour's solution. Models without it are swept through <see cref="IScenarioModel.Run"/>.
/// </summary>
public interface ISweepableScenarioModel : IScenarioModel
{
    /// <summary>Per-economy outcome columns a point solve can return.</summary>
    IReadOnlyList<string> OutcomeNames { get; }

    /// <summary>A solver for one thread; <paramref name="cache"/> is shared by every thread of the sweep.</summary>
    IScenarioPointSolver CreatePointSolver(RunOptions options, ScenarioDataCache cache);
}

/// <summary>Solves sweep points of one model on one thread.</summary>
public interface IScenarioPointSolver
{
    /// <summary>
    /// Solves the edited scenario and returns the requested outcomes for every economy, or null when this scenario
    /// needs the model's full run (e.g. a variant the fast path does not cover). <paramref name="neighbour"/> is the
    /// warm state of a solved neighbour (from <see cref="ScenarioPointResult.WarmState"/>), or null at the start of a
    /// block; the result must depend only on the scenario and <paramref name="neighbour"/>, never on earlier calls.
    /// </summary>
    ScenarioPointResult? TrySolve(ScenarioDocument scenario, IReadOnlyList<string> outcomes, object? neighbour);
}

/// <summary>Outcomes of one sweep point.</summary>
/// <param name="Economies">Row keys (ISO3 codes for country models).</param>
/// <param name="Values">Economy-major: value of outcome o for economy e at e·outcomes + o.</param>
/// <param name="WarmState">What a neighbouring point may start from (model-specific), or null.</param>
public sealed record ScenarioPointResult(IReadOnlyList<string> Economies, double[] Values, object? WarmState);

/// <summary>Data shared by the threads of one sweep (loaded data sets, baselines), built once per key.</summary>
public sealed class ScenarioDataCache
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _items = new(StringComparer.Ordinal);

    /// <summary>The item for <paramref name="key"/>, built by <paramref name="factory"/> on first use.</summary>
    public T GetOrAdd<T>(string key, Func<T> factory)
        where T : class =>
        (T)_items.GetOrAdd(key, _ => new Lazy<object>(() => factory(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
