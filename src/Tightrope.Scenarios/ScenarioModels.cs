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

    /// <summary>
    /// Validates as <see cref="Validate(ScenarioDocument)"/> for a run with <paramref name="options"/>: a model that checks
    /// the codes a scenario names against the data's label files reads them under that run's data root.
    /// </summary>
    void Validate(ScenarioDocument scenario, RunOptions options) => Validate(scenario);

    /// <summary>Runs the scenario and returns its tables.</summary>
    RunReport Run(ScenarioDocument scenario, RunOptions options);

    /// <summary>
    /// The model's body fields: the one definition behind strict parsing, <c>tightrope validate</c>, <c>tightrope schema</c>
    /// and docs/scenarios.md. Null (the default) means undeclared: the registry then reports every key the model never
    /// read through <see cref="ScenarioReader"/> as unknown, after <see cref="Run"/> (declare the fields to have them
    /// checked before any work).
    /// </summary>
    IReadOnlyList<ScenarioField>? Fields => null;
}

/// <summary>Options common to every scenario run.</summary>
/// <param name="DataRoot">Root of the reference data (default: <see cref="Tightrope.Data.DataLocation.Root"/>).</param>
public sealed record RunOptions(string? DataRoot = null)
{
    /// <summary>Where models note the data files they read (for the output manifest); null: not recorded.</summary>
    public DataFileLog? Files { get; init; }

    /// <summary>The data root to use.</summary>
    public string ResolveDataRoot() => DataRoot ?? Tightrope.Data.DataLocation.Root;

    /// <summary>Notes that a data file was read.</summary>
    public void RecordFile(string path) => Files?.Add(path);

    /// <summary>Notes that every file directly inside a data folder was read.</summary>
    public void RecordFolder(string folder)
    {
        if (Files is not null && Directory.Exists(folder))
        {
            foreach (var f in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                Files.Add(f);
            }
        }
    }
}

/// <summary>The data files a run read, in first-read order, as full paths; thread-safe.</summary>
public sealed class DataFileLog
{
    private readonly List<string> _files = [];
    private readonly Lock _lock = new();

    /// <summary>Adds a file (once).</summary>
    public void Add(string path)
    {
        var full = Path.GetFullPath(path);
        lock (_lock)
        {
            if (!_files.Contains(full))
            {
                _files.Add(full);
            }
        }
    }

    /// <summary>The files recorded so far.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_lock)
            {
                return [.. _files];
            }
        }
    }
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

    /// <summary>
    /// Checks a scenario without running it: the envelope and every field against the model's declaration, then the
    /// model's own checks. Throws <see cref="ScenarioException"/> listing every problem.
    /// </summary>
    public IScenarioModel Validate(ScenarioDocument scenario, RunOptions? options = null)
    {
        var model = For(scenario);
        options ??= new RunOptions();
        if (model.Fields is { } fields)
        {
            ScenarioValidation.ThrowIfAny(scenario, ScenarioValidation.CheckDeclared(scenario, fields));
            model.Validate(scenario, options);
        }
        else
        {
            // An undeclared model's own validation may read only part of the body, so its unread keys are judged
            // after a run (see Run), when every field it uses has been read.
            ScenarioValidation.ThrowIfAny(scenario, ScenarioValidation.CheckDeclared(scenario, [], envelopeOnly: true));
            model.Validate(scenario, options);
        }

        return model;
    }

    /// <summary>Validates, then runs a scenario with the model it names; a field an undeclared model never read is an error.</summary>
    public RunReport Run(ScenarioDocument scenario, RunOptions? options = null)
    {
        options ??= new RunOptions();
        var model = Validate(scenario, options);
        var report = model.Run(scenario, options);
        if (model.Fields is null)
        {
            ScenarioValidation.ThrowIfAny(scenario, ScenarioValidation.CheckRead(scenario));
        }

        return report;
    }
}
