using System.Globalization;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Reports;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>Weights of group averages.</summary>
public enum GroupWeights
{
    /// <summary>Baseline gross expenditure E (the paper's Tables 1–3).</summary>
    Expenditure,

    /// <summary>Raw GDP (the paper's Table 4).</summary>
    Gdp,
}

/// <summary>Turns a tariff-model result into the tables users read and the CSV files tools read.</summary>
public static class TariffReport
{
    /// <summary>Share of US federal spending in GDP used to express revenue as a share of the federal budget (Ignatenko et al. 2025, Table 3).</summary>
    public const double FederalBudgetShareOfGdp = 0.23;

    private static readonly string[] Focus = ["MEX", "USA", "CAN", "CHN"];

    /// <summary>The seven outcome columns, each bound to its value: defined once for every table and average.</summary>
    private static readonly IReadOnlyList<(ReportColumn Column, Func<CountryOutcome, double> Value)> Outcomes =
    [
        (ReportColumn.Number("welfare_pct", "welfare", 2).Good(Polarity.HigherIsBetter), o => o.WelfarePct),
        (ReportColumn.Number("deficit_pct", "deficit", 1), o => o.DeficitPct),
        (ReportColumn.Number("exports_gdp_pct", "X/GDP", 1), o => o.ExportsToGdpPct),
        (ReportColumn.Number("imports_gdp_pct", "M/GDP", 1), o => o.ImportsToGdpPct),
        (ReportColumn.Number("employment_pct", "jobs", 2).Good(Polarity.HigherIsBetter), o => o.EmploymentPct),
        (ReportColumn.Number("prices_pct", "prices", 1).Good(Polarity.LowerIsBetter), o => o.PricesPct),
        (ReportColumn.Number("revenue_share", "rev/E", 4), o => o.RevenueShare),
    ];

    /// <summary>Columns of a country row: iso3, name, then the outcomes.</summary>
    private static readonly IReadOnlyList<Column<CountryOutcome>> CountryColumns =
    [
        new(ReportColumn.Text("iso3"), o => o.Country.Iso3),
        new(ReportColumn.Text("name"), o => o.Country.Name),
        .. Outcomes.Select(c => new Column<CountryOutcome>(c.Column, o => c.Value(o))),
    ];

    /// <summary>The seven outcome columns, CSV name and screen label.</summary>
    public static IReadOnlyList<ReportColumn> OutcomeColumns { get; } = [.. Outcomes.Select(c => c.Column)];

    /// <summary>Builds the report: focus countries and aggregates, extremes, all countries, summary, indicators.</summary>
    public static RunReport Build(ScenarioDocument scenario, TariffEquilibriumResult result, GroupWeights weights = GroupWeights.Expenditure)
    {
        var summary = Summary(result, weights);
        var countries = TypedTable.Build("countries", "All countries", CountryColumns, result.Outcomes) with { ScreenRowLimit = 0 };

        var focusRows = Focus.Where(c => result.Baseline.Countries.Contains(c)).Select(c => Row(result.For(c)))
            .Concat(summary.Rows.Where(r => (string)r[0]! is "non-US average" or "EU-25 average" or "rest of world average")
                .Select(r => (IReadOnlyList<object?>)[string.Empty, .. r]))
            .ToList();
        var focus = new ReportTable("focus", "Mexico, its partners, and the averages", [.. CountryColumns.Select(c => c.Definition)], focusRows)
        {
            Note = $"% changes: welfare, trade deficit, exports/GDP, imports/GDP, employment, consumer prices; rev/E = tariff revenue as a fraction of baseline expenditure. Averages weight countries by {(weights == GroupWeights.Gdp ? "GDP" : "baseline expenditure")}.",
        };
        var byWelfare = result.Outcomes.OrderBy(o => o.WelfarePct).ToList();
        var extremes = TypedTable.Build("extremes", "Largest welfare losses and gains", CountryColumns, byWelfare.Take(5).Concat(byWelfare.TakeLast(5)));

        var indicators = Indicators(result);
        var notes = new List<string> { $"Scenario '{scenario.Name}': {scenario.Description}" };
        notes.AddRange(scenario.Sources.Select(s => $"Source: {s.Claim} — {s.Source}"));
        var d = result.Diagnostics;
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Solved {3 * result.Baseline.Size} equations in {d.Solver.Iterations} Newton iterations, {d.Elapsed.TotalMilliseconds:F0} ms; largest scaled residual {d.ResidualNorm:E1}."));
        return new RunReport(scenario.Title, [focus, extremes, summary, indicators, countries], notes)
        {
            Headline = HeadlineOf(result),
            Solver = [new SolverDiagnostic("tariff equilibrium (Newton)", d.Solver.Iterations, d.ResidualNorm)],
        };
    }

