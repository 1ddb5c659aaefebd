using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;

namespace Tightrope.Bargaining.Sensitivity;

/// <summary>Options of the sensitivity analysis.</summary>
public sealed record SensitivityOptions
{
    /// <summary>Number of perturbed runs.</summary>
    public int Runs { get; init; } = 1000;

    /// <summary>
    /// Relative spread: every capability and salience is multiplied by an independent factor 1 + spread·u, u ~ U(−1, 1);
    /// saliences are then capped at 1. Must lie in [0, 1).
    /// </summary>
    public double Spread { get; init; } = 0.2;

    /// <summary>Seed; run r draws from its own generator seeded from (seed, r), so results do not depend on scheduling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Run the perturbed runs on all cores.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Models to run in each perturbed run.</summary>
    public IReadOnlyList<BargainingModelKind> Models { get; init; } = [BargainingModelKind.Bdm, BargainingModelKind.Exchange];

    /// <summary>Options of the expected-utility model.</summary>
    public BdmOptions Bdm { get; init; } = new();

    /// <summary>Options of the exchange model.</summary>
    public ExchangeOptions Exchange { get; init; } = new();

    /// <summary>
    /// The stopping rule each perturbed run forecasts with (its round count is the minimum), or null for R1's fixed
    /// round count. <see cref="SensitivityStopping"/> is the shorter horizon used by default for the runs.
    /// </summary>
    public StoppingRuleOptions? Stopping { get; init; }

    /// <summary>The stopping rule for perturbed runs: at most 48 rounds, averaging the last 24 when undecided.</summary>
    public static StoppingRuleOptions SensitivityStopping { get; } = new() { MaxRounds = 48, FallbackWindow = 24 };

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (Runs < 1)
        {
            throw new ArgumentException($"sensitivity runs must be at least 1, found {Runs}.");
        }

        if (!(Spread >= 0 && Spread < 1))
        {
            throw new ArgumentException($"sensitivity spread must lie in [0, 1), found {Spread}.");
        }

        if (Models.Count == 0)
        {
            throw new ArgumentException("sensitivity needs at least one model.");
        }
    }
}

/// <summary>Distribution over the perturbed runs of one issue's forecast under one model.</summary>
/// <param name="Issue">Issue id.</param>
/// <param name="Model">Model.</param>
/// <param name="Baseline">Forecast of the unperturbed data.</param>
/// <param name="Means">Forecast weighted mean of each run, in run order.</param>
/// <param name="Medians">Forecast weighted median of each run, in run order.</param>
public sealed record ForecastDistribution(string Issue, BargainingModelKind Model, IssueForecast Baseline, double[] Means, double[] Medians)
{
    /// <summary>Quantile (linear interpolation between order statistics) of the run means.</summary>
    public double MeanQuantile(double p) => Quantile(Means, p);

    /// <summary>Quantile of the run medians.</summary>
    public double MedianQuantile(double p) => Quantile(Medians, p);

    /// <summary>Average of the run means.</summary>
    public double AverageOfMeans => Means.Average();

    /// <summary>Standard deviation of the run means.</summary>
    public double SdOfMeans
    {
        get
        {
            var m = AverageOfMeans;
            return Means.Length < 2 ? 0 : Math.Sqrt(Means.Sum(v => (v - m) * (v - m)) / (Means.Length - 1));
        }
    }

