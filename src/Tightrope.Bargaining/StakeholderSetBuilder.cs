using System.Globalization;

namespace Tightrope.Bargaining;

/// <summary>
/// Builds a <see cref="StakeholderSet"/> from raw values read from a file, checking each value where it is read so that
/// errors name the file and row or field (<see cref="BargainingInputException"/>). Saliences are given on a declared
/// scale (1 or 100) and divided by it.
/// </summary>
public sealed class StakeholderSetBuilder
{
    private readonly List<Actor> _actors = [];
    private readonly Dictionary<string, (Actor Actor, string Location)> _actorById = new(StringComparer.Ordinal);
    private readonly List<IssueDraft> _issues = [];
    private readonly Dictionary<string, IssueDraft> _issueById = new(StringComparer.Ordinal);

    /// <summary>Creates a builder for saliences on the 0..<paramref name="salienceScale"/> scale (1 or 100).</summary>
    public StakeholderSetBuilder(double salienceScale)
    {
        if (salienceScale is not (1 or 100))
        {
            throw new ArgumentException($"salience scale must be 1 or 100, found {salienceScale}.");
        }

        SalienceScale = salienceScale;
    }

    /// <summary>The declared salience scale: 1 (0–1) or 100 (0–100).</summary>
    public double SalienceScale { get; }

    /// <summary>Adds an actor; throws if the id is empty or already used.</summary>
    public Actor AddActor(string id, string? name, string location)
    {
        id = id.Trim();
        if (id.Length == 0)
        {
            throw new BargainingInputException(location, "empty actor id.");
        }

        if (_actorById.TryGetValue(id, out var previous))
        {
            throw new BargainingInputException(location, $"duplicate actor '{id}' (first defined at {previous.Location}).");
        }

        var actor = new Actor(id, string.IsNullOrWhiteSpace(name) ? id : name.Trim());
        _actors.Add(actor);
        _actorById[id] = (actor, location);
        return actor;
    }

    /// <summary>True when an actor with this id was added.</summary>
    public bool HasActor(string id) => _actorById.ContainsKey(id.Trim());

    /// <summary>True when an issue with this id was added.</summary>
    public bool HasIssue(string id) => _issueById.ContainsKey(id.Trim());

    /// <summary>Adds an issue; bounds may be null, in which case they are the range of the positions given.</summary>
    public void AddIssue(string id, string? name, double? lower, double? upper, string location)
    {
        id = id.Trim();
        if (id.Length == 0)
        {
            throw new BargainingInputException(location, "empty issue id.");
        }

        if (_issueById.TryGetValue(id, out var previous))
        {
            throw new BargainingInputException(location, $"duplicate issue '{id}' (first defined at {previous.Location}).");
        }

        if (lower is { } lo && upper is { } up && !(up > lo))
        {
            throw new BargainingInputException(location, $"scale upper bound {Format(up)} must exceed lower bound {Format(lo)}.");
        }

        var draft = new IssueDraft(id, string.IsNullOrWhiteSpace(name) ? id : name.Trim(), lower, upper, location);
        _issues.Add(draft);
        _issueById[id] = draft;
    }

    /// <summary>Adds one actor's stake on one issue, checking every value; <paramref name="fieldLocation"/> names the place of a field.</summary>
    public void AddStake(string issueId, string actorId, double capability, double position, double salience, string location, Func<string, string> fieldLocation)
    {
        if (!_issueById.TryGetValue(issueId.Trim(), out var issue))
        {
            throw new BargainingInputException(fieldLocation("issue"), $"unknown issue '{issueId}'.");
        }

        if (!_actorById.TryGetValue(actorId.Trim(), out var actor))
        {
            throw new BargainingInputException(fieldLocation("actor"), $"unknown actor '{actorId}'; known actors: {string.Join(", ", _actors.Select(a => a.Id))}.");
        }

        if (!double.IsFinite(capability) || capability <= 0)
        {
            throw new BargainingInputException(fieldLocation("capability"), $"capability must be positive, found {Format(capability)} (actor {actor.Actor.Id}, issue {issue.Id}).");
        }

        if (!double.IsFinite(salience) || salience < 0 || salience > SalienceScale)
        {
            throw new BargainingInputException(
                fieldLocation("salience"),
                $"salience must lie in [0, {Format(SalienceScale)}] (the declared scale), found {Format(salience)} (actor {actor.Actor.Id}, issue {issue.Id}).");
        }

        if (!double.IsFinite(position))
        {
            throw new BargainingInputException(fieldLocation("position"), $"position must be a finite number, found {Format(position)}.");
        }

        if ((issue.Lower is { } lo && position < lo) || (issue.Upper is { } up && position > up))
        {
            throw new BargainingInputException(
                fieldLocation("position"),
                $"position {Format(position)} of actor {actor.Actor.Id} lies outside issue {issue.Id}'s scale [{Format(issue.Lower ?? double.NegativeInfinity)}, {Format(issue.Upper ?? double.PositiveInfinity)}].");
        }

        foreach (var existing in issue.Stakes)
        {
            if (existing.Stake.Actor.Id == actor.Actor.Id)
            {
                throw new BargainingInputException(location, $"duplicate actor '{actor.Actor.Id}' on issue {issue.Id} (first given at {existing.Location}).");
            }
        }

        issue.Stakes.Add((new Stake(actor.Actor, new Capability(capability), new Position(position), new Salience(salience / SalienceScale)), location));
    }

    /// <summary>Checks every issue has at least two actors and returns the set.</summary>
    public StakeholderSet Build()
    {
        if (_issues.Count == 0)
        {
            throw new BargainingInputException("input", "no issues defined.");
        }

        var issues = new List<IssueStakes>();
        foreach (var d in _issues)
        {
            if (d.Stakes.Count < 2)
            {
                throw new BargainingInputException(d.Location, $"issue {d.Id} has {d.Stakes.Count} actor(s); bargaining needs at least two.");
            }

            if (d.Stakes.All(s => s.Stake.Salience.Value == 0))
            {
                throw new BargainingInputException(d.Location, $"every actor on issue {d.Id} has salience 0; at least one must care about the issue.");
            }

            var xs = d.Stakes.Select(s => s.Stake.Position.Value).ToList();
            var lower = d.Lower ?? xs.Min();
            var upper = d.Upper ?? xs.Max();
            if (!(upper > lower))
            {
                upper = lower + 1; // every actor at one point: any positive width normalises the same (nobody moves)
            }

            issues.Add(new IssueStakes(new Issue(d.Id, d.Name, lower, upper), d.Stakes.Select(s => s.Stake).ToList()));
        }

        return new StakeholderSet(_actors.ToList(), issues);
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private sealed record IssueDraft(string Id, string Name, double? Lower, double? Upper, string Location)
    {
        public List<(Stake Stake, string Location)> Stakes { get; } = [];
    }
}
