namespace Tightrope.Timeline;

/// <summary>
/// One threat against Mexico and what followed: its postponements, the impositions of the threatened rate, and its end
/// (a court ruling, a later threat covering the same goods, or the end of the data).
/// </summary>
/// <param name="Number">1-based, in date order.</param>
/// <param name="Threat">The threat row.</param>
/// <param name="Postponements">Postponement rows of the same rate, in date order.</param>
/// <param name="Impositions">Imposition rows of the same rate, in date order.</param>
/// <param name="End">First day the threat no longer stands, or null when it still stands at the end of the data.</param>
/// <param name="EndReason">Why it ended, in words.</param>
/// <param name="EndedByRuling">True when a court ruling ended it (and with it the measure threatened).</param>
public sealed record Episode(int Number, TimelineEvent Threat, IReadOnlyList<TimelineEvent> Postponements, IReadOnlyList<TimelineEvent> Impositions, DateOnly? End, string EndReason, bool EndedByRuling)
{
    /// <summary>The threatened rate (fraction) on the goods it covers.</summary>
    public double Rate => Threat.Rate!.Value;

    /// <summary>The goods the threat covers.</summary>
    public GoodsScope Scope => Threat.On!.Scope;

    /// <summary>True while the threat stands on <paramref name="date"/>.</summary>
    public bool Stands(DateOnly date) => date >= Threat.Date && (End is null || date < End);

    /// <summary>
    /// The window a postponement covers: from its date to the episode's next postponement or imposition, or the
    /// episode's end (exclusive; null when open).
    /// </summary>
    public (DateOnly From, DateOnly? Until) Window(TimelineEvent postponement)
    {
        var next = Postponements.Concat(Impositions).Where(e => e.Date > postponement.Date).Select(e => (DateOnly?)e.Date).Min();
        return (postponement.Date, next ?? End);
    }
}

/// <summary>A concession listed with the postponement it came nearest to.</summary>
/// <param name="Event">The concession row (or the postponement row's own concession).</param>
/// <param name="DaysFromPostponement">Concession date minus postponement date.</param>
public sealed record AttachedConcession(TimelineEvent Event, int DaysFromPostponement);

/// <summary>Builds episodes from the event list and attaches concessions to postponements.</summary>
public static class EpisodeBuilder
{
    /// <summary>
    /// Every US threat on Mexican goods opens an episode. A postponement or imposition of a US rate on Mexico belongs to
    /// the latest standing episode threatening the same rate; a postponement matching none is an error. A court ruling
    /// on the US tariff on Mexico ends every standing episode; a later threat covering the same goods ends an earlier one.
    /// </summary>
    public static IReadOnlyList<Episode> Build(IReadOnlyList<TimelineEvent> events, string file = "events.csv")
    {
        var open = new List<(TimelineEvent Threat, List<TimelineEvent> Postponements, List<TimelineEvent> Impositions)>();
        var closed = new List<(TimelineEvent Threat, List<TimelineEvent> Postponements, List<TimelineEvent> Impositions, DateOnly? End, string Reason, bool Ruling)>();
        foreach (var e in events.Where(e => e.On is { IsUsOnMexico: true }).OrderBy(e => e.Date))
        {
            switch (e.Kind)
            {
                case EventKind.Threat:
                    if (e.On!.Scope == GoodsScope.Other)
                    {
                        throw new Tightrope.Data.DataFormatException(file, e.Line, "rate_on", $"threatened goods '{e.On.Goods}' not understood; expected all goods, non-USMCA goods or USMCA-compliant goods.");
                    }

                    foreach (var o in open.Where(o => Covers(e.On!.Scope, o.Threat.On!.Scope)).ToList())
                    {
                        closed.Add((o.Threat, o.Postponements, o.Impositions, e.Date, $"overtaken by the threat of {e.Date:yyyy-MM-dd}", false));
                        open.Remove(o);
                    }

                    open.Add((e, [], []));
                    break;
                case EventKind.Postponement or EventKind.Imposition:
                    var match = open.LastOrDefault(o => Math.Abs(o.Threat.Rate!.Value - e.Rate!.Value) < 1e-12);
                    if (match.Threat is null)
                    {
                        if (e.Kind == EventKind.Postponement)
                        {
                            throw new Tightrope.Data.DataFormatException(file, e.Line, "rate", $"postponement of {e.Rate} on {e.Date:yyyy-MM-dd} matches no standing US threat on Mexico at that rate.");
                        }

                        break; // an imposition of a rate nobody threatened (Section 122) is in the tracker's rates, not an episode
                    }

                    (e.Kind == EventKind.Postponement ? match.Postponements : match.Impositions).Add(e);
                    break;
                case EventKind.Court:
                    foreach (var o in open)
                    {
                        closed.Add((o.Threat, o.Postponements, o.Impositions, e.Date, $"ended by the ruling of {e.Date:yyyy-MM-dd}", true));
                    }

                    open.Clear();
                    break;
            }
        }

        closed.AddRange(open.Select(o => (o.Threat, o.Postponements, o.Impositions, (DateOnly?)null, "still standing at the end of the data", false)));
        return [.. closed.OrderBy(c => c.Threat.Date).Select((c, k) => new Episode(k + 1, c.Threat, c.Postponements, c.Impositions, c.End, c.Reason, c.Ruling))];
    }

    /// <summary>
    /// Concessions (kind = concession, and a postponement's own concession cell) listed with the postponement nearest in
    /// date, provided it is within <paramref name="windowDays"/>; ties go to the earlier postponement. Returns the
    /// attachments per postponement and the concessions near none.
    /// </summary>
    public static (IReadOnlyDictionary<TimelineEvent, IReadOnlyList<AttachedConcession>> ByPostponement, IReadOnlyList<TimelineEvent> Unattached) AttachConcessions(
        IReadOnlyList<Episode> episodes, IReadOnlyList<TimelineEvent> events, int windowDays)
    {
        var postponements = episodes.SelectMany(e => e.Postponements).OrderBy(p => p.Date).ToList();
        var result = postponements.ToDictionary(p => p, p => new List<AttachedConcession>());
        foreach (var p in postponements.Where(p => p.Concession is not null))
        {
            result[p].Add(new AttachedConcession(p, 0));
        }

        var unattached = new List<TimelineEvent>();
        foreach (var c in events.Where(e => e.Kind == EventKind.Concession))
        {
            var nearest = postponements
                .Select(p => (P: p, Days: c.Date.DayNumber - p.Date.DayNumber))
                .Where(x => Math.Abs(x.Days) <= windowDays)
                .OrderBy(x => Math.Abs(x.Days)).ThenBy(x => x.P.Date)
                .FirstOrDefault();
            if (nearest.P is null)
            {
                unattached.Add(c);
            }
            else
            {
                result[nearest.P].Add(new AttachedConcession(c, nearest.Days));
            }
        }

        return (result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<AttachedConcession>)kv.Value.OrderBy(a => a.Event.Date).ToList()), unattached);
    }

    /// <summary>True when goods of scope <paramref name="later"/> include every good of <paramref name="earlier"/>.</summary>
    private static bool Covers(GoodsScope later, GoodsScope earlier) =>
        later == GoodsScope.AllGoods || later == earlier;
}