    private static double Quantile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>How strongly one actor's perturbations on an issue move that issue's forecast mean (Pearson correlation over runs).</summary>
/// <param name="Issue">Issue id.</param>
/// <param name="Model">Model.</param>
/// <param name="Actor">Actor id.</param>
/// <param name="CapabilityCorrelation">Correlation of the forecast mean with the actor's capability factor on the issue.</param>
/// <param name="SalienceCorrelation">Correlation of the forecast mean with the actor's salience factor on the issue.</param>
/// <param name="CapabilitySlope">Change of the forecast mean per unit of relative capability change (least-squares slope).</param>
/// <param name="SalienceSlope">Change of the forecast mean per unit of relative salience change.</param>
public sealed record DriverEffect(string Issue, BargainingModelKind Model, string Actor, double CapabilityCorrelation, double SalienceCorrelation, double CapabilitySlope, double SalienceSlope)
{
    /// <summary>The larger absolute correlation: the ranking key.</summary>
    public double Strength => Math.Max(Math.Abs(CapabilityCorrelation), Math.Abs(SalienceCorrelation));
}

/// <summary>Result of a sensitivity analysis.</summary>
/// <param name="Options">Options used.</param>
/// <param name="Distributions">Per model and issue.</param>
/// <param name="Drivers">Per model, issue and actor, strongest first within each issue.</param>
public sealed record SensitivityResult(SensitivityOptions Options, IReadOnlyList<ForecastDistribution> Distributions, IReadOnlyList<DriverEffect> Drivers);

/// <summary>
/// Repeated runs of the negotiation models with capability and salience perturbed (seeded), reporting the distribution of
/// each issue's forecast and which actors' perturbations move it most.
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>Runs the analysis.</summary>
    public static SensitivityResult Run(StakeholderSet set, SensitivityOptions options)
    {
        options.Validate();
        var slots = set.Issues.Sum(i => i.Stakes.Count);
        var runs = options.Runs;
        var capU = new double[runs * slots];
        var salU = new double[runs * slots];
        var models = options.Models;
        var issues = set.Issues.Count;
        var means = new double[models.Count, issues, runs];
        var medians = new double[models.Count, issues, runs];

        void One(int run)
        {
            var random = new Random(unchecked((options.Seed * 1_000_003) + run));
            var offset = run * slots;
            var slot = 0;
            var perturbed = set.Map((_, _, stake) =>
            {
                var uc = (2 * random.NextDouble()) - 1;
                var us = (2 * random.NextDouble()) - 1;
                capU[offset + slot] = uc;
                salU[offset + slot] = us;
                slot++;
                return stake with
                {
                    Capability = new Capability(stake.Capability.Value * (1 + (options.Spread * uc))),
                    Salience = new Salience(Math.Min(1, stake.Salience.Value * (1 + (options.Spread * us)))),
                };
            });
            for (var m = 0; m < models.Count; m++)
            {
                var forecasts = Forecaster.Forecast(perturbed, models[m], options.Bdm, options.Exchange, options.Stopping);
                for (var d = 0; d < issues; d++)
                {
                    means[m, d, run] = forecasts[d].Mean;
                    medians[m, d, run] = forecasts[d].Median;
                }
            }
        }

        if (options.Parallel)
        {
            System.Threading.Tasks.Parallel.For(0, runs, One);
        }
        else
        {
            for (var run = 0; run < runs; run++)
            {
                One(run);
            }
        }

        var distributions = new List<ForecastDistribution>();
        var drivers = new List<DriverEffect>();
        for (var m = 0; m < models.Count; m++)
        {
            var baseline = Forecaster.Forecast(set, models[m], options.Bdm, options.Exchange, options.Stopping);
            var slotBase = 0;
            for (var d = 0; d < issues; d++)
            {
                var mean = Enumerable.Range(0, runs).Select(r => means[m, d, r]).ToArray();
                var median = Enumerable.Range(0, runs).Select(r => medians[m, d, r]).ToArray();
                distributions.Add(new ForecastDistribution(set.Issues[d].Issue.Id, models[m], baseline[d], mean, median));
                var effects = new List<DriverEffect>();
                for (var k = 0; k < set.Issues[d].Stakes.Count; k++)
                {
                    var s = slotBase + k;
                    var uc = Enumerable.Range(0, runs).Select(r => capU[(r * slots) + s]).ToArray();
                    var us = Enumerable.Range(0, runs).Select(r => salU[(r * slots) + s]).ToArray();
                    var (cc, cs) = Regress(uc, mean, options.Spread);
                    var (sc, ss) = Regress(us, mean, options.Spread);
                    effects.Add(new DriverEffect(set.Issues[d].Issue.Id, models[m], set.Issues[d].Stakes[k].Actor.Id, cc, sc, cs, ss));
                }

                drivers.AddRange(effects.OrderByDescending(e => e.Strength));
                slotBase += set.Issues[d].Stakes.Count;
            }
        }

        return new SensitivityResult(options, distributions, drivers);
    }

    /// <summary>Correlation of y with u, and the least-squares slope of y on the relative change spread·u.</summary>
    private static (double Correlation, double Slope) Regress(double[] u, double[] y, double spread)
    {
        var n = u.Length;
        if (n < 2 || spread == 0)
        {
            return (0, 0);
        }

        double mu = u.Average(), my = y.Average(), suu = 0, syy = 0, suy = 0;
        for (var r = 0; r < n; r++)
        {
            suu += (u[r] - mu) * (u[r] - mu);
            syy += (y[r] - my) * (y[r] - my);
            suy += (u[r] - mu) * (y[r] - my);
        }

        var correlation = suu > 0 && syy > 0 ? suy / Math.Sqrt(suu * syy) : 0;
        var slope = suu > 0 ? suy / suu / spread : 0;
        return (correlation, slope);
    }
}
