namespace Tightrope.Linkage;

/// <summary>One anchor of an issue-scale mapping: a position on the 0–100 scale, the instrument value there and its source.</summary>
public sealed record MappingAnchor(double Position, double Value, string Meaning, string Source);

/// <summary>
/// A piecewise-linear map from an issue's 0–100 scale to an instrument (spec §6), through anchors with strictly increasing
/// positions and monotone values. The map may be flat in places, so it is never inverted; instead it answers "the
/// highest/lowest position that maps to this value".
/// </summary>
public sealed class IssueMapping
{
    /// <summary>Creates the map; throws naming <paramref name="field"/> when anchors are too few, unordered or not monotone.</summary>
    public IssueMapping(string issue, IReadOnlyList<MappingAnchor> anchors, string field = "anchors")
    {
        if (anchors.Count < 2)
        {
            throw new ArgumentException($"{field}: the mapping of issue {issue} needs at least two anchors, found {anchors.Count}.");
        }

        for (var k = 1; k < anchors.Count; k++)
        {
            if (!(anchors[k].Position > anchors[k - 1].Position))
            {
                throw new ArgumentException($"{field}[{k}]: anchor positions of issue {issue} must increase strictly; {anchors[k].Position} follows {anchors[k - 1].Position}.");
            }
        }

        var direction = 0;
        for (var k = 1; k < anchors.Count; k++)
        {
            var step = Math.Sign(anchors[k].Value - anchors[k - 1].Value);
            if (step != 0 && direction != 0 && step != direction)
            {
                throw new ArgumentException($"{field}[{k}]: the mapping of issue {issue} is not monotone: values {string.Join(", ", anchors.Select(a => a.Value))} at positions {string.Join(", ", anchors.Select(a => a.Position))} both rise and fall.");
            }

            if (step != 0)
            {
                direction = step;
            }
        }

        Issue = issue;
        Anchors = anchors;
    }

    /// <summary>The issue mapped.</summary>
    public string Issue { get; }

    /// <summary>The anchors, by position.</summary>
    public IReadOnlyList<MappingAnchor> Anchors { get; }

    /// <summary>The instrument value at a position (clamped to the anchors' range).</summary>
    public double ValueAt(double position)
    {
        if (position <= Anchors[0].Position)
        {
            return Anchors[0].Value;
        }

        for (var k = 1; k < Anchors.Count; k++)
        {
            if (position <= Anchors[k].Position)
            {
                var (a, b) = (Anchors[k - 1], Anchors[k]);
                return a.Value + ((b.Value - a.Value) * (position - a.Position) / (b.Position - a.Position));
            }
        }

        return Anchors[^1].Value;
    }

    /// <summary>The highest position the map sends to <paramref name="value"/>, or null when no position does.</summary>
    public double? HighestPositionAt(double value) => Positions(value).Select(p => (double?)p).Max();

    /// <summary>The lowest position the map sends to <paramref name="value"/>, or null when no position does.</summary>
    public double? LowestPositionAt(double value) => Positions(value).Select(p => (double?)p).Min();

    private IEnumerable<double> Positions(double value)
    {
        const double eps = 1e-12;
        for (var k = 1; k < Anchors.Count; k++)
        {
            var (a, b) = (Anchors[k - 1], Anchors[k]);
            if (Math.Abs(a.Value - value) <= eps)
            {
                yield return a.Position;
            }

            if (Math.Abs(b.Value - value) <= eps)
            {
                yield return b.Position;
            }

            var lo = Math.Min(a.Value, b.Value);
            var hi = Math.Max(a.Value, b.Value);
            if (b.Value != a.Value && value > lo && value < hi)
            {
                yield return a.Position + ((value - a.Value) * (b.Position - a.Position) / (b.Value - a.Value));
            }
        }
    }

    /// <summary>
    /// The default map of issue T to the effective US tariff on Mexico (spec §6): 0 → τ̄ all goods (0.25), 25 → the 25%
    /// with USMCA-compliant goods exempt, 50 → the same (threat postponed), 75 → sectoral measures only, 100 → 0.
    /// </summary>
    public static IssueMapping DefaultTariff(double compliance = 0.82) => new("T",
    [
        new(0, 0.25, "broad tariffs on all Mexican goods, imposed and kept", "EO 14194; events.csv 2025-03-04"),
        new(25, 0.25 * (1 - compliance), "broad tariffs, USMCA-compliant goods exempt", $"0.25 × (1 − {compliance}): Trade War Tracker compliance share"),
        new(50, 0.25 * (1 - compliance), "threats postponed, threat live (status quo)", "events.csv 2025-07-31"),
        new(75, 0.083 - 0.045, "broad threat withdrawn, sectoral measures only", "country-by-time.csv 2025-11-14 (8.3%) less the IEEPA part (4.5%)"),
        new(100, 0, "all post-2024 tariffs removed", "–"),
    ]);

    /// <summary>
    /// The default map of issue C to κ (spec §6): 0 → 0; the status quo 65 → 50% duties on the covered lines times their
    /// share of China's exports to Mexico; 100 → 0.50.
    /// </summary>
    public static IssueMapping DefaultChina(double coveredShare, string shareSource) => new("C",
    [
        new(0, 0, "open door: no new tariffs on Chinese goods", "usmx-issue-set.md §7"),
        new(65, 0.5 * coveredShare, "50% on cars, auto parts, textiles and more (status quo)", $"events.csv 2025-12-10; covered share {coveredShare} ({shareSource})"),
        new(100, 0.5, "full alignment with the US: broad 50% tariffs", "usmx-issue-set.md §7"),
    ]);
}
