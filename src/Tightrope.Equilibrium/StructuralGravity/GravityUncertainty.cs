using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.StructuralGravity;

/// <summary>Percentile band of one indicator for one country over the successful draws.</summary>
public sealed record IndicatorBand(Country Country, string Indicator, double P05, double P50, double P95);

/// <summary>The bands and the draws that failed (with their reasons): failures are counted and reported, never dropped silently.</summary>
public sealed record UncertaintyResult(int Draws, int Failed, IReadOnlyList<string> FailureReasons, IReadOnlyList<IndicatorBand> Bands);

/// <summary>
/// Parameter uncertainty for a structural-gravity counterfactual: draw the estimated coefficients from their
/// estimated covariance, rebuild baseline and counterfactual costs from each draw, re-solve, and summarise.
/// </summary>
public static class GravityUncertainty
{
    /// <summary>Indicator names, in the order of <see cref="Values"/>.</summary>
    public static IReadOnlyList<string> IndicatorNames { get; } =
        ["change_Xi_CDL", "change_Xi_FULL", "change_rGDP_FULL", "change_IMR_CDL", "change_IMR_FULL", "change_OMR_CDL", "change_OMR_FULL", "change_price_FULL"];

    /// <summary>An indicator row as values in <see cref="IndicatorNames"/> order.</summary>
    public static double[] Values(GravityIndicators g) =>
        [g.ChangeXiCdl, g.ChangeXiFull, g.ChangeRgdpFull, g.ChangeImrCdl, g.ChangeImrFull, g.ChangeOmrCdl, g.ChangeOmrFull, g.ChangePriceFull];

    /// <summary>Runs <paramref name="draws"/> seeded draws in parallel.</summary>
    /// <param name="scenarioFor">Builds the economy and counterfactual costs for one coefficient vector.</param>
    /// <param name="estimate">Point estimates of the coefficients.</param>
    /// <param name="covariance">Their estimated covariance, row-major.</param>
    /// <param name="draws">Number of draws.</param>
    /// <param name="seed">Random seed, for reproducible bands.</param>
    /// <param name="method">Full-endowment method used for every draw.</param>
    /// <param name="convention">Which way the indicators are stated.</param>
    public static UncertaintyResult Run(
        Func<double[], (GravityEconomy Economy, PairMatrix Counterfactual)> scenarioFor,
        double[] estimate, double[] covariance, int draws, int seed, FullEndowmentMethod method = FullEndowmentMethod.Direct,
        IndicatorConvention convention = IndicatorConvention.EffectOfBaseline)
    {
        var sampler = new MultivariateNormalSampler(estimate, covariance);
        var coefficients = new double[draws][];
        var random = new Random(seed);
        for (var d = 0; d < draws; d++)
        {
            coefficients[d] = new double[estimate.Length];
            sampler.Sample(random, coefficients[d]);
        }

        var outcomes = new GravityGeResult?[draws];
        var failures = new string?[draws];
        Parallel.For(0, draws, d =>
        {
            try
            {
                var (economy, counterfactual) = scenarioFor(coefficients[d]);
                outcomes[d] = GravityGeModel.Solve(economy, counterfactual, method, convention: convention);
            }
            catch (Exception e) when (e is SolverDidNotConvergeException or ArgumentException)
            {
                failures[d] = $"draw {d} ({string.Join(", ", coefficients[d].Select(c => c.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}): {e.Message}";
            }
        });

        var ok = outcomes.Where(o => o is not null).Select(o => o!).ToList();
        var bands = new List<IndicatorBand>();
        if (ok.Count > 0)
        {
            var countries = ok[0].Economy.Countries;
            for (var i = 0; i < countries.Count; i++)
            {
                var rows = ok.Select(o => Values(o.Indicators[i])).ToList();
                for (var k = 0; k < IndicatorNames.Count; k++)
                {
                    var sorted = rows.Select(r => r[k]).Order().ToArray();
                    bands.Add(new IndicatorBand(countries[i], IndicatorNames[k], Percentile(sorted, 0.05), Percentile(sorted, 0.5), Percentile(sorted, 0.95)));
                }
            }
        }

        var reasons = failures.Where(f => f is not null).Select(f => f!).ToList();
        return new UncertaintyResult(draws, reasons.Count, reasons, bands);
    }

    /// <summary>Linear-interpolation percentile of sorted values (the "type 7" rule of R and NumPy).</summary>
    public static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
