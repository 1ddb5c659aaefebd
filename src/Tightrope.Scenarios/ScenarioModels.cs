using Tightrope.Reports;

namespace Tightrope.Scenarios;

/// <summary>A model that can run scenario files whose <c>model</c> field names it.</summary>
public interface IScenarioModel
{
    /// <summary>The value of the scenario's <c>model</c> field this runner handles.</summary>
    string Name { get; }

    /// <summary>One line saying what the model is.</summary>
    string Description { get; }

    /// <summary>Validates the model-specific body without running it; throws <see cref="ScenarioException"/> on errors.</summary>
    void Validate(ScenarioDocument scenario);

    /// <summary>Runs the scenario and returns its tables.</summary>
    RunReport Run(ScenarioDocument scenario, RunOptions options);
}

/// <summary>Options common to every scenario run.</summary>
/// <param name="DataRoot">Root of the reference data (default: <see cref="Tightrope.Data.DataLocation.Root"/>).</param>
public sealed record RunOptions(string? DataRoot = null)
{
    /// <summary>The data root to use.</summary>
    public string ResolveDataRoot() => DataRoot ?? Tightrope.Data.DataLocation.Root;
}

/// <summary>The models scenario files can name.</summary>
public sealed class ScenarioModelRegistry
{
    private readonly Dictionary<string, IScenarioModel> _models;

    /// <summary>Creates a registry over the given runners.</summary>
    public ScenarioModelRegistry(IEnumerable<IScenarioModel> models)
    {
        _models = models.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The registered runners.</summary>
    public IEnumerable<IScenarioModel> Models => _models.Values;

    /// <summary>The runner for a scenario; throws naming the file if the model is unknown.</summary>
    public IScenarioModel For(ScenarioDocument scenario) =>
        _models.TryGetValue(scenario.Model, out var m)
            ? m
            : throw new ScenarioException(scenario.Path, "model", $"unknown model '{scenario.Model}'; known: {string.Join(", ", _models.Keys.Order())}.");

    /// <summary>Runs a scenario with the model it names.</summary>
    public RunReport Run(ScenarioDocument scenario, RunOptions? options = null) => For(scenario).Run(scenario, options ?? new RunOptions());
}
