using Tightrope.Bargaining;
using Tightrope.Bargaining.Sensitivity;

namespace Tightrope.Linkage;

/// <summary>One economic quantity implied by a negotiation forecast, with 5/50/95% bands over the sensitivity runs.</summary>
/// <param name="Quantity">Name (tau, kappa, u, welfare_usa_pct, …).</param>
/// <param name="Forecast">Value at the unperturbed forecast.</param>
/// <param name="P5">5th percentile over the runs (NaN without a sensitivity analysis).</param>
/// <param name="P50">Median over the runs.</param>
/// <param name="P95">95th percentile over the runs.</param>
/// <param name="How">How it is obtained.</param>
public sealed record EconomicBand(string Quantity, double Forecast, double P5, double P50, double P95, string How);

/// <summary>
/// Forecasts → economics (spec §6): the T, C and U forecasts (weighted medians) map to τ, κ and the USMCA outcome u,
/// and the GE is solved at each; the sensitivity runs give bands. Instruments are rounded to 10⁻⁴ before solving so runs
/// with (nearly) the same forecast share one solve.
/// </summary>
public static class ForecastEconomics
{
    /// <summary>Maps forecasts to instruments and solves.</summary>
    /// <param name="payoffs">Payoff surface (background as wanted; r = 0).</param>
    /// <param name="forecasts">Unperturbed per-issue forecasts.</param>
    /// <param name="sensitivity">Sensitivity runs (or null).</param>
    /// <param name="model">Model whose runs give the bands.</param>
    /// <param name="tariffMap">Issue T → τ.</param>
    /// <param name="chinaMap">Issue C → κ.</param>
    /// <param name="agreement">A_USA, A_MEX (USD bn) of keeping the USMCA, for issue U (or null to leave U out).</param>
    public static IReadOnlyList<EconomicBand> Run(
        TariffPayoffs payoffs, IReadOnlyList<IssueForecast> forecasts, SensitivityResult? sensitivity, BargainingModelKind model,
        IssueMapping tariffMap, IssueMapping chinaMap, (double Usa, double Mex)? agreement)
    {
        double Median(string issue) => forecasts.FirstOrDefault(f => f.Issue == issue)?.Median
            ?? throw new LinkageInputException("issues", $"issue id '{issue}' is not in the stakeholder set; known: {string.Join(", ", forecasts.Select(f => f.Issue))}.");

        var point = Outcome(payoffs, Median("T"), Median("C"), agreement is null ? 100 : Median("U"), tariffMap, chinaMap, agreement);
        var runs = new List<double[]>();
        if (sensitivity is not null)
        {
            double[] Runs(string issue) => sensitivity.Distributions.First(d => d.Issue == issue && d.Model == model).Medians;
            var t = Runs("T");
            var c = Runs("C");
            var u = agreement is null ? null : Runs("U");
            for (var k = 0; k < t.Length; k++)
            {
                runs.Add(Outcome(payoffs, t[k], c[k], u?[k] ?? 100, tariffMap, chinaMap, agreement));
            }
        }

        string[] names = ["position_T", "position_C", "position_U", "tau", "kappa", "u", "welfare_usa_pct", "welfare_mex_pct", "usd_bn_usa", "usd_bn_mex"];
        string[] how =
        [
            "weighted median forecast of issue T", "weighted median forecast of issue C", agreement is null ? "issue U left out (clean extension assumed)" : "weighted median forecast of issue U",
            "issue T → τ (spec §6 anchors)", "issue C → κ (spec §6)", "issue U / 100 (0: the agreement's effect removed)",
            "GE welfare change of the USA at (τ, r = 0, κ)", "GE welfare change of Mexico", "V_USA + A_USA (u − 1), USD bn", "V_MEX + A_MEX (u − 1), USD bn",
        ];
        return names.Select((name, i) =>
        {
            var values = runs.Select(r => r[i]).Order().ToArray();
            return new EconomicBand(name, point[i], Quantile(values, 0.05), Quantile(values, 0.5), Quantile(values, 0.95), how[i]);
        }).ToList();
    }

    private static double[] Outcome(TariffPayoffs payoffs, double t, double c, double u, IssueMapping tariffMap, IssueMapping chinaMap, (double Usa, double Mex)? agreement)
    {
        var tau = Math.Round(tariffMap.ValueAt(t), 4);
        var kappa = Math.Round(chinaMap.ValueAt(c), 4);
        var share = Math.Clamp(u / 100, 0, 1);
        var p = payoffs.At(tau, 0, kappa);
        var (au, am) = agreement ?? (0, 0);
        return [t, c, u, tau, kappa, share, p.WelfarePctUsa, p.WelfarePctMex, p.UsdBnUsa + (au * (share - 1)), p.UsdBnMex + (am * (share - 1))];
    }

    private static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
