namespace Tightrope.Timeline;

/// <summary>
/// The threatened measure on Mexico split into USMCA-compliant goods (share s) and the rest (1 − s): the rate in force
/// under the measure at a date, and the rate if the standing threats were carried out.
/// </summary>
/// <remarks>
/// The rate in force follows the episodes' own rows: an imposition sets the goods it covers to its rate, a
/// postponement after an imposition takes the goods it names back to zero, a ruling ends the measure. A threat raises
/// the goods it covers to the threatened rate (never lowers them). The threat path adds the difference, weighted by
/// the two shares, to the tracker's Mexico rate, so Section 232 duties in that rate stay as they are.
/// </remarks>
public sealed class ThreatPath
{
    private readonly IReadOnlyList<Episode> _episodes;
    private readonly double _s;

    /// <summary>Creates the path over all episodes with compliance share <paramref name="complianceShare"/>.</summary>
    public ThreatPath(IReadOnlyList<Episode> episodes, double complianceShare)
    {
        _episodes = episodes;
        _s = complianceShare;
    }

    /// <summary>The rate in force under the threatened measure on (compliant, non-compliant) goods.</summary>
    public (double Compliant, double NonCompliant) InForce(DateOnly date)
    {
        double compliant = 0, rest = 0;
        var rows = _episodes.SelectMany(e => e.Impositions.Select(x => (Episode: e, Event: x, Imposed: true)).Concat(e.Postponements.Select(x => (Episode: e, Event: x, Imposed: false))))
            .Where(x => x.Event.Date <= date)
            .OrderBy(x => x.Event.Date);
        // A postponement takes back only its own episode's imposition; before one it changes nothing in force.
        var imposed = new HashSet<int>();
        foreach (var (episode, e, isImposition) in rows)
        {
            var (c, r) = Covered(e.On!.Scope);
            if (isImposition)
            {
                imposed.Add(episode.Number);
                compliant = c ? e.Rate!.Value : compliant;
                rest = r ? e.Rate!.Value : rest;
            }
            else if (imposed.Contains(episode.Number))
            {
                compliant = c ? 0 : compliant;
                rest = r ? 0 : rest;
            }
        }

        // A ruling that ends the episodes ends the measure too.
        if (_episodes.Any(e => e.EndedByRuling && e.End <= date))
        {
            return (0, 0);
        }

        return (compliant, rest);
    }

    /// <summary>
    /// How much the effective US rate on Mexico would rise on <paramref name="date"/> if the threats of
    /// <paramref name="episodes"/> standing then were carried out (fraction, ≥ 0).
    /// </summary>
    public double Increment(DateOnly date, IEnumerable<Episode> episodes)
    {
        var (c0, r0) = InForce(date);
        var (c1, r1) = (c0, r0);
        foreach (var e in episodes.Where(e => e.Stands(date)))
        {
            var (c, r) = Covered(e.Scope);
            c1 = c ? Math.Max(c1, e.Rate) : c1;
            r1 = r ? Math.Max(r1, e.Rate) : r1;
        }

        return (_s * (c1 - c0)) + ((1 - _s) * (r1 - r0));
    }

    /// <summary>The threatened rate on Mexico as an effective rate: full on all goods, (1 − s) times it on non-USMCA goods, s times it on compliant goods.</summary>
    public double EffectiveThreat(Episode episode) => episode.Scope switch
    {
        GoodsScope.AllGoods => episode.Rate,
        GoodsScope.NonUsmcaGoods => (1 - _s) * episode.Rate,
        GoodsScope.UsmcaCompliantGoods => _s * episode.Rate,
        _ => 0,
    };

    private static (bool Compliant, bool NonCompliant) Covered(GoodsScope scope) => scope switch
    {
        GoodsScope.AllGoods => (true, true),
        GoodsScope.NonUsmcaGoods => (false, true),
        GoodsScope.UsmcaCompliantGoods => (true, false),
        _ => (false, false),
    };
}
