using System.Globalization;

namespace Tightrope.Reports;

/// <summary>Number wording for the plain-language headline printed above a run's tables.</summary>
public static class Headline
{
    /// <summary>A signed percentage with a typographic minus: "−3.78%", "+1.32%", "0%".</summary>
    public static string Percent(double pct, int decimals = 2)
    {
        var rounded = Math.Round(pct, decimals);
        if (rounded == 0)
        {
            return "0%";
        }

        var text = Math.Abs(rounded).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        return (rounded < 0 ? "\u2212" : "+") + text + "%";
    }

    /// <summary>An amount of US dollars in words people read: "USD 68 bn", "USD 1.2 tn", "USD 450 m".</summary>
    public static string Usd(double usd)
    {
        var a = Math.Abs(usd);
        var (value, unit) = a >= 1e12 ? (a / 1e12, "tn") : a >= 1e9 ? (a / 1e9, "bn") : a >= 1e6 ? (a / 1e6, "m") : (a / 1e3, "thousand");
        var text = value >= 10 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
        return $"USD {text} {unit}";
    }

    /// <summary>"welfare −3.78% (about USD 68 bn a year)": a percentage change of an annual amount, with the amount.</summary>
    public static string WithAmount(string what, double pct, double baselineUsd, int decimals = 2) =>
        $"{what} {Percent(pct, decimals)} ({(pct < 0 ? "a loss of " : pct > 0 ? "a gain of " : string.Empty)}about {Usd(pct / 100 * baselineUsd)} a year)";
}
