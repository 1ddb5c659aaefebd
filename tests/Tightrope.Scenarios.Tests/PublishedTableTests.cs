using Tightrope.Equilibrium.OneSector;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Scenarios.Tests;

/// <summary>The shipped scenario files reproduce the paper's Tables 1 and 3 at printed precision.</summary>
public class PublishedTableTests
{
    private static readonly string[] Columns = ["welfare", "deficit", "X/GDP", "M/GDP", "employment", "prices"];

    private static TariffEquilibriumResult Solve(string name) =>
        OneSectorTariffScenarioModel.Solve(ScenarioCatalog.Default().Find(name), new RunOptions());

    private static double[] Row(IReadOnlyList<object?> row) => row.Skip(1).Take(6).Select(v => (double)v!).ToArray();

    [Fact]
    public void Table1_all_three_cases_match_at_printed_precision()
    {
        var published = PublishedTables.Table1();
        published.Count.ShouldBe(3);
        var output = TestContext.Current.TestOutputHelper;
        var mismatches = new List<string>();
        string[] cases = ["imls-case1", "imls-case2", "imls-case3"];
        for (var c = 0; c < 3; c++)
        {
            var summary = TariffReport.Summary(Solve(cases[c]));
            var usa = Row(summary.Rows.Single(r => (string)r[0]! == "United States"));
            var nonUs = Row(summary.Rows.Single(r => (string)r[0]! == "non-US average"));
            output?.WriteLine($"Table 1, case {c + 1} ({cases[c]})");
            output?.WriteLine($"  {"column",-12} {"USA paper",10} {"USA ours",10} {"non-US paper",13} {"non-US ours",12}");
            for (var k = 0; k < 6; k++)
            {
                var (pu, pn) = (published[c].Usa[k], published[c].NonUs[k]);
                var (ou, on) = (PublishedTables.AsPrinted(usa[k], pu), PublishedTables.AsPrinted(nonUs[k], pn));
                output?.WriteLine($"  {Columns[k],-12} {pu,10} {ou,10} {pn,13} {on,12}");
                if (ou != pu)
                {
                    mismatches.Add($"case {c + 1} USA {Columns[k]}: paper {pu}, ours {usa[k]}");
                }

                if (on != pn)
                {
                    mismatches.Add($"case {c + 1} non-US {Columns[k]}: paper {pn}, ours {nonUs[k]}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public void Table3_revenue_matches_at_printed_precision()
    {
        var (gdp, budget) = PublishedTables.Table3();
        string[] scenarios = ["imls-case1", "imls-case3", "imls-optimal-retaliation", "imls-reciprocal"];
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{"scenario",-26} {"% GDP paper",12} {"ours",8} {"% budget paper",15} {"ours",8}");
        for (var k = 0; k < 4; k++)
        {
            var result = Solve(scenarios[k]);
            var share = 100 * result.For("USA").RevenueShare;
            var ours = PublishedTables.AsPrinted(share, gdp[k]);
            var oursBudget = PublishedTables.AsPrinted(share / TariffReport.FederalBudgetShareOfGdp, budget[k]);
            output?.WriteLine($"{scenarios[k],-26} {gdp[k],12} {ours,8} {budget[k],15} {oursBudget,8}");
            ours.ShouldBe(gdp[k], scenarios[k]);
            oursBudget.ShouldBe(budget[k], scenarios[k]);
        }
    }
}
