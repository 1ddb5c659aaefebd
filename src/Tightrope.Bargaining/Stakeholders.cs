namespace Tightrope.Bargaining;

/// <summary>A party to a negotiation, identified by a short id (e.g. <c>US_WH</c>).</summary>
public sealed record Actor(string Id, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>One negotiated issue: a one-dimensional continuum with bounds <see cref="Lower"/>..<see cref="Upper"/> (used to normalise positions in the exchange model).</summary>
public sealed record Issue(string Id, string Name, double Lower = 0, double Upper = 100)
{
    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>An actor's capability (power, resources) on an issue; strictly positive, any common scale.</summary>
public readonly record struct Capability
{
    /// <summary>Creates a capability; throws when it is not a positive finite number.</summary>
    public Capability(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "capability must be a positive finite number.");
        }

        Value = value;
    }

    /// <summary>The capability.</summary>
    public double Value { get; }
}

/// <summary>An actor's salience for an issue on the 0–1 scale (the probability the actor resists in BDM).</summary>
public readonly record struct Salience
{
    /// <summary>Creates a salience; throws when it is outside [0, 1].</summary>
    public Salience(double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "salience must lie in [0, 1].");
        }

        Value = value;
    }

    /// <summary>The salience in [0, 1].</summary>
    public double Value { get; }
}

/// <summary>A position on an issue's continuum, in the issue's own units.</summary>
public readonly record struct Position(double Value);

/// <summary>What one actor brings to one issue: capability, position and salience.</summary>
public sealed record Stake(Actor Actor, Capability Capability, Position Position, Salience Salience);

/// <summary>An issue and the stakes of every actor taking part in it, in input order (order breaks ties).</summary>
public sealed record IssueStakes(Issue Issue, IReadOnlyList<Stake> Stakes)
{
    /// <summary>Capabilities in input order.</summary>
    public double[] Capabilities() => Stakes.Select(s => s.Capability.Value).ToArray();

    /// <summary>Saliences in input order.</summary>
    public double[] Saliences() => Stakes.Select(s => s.Salience.Value).ToArray();

    /// <summary>Positions in input order.</summary>
    public double[] Positions() => Stakes.Select(s => s.Position.Value).ToArray();
}

/// <summary>A stakeholder data set: the actors and, per issue, their stakes. Validated on construction.</summary>
public sealed record StakeholderSet
{
    /// <summary>Creates the set; throws <see cref="ArgumentException"/> on duplicate actors or issues, unknown actors, or an issue with fewer than two actors.</summary>
    public StakeholderSet(IReadOnlyList<Actor> actors, IReadOnlyList<IssueStakes> issues)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in actors)
        {
            if (!ids.Add(a.Id))
            {
                throw new ArgumentException($"actor '{a.Id}' is listed twice.");
            }
        }

        var issueIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var issue in issues)
        {
            if (!issueIds.Add(issue.Issue.Id))
            {
                throw new ArgumentException($"issue '{issue.Issue.Id}' is listed twice.");
            }

            if (!(issue.Issue.Upper > issue.Issue.Lower))
            {
                throw new ArgumentException($"issue '{issue.Issue.Id}': upper bound {issue.Issue.Upper} must exceed lower bound {issue.Issue.Lower}.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stake in issue.Stakes)
            {
                if (!ids.Contains(stake.Actor.Id))
                {
                    throw new ArgumentException($"issue '{issue.Issue.Id}': actor '{stake.Actor.Id}' is not in the actor list.");
                }

                if (!seen.Add(stake.Actor.Id))
                {
                    throw new ArgumentException($"issue '{issue.Issue.Id}': actor '{stake.Actor.Id}' appears twice.");
                }
            }

            if (issue.Stakes.Count < 2)
            {
                throw new ArgumentException($"issue '{issue.Issue.Id}' has {issue.Stakes.Count} actor(s); bargaining needs at least two.");
            }
        }

        Actors = actors;
        Issues = issues;
    }

    /// <summary>Every actor, in input order.</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>Every issue with its stakes, in input order.</summary>
    public IReadOnlyList<IssueStakes> Issues { get; }

    /// <summary>A copy with capabilities and saliences replaced by <paramref name="map"/> (used by the sensitivity analysis).</summary>
    public StakeholderSet Map(Func<int, int, Stake, Stake> map) =>
        new(Actors, Issues.Select((iss, d) => iss with { Stakes = iss.Stakes.Select((st, k) => map(d, k, st)).ToList() }).ToList());
}

/// <summary>Bad bargaining input; the message names the place (file, line/field) and what was expected.</summary>
public sealed class BargainingInputException(string location, string problem) : Exception($"{location}: {problem}")
{
    /// <summary>File and row or field at fault.</summary>
    public string Location { get; } = location;

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; } = problem;
}
