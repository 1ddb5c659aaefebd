using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;

namespace Tightrope.Bargaining;

/// <summary>The two negotiation models.</summary>
public enum BargainingModelKind
{
    /// <summary>Bueno de Mesquita's expected-utility model, one issue at a time (<see cref="BdmModel"/>).</summary>
    Bdm,

    /// <summary>Stokman–van Oosten equal-gain exchange of positions across issues (<see cref="ExchangeModel"/>).</summary>
    Exchange,
}

/// <summary>One issue's forecast: the c·s-weighted median and mean of the final positions.</summary>
public sealed record IssueForecast(string Issue, double Median, double Mean);

/// <summary>Runs either model on a whole stakeholder set and reduces the result to per-issue forecasts and paths.</summary>
public static class Forecaster
{
    /// <summary>
    /// Per-issue paths Positions[d][t][k] (issue d, round t from 0, k the issue's stake index) under the chosen model. For the
    /// exchange model the positions of round t are the voting positions that produce that round's outcome.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<double[]>> Paths(StakeholderSet set, BargainingModelKind model, BdmOptions bdm, ExchangeOptions exchange)
    {
        if (model == BargainingModelKind.Bdm)
        {
            return set.Issues.Select(i => BdmModel.Run(i, bdm).Positions).ToList();
        }

        return Paths(set, ExchangeModel.Run(set, exchange));
    }

    /// <summary>Per-issue paths Positions[d][t][k] of an exchange-model run on <paramref name="set"/>: the voting positions of each round.</summary>
    public static IReadOnlyList<IReadOnlyList<double[]>> Paths(StakeholderSet set, ExchangeResult result)
    {
        var index = set.Actors.Select((a, k) => (a.Id, k)).ToDictionary(t => t.Id, t => t.k, StringComparer.Ordinal);
        return set.Issues.Select((issue, d) => (IReadOnlyList<double[]>)result.Voting
            .Select(round => issue.Stakes.Select(s => round[d][index[s.Actor.Id]]).ToArray())
            .ToList()).ToList();
    }

    /// <summary>
    /// Per-issue forecasts: under the stopping rule when <paramref name="stopping"/> is given (the options' round count is
    /// the minimum), else the final positions after the fixed round count (R1).
    /// </summary>
    public static IReadOnlyList<IssueForecast> Forecast(StakeholderSet set, BargainingModelKind model, BdmOptions bdm, ExchangeOptions exchange, StoppingRuleOptions? stopping) =>
        stopping is null
            ? Forecasts(set, Paths(set, model, bdm, exchange))
            : StoppingRule.Forecasts(set, model, bdm, exchange, model == BargainingModelKind.Bdm ? bdm.Rounds : exchange.Rounds, stopping).Select(f => f.Forecast).ToList();

    /// <summary>The c·s-weighted median and mean of each issue's final positions.</summary>
    public static IReadOnlyList<IssueForecast> Forecasts(StakeholderSet set, IReadOnlyList<IReadOnlyList<double[]>> paths) =>
        set.Issues.Select((issue, d) =>
        {
            var final = paths[d][^1];
            var c = issue.Capabilities();
            var s = issue.Saliences();
            return new IssueForecast(issue.Issue.Id, WeightedStats.Median(c, s, final), WeightedStats.Mean(c, s, final));
        }).ToList();
}
