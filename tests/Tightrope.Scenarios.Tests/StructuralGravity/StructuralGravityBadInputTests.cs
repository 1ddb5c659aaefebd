using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Gravity.Data;
using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Scenarios.Tests.StructuralGravity;

/// <summary>Bad panels give a clear error, never a number.</summary>
public sealed class StructuralGravityBadInputTests
{
    private static readonly string[] Codes = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"];

    /// <summary>A synthetic panel of gravity-shaped flows; <paramref name="flow"/> may zero or drop entries (NaN = no row).</summary>
    private static GravityPanel Panel(Func<string, string, int, double, double> flow)
    {
        var rng = new Random(7);
        var position = Codes.Select((_, k) => (X: rng.NextDouble() * 10, Y: rng.NextDouble() * 10)).ToArray();
        var exporter = new List<string?>();
        var importer = new List<string?>();
        var year = new List<double>();
        var trade = new List<double>();
        var rta = new List<double>();
        var dist = new List<double>();
        foreach (var t in new[] { 2000, 2005, 2010 })
        {
            for (var i = 0; i < Codes.Length; i++)
            {
                for (var j = 0; j < Codes.Length; j++)
                {
                    var d = i == j ? 0.3 : Math.Sqrt(Math.Pow(position[i].X - position[j].X, 2) + Math.Pow(position[i].Y - position[j].Y, 2)) + 0.5;
                    var agreement = i != j && i < 3 && j < 3 && t >= 2005 ? 1.0 : 0.0;
                    var mean = Math.Exp(6 - Math.Log(d) + (0.5 * agreement) + (i == j ? 2 : 0)) * Math.Exp(0.2 * (rng.NextDouble() - 0.5));
                    var value = flow(Codes[i], Codes[j], t, mean);
                    if (double.IsNaN(value))
                    {
                        continue;
                    }

                    exporter.Add(Codes[i]);
                    importer.Add(Codes[j]);
                    year.Add(t);
                    trade.Add(value);
                    rta.Add(agreement);
                    dist.Add(d);
                }
            }
        }

        var table = new ColumnarTable("synthetic.csv",
        [
            new TextColumn("exporter", [.. exporter]), new TextColumn("importer", [.. importer]), new NumericColumn("year", [.. year]),
            new NumericColumn("trade", [.. trade]), new NumericColumn("RTA", [.. rta]), new NumericColumn("DIST", [.. dist]),
        ]);
        return GravityPanel.FromTable(table, "synthetic.csv");
    }

    private static TwoStageCostEstimate Estimate(GravityPanel panel) =>
        TwoStageTradeCosts.Estimate(panel, [2000, 2005, 2010], 2010, "RTA", ["log(DIST)"], MoneyUnit.MillionUsd);

    [Fact]
    public void A_well_formed_panel_estimates_the_agreement_effect()
    {
        var costs = Estimate(Panel((_, _, _, mean) => mean));
        costs.Beta.ShouldBe(0.5, 0.05);
        costs.Filled.ShouldAllBe(f => !f);
        costs.Gamma("AAA", "AAA").ShouldBe(0);
        costs.Gamma("AAA", "BBB").ShouldBe(costs.Gamma("BBB", "AAA"));
    }

    [Fact]
    public void A_panel_without_domestic_flows_is_rejected()
    {
        var e = Should.Throw<DataFormatException>(() => Estimate(Panel((i, j, _, mean) => i == j ? double.NaN : mean)));
        e.Message.ShouldContain("no domestic flow");
        e.Message.ShouldContain("AAA");
    }

    [Fact]
    public void A_country_with_zero_production_is_rejected()
    {
        var e = Should.Throw<DataFormatException>(() => Estimate(Panel((i, _, t, mean) => i == "DDD" && t == 2010 ? 0 : mean)));
        e.Message.ShouldContain("DDD has zero production in year 2010");
    }

    [Fact]
    public void A_country_that_never_trades_internationally_is_a_disconnected_fixed_effect_structure()
    {
        var e = Should.Throw<DataFormatException>(() => Estimate(Panel((i, j, _, mean) => i != j && (i == "FFF" || j == "FFF") ? 0 : mean)));
        e.Message.ShouldContain("FFF");
        e.Message.ShouldContain("disconnected");
    }

    [Fact]
    public void Two_blocs_that_never_trade_with_each_other_are_rejected()
    {
        static bool West(string c) => c is "AAA" or "BBB" or "CCC";
        var e = Should.Throw<DataFormatException>(() => Estimate(Panel((i, j, _, mean) => West(i) != West(j) ? 0 : mean)));
        e.Message.ShouldContain("2 disconnected groups");
    }

    [Fact]
    public void Missing_pair_costs_without_covariates_are_rejected()
    {
        var panel = Panel((i, j, _, mean) => (i, j) is ("AAA", "EEE") or ("EEE", "AAA") ? 0 : mean);
        var e = Should.Throw<DataFormatException>(() => TwoStageTradeCosts.Estimate(panel, [2000, 2005, 2010], 2010, "RTA", [], MoneyUnit.MillionUsd));
        e.Message.ShouldContain("2 pair costs are not identified");
        var filled = Estimate(panel);
        filled.Filled.Count(f => f).ShouldBe(2);
    }

    [Fact]
    public void A_missing_pair_names_the_pair()
    {
        Should.Throw<DataFormatException>(() => Estimate(Panel((i, j, t, mean) => (i, j, t) is ("BBB", "CCC", 2010) ? double.NaN : mean)))
            .Message.ShouldContain("BBB→CCC");
    }

    [Fact]
    public void A_gravity_economy_with_a_zero_production_country_is_rejected()
    {
        var costs = Estimate(Panel((_, _, _, mean) => mean));
        var values = costs.Flows.Values.ToArray();
        var n = costs.Countries.Count;
        for (var j = 0; j < n; j++)
        {
            values[(2 * n) + j] = 0;
        }

        var economy = new GravityEconomy(new PairMatrix(costs.Countries, values, MoneyUnit.MillionUsd), costs.Costs(costs.Beta), "AAA", 7);
        Should.Throw<ArgumentException>(() => GravityGeModel.Solve(economy, costs.Costs(costs.Beta, ["AAA", "BBB"]))).Message.ShouldContain("CCC has zero production");
    }
}
