using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Timeline.Tests;

/// <summary>The data and one full run, built once for every test class (the run takes a few seconds).</summary>
internal static class Shared
{
    private static readonly Lazy<OneSectorBaseline> LazyBaseline = new(() => OneSectorBaseline.Build(BilateralDatasetReader.Load()));
    private static readonly Lazy<TrackerTable> LazyTracker = new(() => TrackerReader.Read());
    private static readonly Lazy<IReadOnlyList<TimelineEvent>> LazyEvents = new(() => EventReader.Read());
    private static readonly Lazy<TimelineResult> LazyRun = new(() =>
        TimelineEngine.Run(Baseline, Tracker, Events, TimelineSpec.Default, new FixedDemand()));

    public static OneSectorBaseline Baseline => LazyBaseline.Value;

    public static TrackerTable Tracker => LazyTracker.Value;

    public static IReadOnlyList<TimelineEvent> Events => LazyEvents.Value;

    /// <summary>The default timeline, with a stand-in coercion model that records what it was asked.</summary>
    public static TimelineResult Run => LazyRun.Value;

    public sealed class FixedDemand : IThreatDemand
    {
        public List<ThreatDemandQuery> Queries { get; } = [];

        public string Name => "fixed stand-in";

        public ThreatDemand Demand(ThreatDemandQuery query)
        {
            lock (Queries)
            {
                Queries.Add(query);
            }

            return new ThreatDemand(true, 1.5, 0.08, "stand-in");
        }
    }
}
