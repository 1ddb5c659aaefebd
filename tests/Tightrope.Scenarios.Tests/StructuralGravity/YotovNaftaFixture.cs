using Tightrope.Data;
using Tightrope.Equilibrium.StructuralGravity;
using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Scenarios.Tests.StructuralGravity;

/// <summary>The book's Application 2 inputs, estimated once per test run (stage 1 is the expensive part).</summary>
public static class YotovNafta
{
    public static readonly string[] Nafta = ["CAN", "MEX", "USA"];

    public static readonly Lazy<TwoStageCostEstimate> Costs = new(() =>
    {
        var panel = GravityPanel.Read(DataLocation.Resolve("yotov2016", "Chapter2Application2.dta"));
        return TwoStageTradeCosts.Estimate(panel, [1986, 1990, 1994, 1998, 2002, 2006], 1994, "RTA", ["log(DIST)", "CNTG", "LANG", "CLNY"], MoneyUnit.MillionUsd);
    });

    public static GravityEconomy Economy()
    {
        var c = Costs.Value;
        return new GravityEconomy(c.Flows, c.Costs(c.Beta), "DEU", 7);
    }

    public static PairMatrix Counterfactual() => Costs.Value.Costs(Costs.Value.Beta, Nafta);

    public static readonly Lazy<GravityGeResult> Direct = new(() => GravityGeModel.Solve(Economy(), Counterfactual()));

    public static readonly Lazy<GravityGeResult> Iterative = new(() => GravityGeModel.Solve(Economy(), Counterfactual(), FullEndowmentMethod.IterativePpml));
}