    /// <summary>"Mexico: welfare −3.78% (about USD 68 bn a year), employment −1.32%, exports/GDP −26%; United States: …".</summary>
    public static string HeadlineOf(TariffEquilibriumResult result)
    {
        var parts = new List<string>();
        foreach (var iso in new[] { "MEX", "USA" })
        {
            var k = result.Baseline.Countries.IndexOf(iso);
            if (k < 0)
            {
                continue;
            }

            var o = result.Outcomes[k];
            // Baseline expenditure is in thousand USD.
            var expenditureUsd = 1000 * result.Baseline.Expenditure[k];
            parts.Add($"{o.Country.Name}: {Headline.WithAmount("welfare", o.WelfarePct, expenditureUsd)}, employment {Headline.Percent(o.EmploymentPct)}, exports/GDP {Headline.Percent(o.ExportsToGdpPct, 0)}, consumer prices {Headline.Percent(o.PricesPct, 1)}");
        }

        return string.Join("; ", parts) + ". Dollar amounts apply the welfare change to 2023 expenditure.";
    }

    private static IReadOnlyList<object?> Row(CountryOutcome o) => TypedTable.Row(CountryColumns, o);

    /// <summary>The spec's table aggregates: single countries and expenditure-weighted group means.</summary>
    public static ReportTable Summary(TariffEquilibriumResult result, GroupWeights weights = GroupWeights.Expenditure)
    {
        var weightOf = weights == GroupWeights.Gdp
            ? (Func<int, double>)(i => result.Baseline.Data.Gdp[i])
            : i => result.Baseline.Expenditure[i];
        var countries = result.Baseline.Countries;
        var us = result.Baseline.UnitedStates;
        var eu = CountryGroups.Positions(CountryGroups.Eu25, countries).ToHashSet();
        var china = countries.IndexOf("CHN");
        var all = Enumerable.Range(0, countries.Count).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var iso in new[] { "USA", "MEX", "CAN", "CHN" })
        {
            var k = countries.IndexOf(iso);
            if (k >= 0)
            {
                var o = result.Outcomes[k];
                rows.Add([o.Country.Name, .. Outcomes.Select(c => (object?)c.Value(o))]);
            }
        }

        rows.Add(WeightedMean("non-US average", all.Where(i => i != us), result, weightOf));
        rows.Add(WeightedMean("EU-25 average", eu, result, weightOf));
        rows.Add(WeightedMean("rest of world average", all.Where(i => i != us && i != china && !eu.Contains(i)), result, weightOf));
        return new ReportTable("summary", "Aggregates", [ReportColumn.Text("group"), .. OutcomeColumns], rows)
        {
            Note = weights == GroupWeights.Gdp
                ? "Group means weight each country by GDP (Ignatenko et al. 2025, Table 4); EU-25 omits CZE and SVK as the paper does."
                : "Group means weight each country by its baseline gross expenditure E (Ignatenko et al. 2025, Tables 1–2); EU-25 omits CZE and SVK as the paper does.",
        };
    }

    private static IReadOnlyList<object?> WeightedMean(string label, IEnumerable<int> members, TariffEquilibriumResult result, Func<int, double> weightOf)
    {
        var sums = new double[Outcomes.Count];
        var weight = 0.0;
        foreach (var i in members)
        {
            var w = weightOf(i);
            var o = result.Outcomes[i];
            for (var c = 0; c < Outcomes.Count; c++)
            {
                sums[c] += w * Outcomes[c].Value(o);
            }

            weight += w;
        }

        return [label, .. sums.Select(s => (object?)(s / weight))];
    }

    private static ReportTable Indicators(TariffEquilibriumResult result)
    {
        var b = result.Baseline;
        var usRevenue = result.Outcomes[b.UnitedStates].RevenueShare;
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "global_trade_to_gdp_pct", "World trade (gross of tariffs) relative to world income, % change", result.Global.TradeToGdpPct },
            new object?[] { "global_employment_pct", "World employment, income-weighted, % change", result.Global.EmploymentPct },
            new object?[] { "us_revenue_pct_gdp", "US tariff revenue, % of GDP (divided by baseline expenditure, as in Table 3)", 100 * usRevenue },
            new object?[] { "us_revenue_pct_federal_budget", "US tariff revenue, % of the federal budget (GDP share / 0.23)", 100 * usRevenue / FederalBudgetShareOfGdp },
            new object?[] { "cost_share_rest_of_world", "Calibrated destination cost share ν, non-US", b.RestOfWorldCostShare },
            new object?[] { "cost_share_usa", "Calibrated destination cost share ν, USA", b.UnitedStatesCostShare },
            new object?[] { "solver_iterations", "Newton iterations", result.Diagnostics.Solver.Iterations },
            new object?[] { "solver_residual", "Largest scaled residual at the solution", result.Diagnostics.ResidualNorm },
        };
        return new ReportTable("indicators", "World and US fiscal indicators",
            [ReportColumn.Text("indicator"), ReportColumn.Text("description"), ReportColumn.Number("value", "value", 4)], rows);
    }
}
