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

/// <summary>The input–output variant reproduces the one-sector rows of the paper's Table 4.</summary>
public class InputOutputTableTests
{
    // Ignatenko et al. (2025), Table 4, one-sector rows as printed (specs/liberation-day-2025.md, Appendix A):
    // welfare, deficit, X/GDP, M/GDP, employment, prices.
    private static readonly string[] UstrUsa = ["0.86", "-18.4", "-53.9", "-44.4", "0.24", "12.7"];
    private static readonly string[] UstrNonUs = ["-1.31", "12.0", "-3.5", "-4.0", "-0.29", "-5.0"];
    private static readonly string[] ReciprocalUsa = ["-3.38", "-27.1", "-71.4", "-56.6", "-1.20", "9.3"];

    [Fact]
    public void Table4_one_sector_rows_match_at_printed_precision()
    {
        var output = TestContext.Current.TestOutputHelper;
        Check("imls-io-ustr", "United States", UstrUsa);
        Check("imls-io-ustr", "non-US average", UstrNonUs);
        Check("imls-io-reciprocal", "United States", ReciprocalUsa);

        void Check(string scenario, string group, string[] published)
        {
            var doc = ScenarioCatalog.Default().Find(scenario);
            var summary = Tariffs.TariffReport.Summary(Tariffs.OneSectorTariffScenarioModel.Solve(doc, new RunOptions()), Tariffs.OneSectorTariffScenarioModel.AverageWeights(doc));
            var row = summary.Rows.Single(r => (string)r[0]! == group).Skip(1).Take(6).Select(v => (double)v!).ToArray();
            var ours = row.Select((v, k) => PublishedTables.AsPrinted(v, published[k])).ToArray();
            output?.WriteLine($"{scenario,-20} {group,-15} paper: {string.Join(" ", published)}   ours: {string.Join(" ", ours)}");
            ours.ShouldBe(published, $"{scenario} {group}");
        }
    }
}
