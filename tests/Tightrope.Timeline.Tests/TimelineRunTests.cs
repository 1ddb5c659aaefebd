using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Tariffs;

namespace Tightrope.Timeline.Tests;

public class TimelineRunTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void All_23_dates_solve_on_both_paths()
    {
        var r = Shared.Run;
        r.Points.Count.ShouldBe(23);
        foreach (var p in r.Points)
        {
            p.ActualResult.Diagnostics.ResidualNorm.ShouldBeLessThan(1e-10);
            p.ThreatResult.Diagnostics.ResidualNorm.ShouldBeLessThan(1e-10);
        }

        r.Stats.Solves.ShouldBeGreaterThanOrEqualTo(23 + 16);
        // Where no threat stands the threat path is the actual path, not a second solve.
        var after = r.Points.Where(p => p.Date >= D(2026, 2, 20)).ToList();
        after.ShouldAllBe(p => p.ThreatIncrement == 0 && ReferenceEquals(p.ThreatResult, p.ActualResult));
        r.Points.Where(p => p.Date < D(2026, 2, 20)).ShouldAllBe(p => p.ThreatIncrement > 0);
    }

    [Fact]
    public void Every_postponement_in_the_events_file_is_valued()
    {
        var r = Shared.Run;
        var postponements = Shared.Events.Where(e => e.Kind == EventKind.Postponement).Select(e => e.Date).ToList();
        r.Postponements.Select(p => p.Postponement.Date).ShouldBe(postponements);
        postponements.Count(d => d.Year == 2025).ShouldBe(4);
        foreach (var p in r.Postponements)
        {
            p.Dates.ShouldNotBeEmpty();
            double.IsFinite(p.ValueMexicoUsdBn).ShouldBeTrue();
            p.ValueMexicoUsdBn.ShouldBeGreaterThan(0); // a threat carried out always hurts Mexico here
            p.MexicoRateThreat.ShouldBeGreaterThan(p.MexicoRateActual);
        }

        // The first pause kept the whole 25% off for the 28 days to 4 March.
        var first = r.Postponements[0];
        first.Days.ShouldBe(28);
        first.Dates.Single().Date.ShouldBe(D(2025, 2, 4));
        first.MexicoRateThreat.ShouldBe(0.25, 1e-12);
        first.ValueMexicoWindowUsdBn.ShouldBe(first.ValueMexicoUsdBn * 28 / 365, 1e-9);
        // The July threat starts inside the 2025-06-03 period: that date counts from 31 July with the increment.
        var third = r.Postponements[2];
        third.Dates.Select(d => (d.Date, d.Days)).ShouldBe([(D(2025, 6, 3), 7), (D(2025, 8, 7), 68), (D(2025, 10, 14), 13)]);
        third.Dates.ShouldAllBe(d => Math.Abs(d.MexicoRateThreat - d.MexicoRateActual - 0.009) < 1e-12);
    }

    [Fact]
    public void Values_are_welfare_differences_in_dollars()
    {
        var r = Shared.Run;
        var b = r.Baseline;
        var mex = b.Countries.Require("MEX");
        var d = r.Postponements[1].Dates[0];
        d.ValueMexicoUsdBn.ShouldBe((d.WelfareActualPct - d.WelfareThreatPct) / 100 * b.Expenditure[mex] * 1e3 / 1e9, 1e-9);
        TimelineMoney.PctOfGdp(b, mex, 18.0).ShouldBe(100 * 18e9 / b.Data.Gdp.In(MoneyUnit.Usd)[mex], 1e-12);
    }

    [Fact]
    public void The_coercion_model_is_asked_once_per_postponement_at_its_first_date()
    {
        var r = Shared.Run;
        r.DemandMethod.ShouldBe("fixed stand-in");
        r.Postponements.ShouldAllBe(p => p.Demand != null && p.Demand.DStarUsdBn == 1.5);
        var table = TimelineReport.Episodes(r);
        table.Columns.Select(c => c.Name).TakeLast(3).ShouldBe(["threat_credible", "d_star_usd_bn", "d_star_pct_gdp"]);
        var without = TimelineReport.Episodes(r with { Postponements = [.. r.Postponements.Select(p => p with { Demand = null })] });
        without.Columns.ShouldNotContain(c => c.Name == "d_star_usd_bn");
        without.Note!.ShouldContain("D* (coercion game) not computed");
    }

    [Fact]
    public void A_date_with_every_rate_zero_gives_zero_changes_inside_a_warm_started_path()
    {
        // Through the readers: a tracker date before 5 April 2025 with every partner at 0 yields the zero matrix.
        var dir = Directory.CreateTempSubdirectory("timeline-zero-").FullName;
        try
        {
            var lines = File.ReadAllLines(TrackerReader.DefaultPath).ToList();
            var extra = lines.Skip(1).Where(l => l.StartsWith("2025-02-04,", StringComparison.Ordinal))
                .Select(l => ZeroRate(l.Replace("2025-02-04,", "2025-01-20,", StringComparison.Ordinal)));
            var path = Path.Combine(dir, "country-by-time.csv");
            File.WriteAllLines(path, lines.Concat(extra));
            var tracker = TrackerReader.Read(path);
            var b = Shared.Baseline;
            var actual = ActualPath.Build(b, tracker, TimelineSpec.Default);
            actual[0].Date.ShouldBe(D(2025, 1, 20));
            actual[0].Tariffs.IsZero.ShouldBeTrue();
            var liberation = actual.Single(a => a.Date == D(2025, 4, 5)).Tariffs;
            var results = TimelineEngine.SolvePath(b, [liberation, actual[0].Tariffs]);
            foreach (var o in results[1].Outcomes)
            {
                foreach (var v in new[] { o.WelfarePct, o.DeficitPct, o.ExportsToGdpPct, o.ImportsToGdpPct, o.EmploymentPct, o.PricesPct, o.RevenueShare })
                {
                    v.ShouldBe(0, o.Country.Iso3);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ZeroRate(string line)
    {
        // date,"name",rate,imports,tariff2024: the rate is the third field from the end.
        var parts = line.Split(',');
        parts[^3] = "0.0";
        return string.Join(',', parts);
    }

    [Fact]
    public void Liberation_day_schedule_at_5_april_2025_reproduces_imls_case1()
    {
        var b = Shared.Baseline;
        var actual = ActualPath.Build(b, Shared.Tracker, TimelineSpec.Default);
        var k = actual.ToList().FindIndex(a => a.Date == D(2025, 4, 5));
        var path = actual.Select(a => a.Tariffs).ToList();
        path[k] = LiberationDaySchedule.Matrix(b);
        var results = TimelineEngine.SolvePath(b, path[..(k + 1)]);
        // imls-case1 as its scenario builds it, solved to the timeline's tolerance: at the model's default stopping rule
        // the deficits of economies with near-zero baseline deficits carry solver noise of a few 1e-9.
        var spec = OneSectorTariffSpec.Parse(ScenarioCatalog.Default().Find("imls-case1"));
        var case1 = OneSectorTariffSession.Load(spec, new RunOptions()).Solve(spec, solverOptions: TimelineSpec.DefaultSolverOptions);
        var got = results[k].Outcomes;
        var want = case1.Outcomes;
        got.Count.ShouldBe(194);
        var worst = 0.0;
        for (var i = 0; i < got.Count; i++)
        {
            got[i].Country.Iso3.ShouldBe(want[i].Country.Iso3);
            foreach (var (g, w) in new[]
                     {
                         (got[i].WelfarePct, want[i].WelfarePct), (got[i].DeficitPct, want[i].DeficitPct), (got[i].ExportsToGdpPct, want[i].ExportsToGdpPct),
                         (got[i].ImportsToGdpPct, want[i].ImportsToGdpPct), (got[i].EmploymentPct, want[i].EmploymentPct), (got[i].PricesPct, want[i].PricesPct),
                         (got[i].RevenueShare, want[i].RevenueShare),
                     })
            {
                // 1e-9 in percentage points, relative to the value where it exceeds 1: Cambodia's deficit changes by
                // 4,557%, and 1e-9 of that in absolute terms would ask for sixteen significant digits.
                worst = Math.Max(worst, Math.Abs(g - w) / Math.Max(1, Math.Abs(w)));
            }
        }

        worst.ShouldBeLessThan(1e-9);
    }

    [Fact]
    public void Actual_path_takes_own_rows_then_the_eu_row_then_the_omitted_rule()
    {
        var b = Shared.Baseline;
        var notes = new List<string>();
        var actual = ActualPath.Build(b, Shared.Tracker, TimelineSpec.Default, notes);
        var c = b.Countries;
        var usa = b.UnitedStates;
        double Rate(DateOnly d, string iso) => actual.Single(a => a.Date == d).Tariffs[c.Require(iso), usa];
        Rate(D(2025, 4, 5), "DEU").ShouldBe(Shared.Tracker.At(D(2025, 4, 5), "EUROPEAN UNION").Rate);
        Rate(D(2025, 4, 5), "SVK").ShouldBe(Shared.Tracker.At(D(2025, 4, 5), "SLOVAKIA").Rate);
        Rate(D(2025, 4, 5), "SVK").ShouldNotBe(Rate(D(2025, 4, 5), "DEU"));
        Rate(D(2025, 3, 12), "BOL").ShouldBe(0);
        Rate(D(2025, 4, 5), "BOL").ShouldBe(0.10);
        Rate(D(2026, 2, 20), "BOL").ShouldBe(0);
        Rate(D(2026, 2, 24), "BOL").ShouldBe(0.10);
        Rate(D(2026, 8, 19), "BOL").ShouldBe(0.10);
        actual.ShouldAllBe(a => a.Tariffs[usa, usa] == 0 && a.Origins[c.Require("CZE")] == RateOrigin.TrackerEuRow);
        notes.ShouldContain(n => n.Contains("TAIWAN (TWN)"));
        notes.ShouldContain(n => n.Contains("49 economies from their own tracker row, 26 EU members"));
    }

    [Fact]
    public void Measures_enter_both_paths_from_their_effective_date()
    {
        var spec = TimelineSpec.Default with
        {
            Measures = [new TimelineMeasure("MEX", ["CHN"], new DatedRate(D(2026, 1, 1), null, 0.2, "test"), "Mexico's duties on China")],
        };
        var b = Shared.Baseline;
        var actual = ActualPath.Build(b, Shared.Tracker, spec);
        var (chn, mex) = (b.Countries.Require("CHN"), b.Countries.Require("MEX"));
        actual.Single(a => a.Date == D(2025, 12, 4)).Tariffs[chn, mex].ShouldBe(0);
        actual.Single(a => a.Date == D(2026, 2, 7)).Tariffs[chn, mex].ShouldBe(0.2);
        Should.Throw<KeyNotFoundException>(() => ActualPath.Build(b, Shared.Tracker, spec with
        {
            Measures = [new TimelineMeasure("MEX", ["XXX"], new DatedRate(D(2026, 1, 1), null, 0.2, "test"), "bad")],
        }));
    }
}
