using Tightrope.Data;

namespace Tightrope.Timeline.Tests;

public class EpisodeTests
{
    private static readonly IReadOnlyList<TimelineEvent> Events = EventReader.Read();
    private static readonly IReadOnlyList<Episode> Episodes = EpisodeBuilder.Build(Events);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Each_threat_opens_an_episode_with_its_postponements_and_end()
    {
        Episodes.Count.ShouldBe(2);
        var (fentanyl, july) = (Episodes[0], Episodes[1]);
        fentanyl.Threat.Date.ShouldBe(D(2025, 2, 1));
        fentanyl.Scope.ShouldBe(GoodsScope.AllGoods);
        fentanyl.Postponements.Select(p => p.Date).ShouldBe([D(2025, 2, 3), D(2025, 3, 6)]);
        fentanyl.Impositions.Select(p => p.Date).ShouldBe([D(2025, 3, 4)]);
        fentanyl.End.ShouldBe(D(2026, 2, 20));
        fentanyl.EndedByRuling.ShouldBeTrue();
        july.Rate.ShouldBe(0.30);
        july.Postponements.Select(p => p.Date).ShouldBe([D(2025, 7, 31), D(2025, 10, 27)]);
        july.Impositions.ShouldBeEmpty();
        july.End.ShouldBe(D(2026, 2, 20));
        Episodes.Sum(e => e.Postponements.Count).ShouldBe(Events.Count(e => e.Kind == EventKind.Postponement));
    }

    [Fact]
    public void A_postponement_covers_until_the_next_move_of_its_episode()
    {
        var e = Episodes[0];
        e.Window(e.Postponements[0]).ShouldBe((D(2025, 2, 3), (DateOnly?)D(2025, 3, 4)));
        e.Window(e.Postponements[1]).ShouldBe((D(2025, 3, 6), (DateOnly?)D(2026, 2, 20)));
        Episodes[1].Window(Episodes[1].Postponements[0]).ShouldBe((D(2025, 7, 31), (DateOnly?)D(2025, 10, 27)));
    }

    [Fact]
    public void Concessions_go_to_the_nearest_postponement_within_the_window()
    {
        var (by, unattached) = EpisodeBuilder.AttachConcessions(Episodes, Events, 45);
        unattached.ShouldBeEmpty();
        var p = Episodes.SelectMany(e => e.Postponements).ToList();
        by[p[0]].Select(c => c.Event.Date).ShouldBe([D(2025, 2, 3)]); // the postponement's own troops pledge
        by[p[1]].Select(c => c.Event.Date).ShouldBe([D(2025, 2, 27), D(2025, 3, 1)]);
        by[p[2]].Select(c => c.Event.Date).ShouldBe([D(2025, 8, 12)]);
        by[p[3]].Select(c => (c.Event.Date, c.DaysFromPostponement)).ShouldBe([(D(2025, 12, 10), 44)]);

        var (narrow, left) = EpisodeBuilder.AttachConcessions(Episodes, Events, 30);
        narrow[p[3]].ShouldBeEmpty();
        left.Select(c => c.Date).ShouldBe([D(2025, 12, 10)]);
    }

    [Fact]
    public void Threat_path_raises_only_the_goods_each_threat_covers()
    {
        var path = new ThreatPath(Episodes, 0.82);
        var (fentanyl, july) = (Episodes[0], Episodes[1]);
        path.InForce(D(2025, 2, 4)).ShouldBe((0.0, 0.0));
        path.InForce(D(2025, 3, 5)).ShouldBe((0.25, 0.25));
        path.InForce(D(2025, 3, 6)).ShouldBe((0.0, 0.25));
        path.InForce(D(2025, 8, 7)).ShouldBe((0.0, 0.25)); // a postponement of the 30% does not take back the 25%
        path.InForce(D(2026, 2, 20)).ShouldBe((0.0, 0.0));

        path.Increment(D(2025, 2, 4), Episodes).ShouldBe(0.25, 1e-15);
        path.Increment(D(2025, 3, 6), [fentanyl]).ShouldBe(0.82 * 0.25, 1e-15);
        path.Increment(D(2025, 8, 7), [july]).ShouldBe(0.18 * 0.05, 1e-15);
        path.Increment(D(2025, 8, 7), Episodes).ShouldBe((0.82 * 0.25) + (0.18 * 0.05), 1e-15);
        path.Increment(D(2025, 7, 1), [july]).ShouldBe(0);
        path.Increment(D(2026, 2, 24), Episodes).ShouldBe(0);
        path.EffectiveThreat(july).ShouldBe(0.054, 1e-15);
        new ThreatPath(Episodes, 0.5).EffectiveThreat(july).ShouldBe(0.15, 1e-15);
    }

    [Fact]
    public void A_postponement_of_a_rate_nobody_threatened_is_an_error()
    {
        var bad = Events.Where(e => e.Kind != EventKind.Threat || e.Date.Month != 7).ToList();
        var e = Should.Throw<DataFormatException>(() => EpisodeBuilder.Build(bad, "events.csv"));
        e.Column.ShouldBe("rate");
        e.Line.ShouldBe(Events.Single(x => x.Date == D(2025, 7, 31)).Line);
        e.Message.ShouldContain("matches no standing US threat");
    }
}
