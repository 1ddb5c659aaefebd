using System.Diagnostics;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Exchange;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Bargaining.Tests;

/// <summary>The stopping rule: forecasts that do not flip with the round count.</summary>
public sealed class StoppingRuleTests
{
    private static StakeholderSet Usmx() =>
        BargainingSetup.FromScenario(ScenarioCatalog.Default().Find("usmx-bargaining"), new RunOptions()).Set;

    [Theory]
    [InlineData(BargainingModelKind.Bdm)]
    [InlineData(BargainingModelKind.Exchange)]
    public void Default_forecast_does_not_change_with_the_round_count(BargainingModelKind model)
    {
        var set = Usmx();
        var clock = Stopwatch.StartNew();
        var byRounds = Enumerable.Range(8, 7).Select(n => StoppingRule.Forecasts(set, model, new BdmOptions(), new ExchangeOptions(), n, new StoppingRuleOptions())).ToList();
        foreach (var f in byRounds[0])
        {
            TestContext.Current.SendDiagnosticMessage($"{model} {f.Forecast.Issue}: {f.Kind} at {f.StoppedAt}, period {f.Period}, median {f.Forecast.Median:F4}, mean {f.Forecast.Mean:F4}; cycle medians {string.Join(" ", f.CycleMedians.Select(m => m.ToString("F3")))}");
        }

        TestContext.Current.SendDiagnosticMessage($"{model}: {clock.Elapsed.TotalSeconds:F2} s for N = 8…14");
        foreach (var other in byRounds.Skip(1))
        {
            for (var d = 0; d < other.Count; d++)
            {
                other[d].Forecast.Median.ShouldBe(byRounds[0][d].Forecast.Median, 1e-3, other[d].Forecast.Issue);
                other[d].Forecast.Mean.ShouldBe(byRounds[0][d].Forecast.Mean, 1e-3, other[d].Forecast.Issue);
                other[d].Kind.ShouldBe(byRounds[0][d].Kind);
            }
        }
    }
}
