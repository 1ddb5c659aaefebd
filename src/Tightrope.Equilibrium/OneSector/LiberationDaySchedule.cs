using Tightrope.Data;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The US tariff schedule announced on 2 April 2025 as the paper applies it (spec §7, "USTR"): max(floor, announced
/// rate) on every origin, with a 10% floor by default.
/// </summary>
public static class LiberationDaySchedule
{
    /// <summary>The floor the paper applies to every origin.</summary>
    public const double DefaultFloor = 0.10;

    /// <summary>The rate the US levies on goods from <paramref name="origin"/>.</summary>
    public static double Rate(OneSectorBaseline baseline, int origin, double floor = DefaultFloor) =>
        Math.Max(floor, baseline.Data.UsTariffs2025[origin]);

    /// <summary>The full tariff matrix: the US levies <see cref="Rate"/> on every other origin; nobody else changes tariffs.</summary>
    public static PairMatrix Matrix(OneSectorBaseline baseline, double floor = DefaultFloor)
    {
        var n = baseline.Size;
        var us = baseline.UnitedStates;
        var t = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            if (i != us)
            {
                t[(i * n) + us] = Rate(baseline, i, floor);
            }
        }

        return PairMatrix.Rates(baseline.Countries, t);
    }
}
