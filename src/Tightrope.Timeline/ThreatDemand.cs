using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Timeline;

/// <summary>
/// What Washington could credibly demand for not carrying out a threat (D* of the coercion game,
/// tightrope-linkage.md §3). The timeline asks it once per postponement and shows the answer beside the value.
/// </summary>
public interface IThreatDemand
{
    /// <summary>Short name of the method, for the report notes.</summary>
    string Name { get; }

    /// <summary>The demand for one postponement; <paramref name="query"/> carries the background and both rates.</summary>
    ThreatDemand Demand(ThreatDemandQuery query);
}

/// <summary>The question put to an <see cref="IThreatDemand"/> for one postponement, at the first tracker date it covers.</summary>
/// <param name="Baseline">The baseline every solve uses (warm starts need the same object).</param>
/// <param name="Parameters">Tariff-model parameters of the run.</param>
/// <param name="Date">The tracker date.</param>
/// <param name="Background">The matrix in force at that date (the status quo q, with τ_q in it).</param>
/// <param name="StatusQuo">The solved status quo, usable as a warm start.</param>
/// <param name="StatusQuoRate">τ_q: the effective US rate on Mexico in force (fraction).</param>
/// <param name="ThreatRate">τ̄: the effective US rate on Mexico if the threat were carried out (fraction).</param>
/// <param name="Episode">The threat's episode.</param>
/// <param name="Postponement">The postponement row.</param>
public sealed record ThreatDemandQuery(
    OneSectorBaseline Baseline, TariffModelParameters Parameters, DateOnly Date, PairMatrix Background,
    TariffEquilibriumResult StatusQuo, double StatusQuoRate, double ThreatRate, Episode Episode, TimelineEvent Postponement);

/// <summary>The answer: whether the threat is credible and the demand D* (USD bn a year and % of Mexico's GDP).</summary>
/// <param name="Credible">Whether carrying out the threat is credible at the scenario's conflict expectation.</param>
/// <param name="DStarUsdBn">D*, USD bn a year (0 when not credible).</param>
/// <param name="DStarPctGdp">D* as % of Mexico's GDP.</param>
/// <param name="Detail">How it was obtained (conflict expectation, c_s, c_m), printed with the table.</param>
public sealed record ThreatDemand(bool Credible, double DStarUsdBn, double DStarPctGdp, string Detail);

/// <summary>Money conversions the timeline reports use.</summary>
public static class TimelineMoney
{
    /// <summary>V_i = W_i / 100 · E_i in USD bn (E_i in thousand USD).</summary>
    public static double ValueUsdBn(OneSectorBaseline baseline, int country, double welfarePct) =>
        welfarePct / 100 * baseline.Expenditure[country] * MoneyUnits.Factor(MoneyUnit.ThousandUsd, MoneyUnit.Usd) / 1e9;

    /// <summary>A value in USD bn as % of the country's GDP (gdp.csv, USD).</summary>
    public static double PctOfGdp(OneSectorBaseline baseline, int country, double usdBn) =>
        100 * usdBn * 1e9 / baseline.Data.Gdp.In(MoneyUnit.Usd)[country];
}
