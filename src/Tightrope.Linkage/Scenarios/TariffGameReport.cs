using System.Globalization;
using Tightrope.Reports;

namespace Tightrope.Linkage.Scenarios;

/// <summary>The tables of the quick tariff game: game.csv (quantity, value, in words) and coercion.csv.</summary>
public static class TariffGameReport
{
    private static readonly HashSet<string> Counts = ["tariff_war_rounds", "tariff_war_converged", "credible", "ge_solves"];

    /// <summary>Builds the report.</summary>
    public static RunReport Build(TariffGameResult game, string backgroundName)
    {
        var inv = CultureInfo.InvariantCulture;
        var a = game.Assessment;
        var words = new Dictionary<string, string>
        {
            ["r_best_response"] = "Mexico's best retaliation against the threat (max W_MEX over r in [0, 1])",
            ["tau_best_response"] = "US best tariff on Mexico when Mexico does not retaliate (max W_USA over τ in [0, 1])",
            ["tau_nash"] = "US tariff in the tariff war (fixed point of the best responses)",
            ["r_nash"] = "Mexican tariff in the tariff war",
            ["c_us_usd_bn"] = "cost of deadlock to the US, USD bn (negative: the threat raises US welfare)",
            ["c_mex_usd_bn"] = "cost of deadlock to Mexico, USD bn",
            ["credible"] = "1 if carrying out the threat beats backing down for the US at this B",
            ["demand_usd_bn"] = "D*: the largest concession Mexico accepts rather than face the threat, USD bn",
            ["demand_pct_gdp_mex"] = "D* as % of Mexico's GDP",
            ["ge_solves"] = "general-equilibrium solves used",
        };
        // Counts and 0/1 flags print as integers, not as 3.0000.
        var rows = game.Rows().Select(r => (IReadOnlyList<object?>)
            [r.Quantity, Counts.Contains(r.Quantity) ? (object)(int)Math.Round(r.Value) : r.Value, words.GetValueOrDefault(r.Quantity, "")]).ToList();
        var own = a.At(game.ConflictExpectation);
        var table = new ReportTable("game", $"Tariff game: threat {a.Spec.Threat:P1} vs status quo {a.Spec.StatusQuo.Tau:P1}, background {backgroundName}, B = {game.ConflictExpectation:0.##}",
            [ReportColumn.Text("quantity"), ReportColumn.Number("value", "value", 4), ReportColumn.Text("in words")], rows)
        {
            Note = own.Credible
                ? string.Create(inv, $"Credible at B = {game.ConflictExpectation:0.##}: Washington can demand up to USD {own.DemandUsdBn:N1} bn ({a.DemandPctGdpMex(game.ConflictExpectation):0.##}% of Mexico's GDP).")
                : string.Create(inv, $"Not credible at B = {game.ConflictExpectation:0.##}: nothing is conceded."),
        };
        var coercion = new ReportTable("coercion", "Credibility and D* over the conflict expectation B",
        [
            ReportColumn.Number("conflict_expectation", "B", 2), ReportColumn.Text("credible"),
            ReportColumn.Number("demand_usd_bn", "D* bn", 2), ReportColumn.Number("demand_pct_gdp_mex", "D* % MEX GDP", 3),
        ], game.Grid.Select(c => (IReadOnlyList<object?>)[c.ConflictExpectation, c.Credible ? "yes" : "no", c.DemandUsdBn, 100 * c.DemandUsdBn / a.MexicoGdpUsdBn]).ToList());
        var notes = new List<string>
        {
            string.Create(inv, $"{game.Solves} general-equilibrium solves, {game.SolveTime.TotalSeconds:F1} s in the tariff model. Best responses: grid step 0.02, then Brent to 1e-6."),
        };
        if (game.WarProblem is not null)
        {
            notes.Insert(0, "WARNING: " + game.WarProblem);
        }

        return new RunReport("Tightrope tariff game (Drezner coercion on the 194-economy tariff model)", [table, coercion], notes);
    }
}
