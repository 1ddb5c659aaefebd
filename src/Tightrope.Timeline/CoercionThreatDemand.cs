using System.Globalization;
using Tightrope.Linkage;

namespace Tightrope.Timeline;

/// <summary>
/// D* for each postponement from the coercion game of the tightrope model (tightrope-linkage.md §3): the threat priced on
/// the tariffs in force at the first date the postponement covers, with Mexico answering by its best retaliation.
/// </summary>
/// <param name="conflictExpectation">B in [0, 1]; the spec's default 0.75 (allies with friction).</param>
public sealed class CoercionThreatDemand(double conflictExpectation = CoercionThreatDemand.DefaultConflictExpectation) : IThreatDemand
{
    /// <summary>The spec's default conflict expectation.</summary>
    public const double DefaultConflictExpectation = 0.75;

    private readonly double _b = Checked(conflictExpectation);

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"coercion game (Drezner), B = {_b:0.##}");

    /// <inheritdoc />
    public ThreatDemand Demand(ThreatDemandQuery query)
    {
        var countries = query.Baseline.Countries;
        var (usa, mex, chn) = (countries.Require("USA"), countries.Require("MEX"), countries.Require("CHN"));

        // The status quo is the schedule in force: Mexico's retaliation and its duties on China as they stood that day.
        var statusQuo = new Instruments(query.StatusQuoRate, query.Background[usa, mex], query.Background[chn, mex]);
        var payoffs = new TariffPayoffs(query.Baseline, query.Background, query.Parameters);
        var assessment = TariffGame.Assess(payoffs, new ThreatSpec(statusQuo, Math.Max(query.ThreatRate, query.StatusQuoRate)));
        var outcome = assessment.At(_b);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{query.Postponement.Date:yyyy-MM-dd}: B = {_b:0.##}, c_s = {assessment.CostSenderUsdBn:0.0} and c_m = {assessment.CostTargetUsdBn:0.0} USD bn a year (Mexico's best retaliation {100 * assessment.Retaliation.Rate:0.0}%); {(outcome.Credible ? "credible" : "not credible")}, D* = {outcome.DemandUsdBn:0.0} USD bn.");
        return new ThreatDemand(outcome.Credible, outcome.DemandUsdBn, assessment.DemandPctGdpMex(_b), detail);
    }

    private static double Checked(double b)
    {
        Coercion.RequireConflictExpectation(b, "conflictExpectation");
        return b;
    }
}
