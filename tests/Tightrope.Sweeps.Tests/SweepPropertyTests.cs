using Tightrope.Catalog;
using Tightrope.Scenarios;
using static Tightrope.Sweeps.Tests.SweepTestSupport;

namespace Tightrope.Sweeps.Tests;

public class SweepPropertyTests
{
    private static readonly string[] AllOutcomes = ["welfare_pct", "deficit_pct", "exports_gdp_pct", "imports_gdp_pct", "employment_pct", "prices_pct", "revenue_share"];

    [Theory]
    [InlineData("imls-case1", "parameters.tradeElasticity=4:4:1")]
    [InlineData("usmx-mexico-retaliates", "tariffs[2].rate=0.25:0.25:0.1")]
    public void A_grid_of_one_point_equals_run(string scenario, string axis)
    {
        var doc = Scenario(scenario);
        var gridAxis = GridAxis.Parse(axis);
        var plan = new SweepPlan { ScenarioJson = doc.Body.GetRawText(), ScenarioPath = doc.Path, Grid = [gridAxis], Outcomes = AllOutcomes };
        var runner = Runner();
        runner.Validate(plan);
        var point = runner.Solve(plan, 0, plan.BlockCount).Single();
        point.Solved.ShouldBeTrue(point.Failure);

        var edited = ScenarioOverrides.Apply(doc, plan.Point(0).Assignments);
        var countries = ShippedModels.Registry.Run(edited).Tables.Single(t => t.Name == "countries");
        countries.Rows.Count.ShouldBe(point.Economies.Count);
        for (var e = 0; e < countries.Rows.Count; e++)
        {
            countries.Rows[e][0].ShouldBe(point.Economies[e]);
            for (var o = 0; o < AllOutcomes.Length; o++)
            {
                var column = countries.Columns.ToList().FindIndex(c => c.Name == AllOutcomes[o]);
                // Bit for bit: the same solver from the same start.
                point.Values[(e * AllOutcomes.Length) + o].ShouldBe((double)countries.Rows[e][column]!);
            }
        }
    }

    [Fact]
    public void Bands_of_run_equal_quantiles_of_the_parquet_rows()
    {
        var dir = TempDirectory("bands");
        try
        {
            VaryAxis[] vary = [VaryAxis.Parse("parameters.tradeElasticity=uniform(3,5)"), VaryAxis.Parse("tariffs[0].floor=normal(0.1,0.02)")];
            var doc = Scenario("imls-case1");
            var report = SweepBands.Run(ShippedModels.Registry, doc, 24, vary, 7, new RunOptions());
            var plan = Plan("imls-case1", vary: vary, draws: 24, seed: 7, outcomes: AllOutcomes);
            var merged = Runner().RunLocal(plan, dir);
            var rows = SweepResultFiles.Read(Path.Combine(dir, "results.parquet"));
            rows.Count.ShouldBe(24 * 194 * AllOutcomes.Length);
            rows.Inputs.Keys.ShouldBe(["parameters.tradeElasticity", "tariffs[0].floor"], ignoreOrder: true);

            var bands = report.Tables.Single(t => t.Name == "bands");
            bands.Rows.Count.ShouldBe(4 * AllOutcomes.Length);
            var countries = report.Tables.Single(t => t.Name == "countries");
            var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
            summary[0].ShouldBe("iso3,outcome,mean,sd,p05,p50,p95");
            foreach (var iso in new[] { "MEX", "USA", "DEU" })
            {
                foreach (var outcome in AllOutcomes)
                {
                    var values = Enumerable.Range(0, rows.Count).Where(r => rows.Economy[r] == iso && rows.Outcome[r] == outcome).Select(r => rows.Value[r]).ToArray();
                    values.Length.ShouldBe(24);
                    var expected = new[] { Quantile(values, 0.05), Quantile(values, 0.50), Quantile(values, 0.95) };
                    var row = countries.Rows.Single(r => (string)r[0]! == iso);
                    var at = countries.Columns.ToList().FindIndex(c => c.Name == outcome);
                    new[] { (double)row[at + 1]!, (double)row[at + 2]!, (double)row[at + 3]! }.ShouldBe(expected, 1e-12);
                    var line = summary.Single(l => l.StartsWith($"{iso},{outcome},", StringComparison.Ordinal)).Split(',');
                    var mean = values.Average();
                    double.Parse(line[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(mean, 1e-12 * Math.Max(1, Math.Abs(mean)));
                    line.Skip(4).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray().ShouldBe(expected, 1e-12);
                }
            }

            merged.Failures.ShouldBeEmpty();
        }
        finally
        {
            Delete(dir);
        }
    }

    [Fact]
    public void Results_do_not_depend_on_threads_or_shards_and_reruns_skip_complete_shards()
    {
        var one = TempDirectory("one");
        var three = TempDirectory("three");
        try
        {
            GridAxis[] grid = [GridAxis.Parse("parameters.tradeElasticity=3:5:1"), GridAxis.Parse("tariffs[0].floor=0:0.2:0.1")];
            VaryAxis[] vary = [VaryAxis.Parse("parameters.passThrough=choice(0.25,1)")];
            var a = Plan("imls-case1", grid, vary, draws: 2, outcomes: ["welfare_pct", "prices_pct"], blockSize: 5);
            a.PointCount.ShouldBe(18);
            Runner(threads: 2).RunLocal(a, one);
            Runner(threads: 1).RunLocal(a with { Tasks = 3 }, three);
            File.ReadAllBytes(Path.Combine(one, "summary.csv")).ShouldBe(File.ReadAllBytes(Path.Combine(three, "summary.csv")));
            File.ReadAllBytes(Path.Combine(one, "results.parquet")).ShouldBe(File.ReadAllBytes(Path.Combine(three, "results.parquet")));

            // Grid values land in the rows as given, one per point.
            var rows = SweepResultFiles.Read(Path.Combine(one, "results.parquet"));
            rows.Inputs["parameters.tradeElasticity"].Cast<double>().Distinct().Order().ShouldBe([3.0, 4.0, 5.0]);

            var shard = Path.Combine(three, "shards", "shard-0001-of-0003.parquet");
            var written = File.GetLastWriteTimeUtc(shard);
            Runner().RunLocal(a with { Tasks = 3 }, three);
            File.GetLastWriteTimeUtc(shard).ShouldBe(written);
        }
        finally
        {
            Delete(one);
            Delete(three);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_draws_and_another_seed_other_draws()
    {
        VaryAxis[] vary = [VaryAxis.Parse("parameters.tradeElasticity=uniform(3,5)"), VaryAxis.Parse("recycling=choice(income-tax-relief,lump-sum)")];
        var a = Plan("imls-case1", vary: vary, draws: 500, seed: 3);
        var b = Plan("imls-case1", vary: vary, draws: 500, seed: 3);
        var c = Plan("imls-case1", vary: vary, draws: 500, seed: 4);
        var first = Enumerable.Range(0, 500).Select(k => string.Join(";", a.Point(k).Assignments)).ToArray();
        first.ShouldBe(Enumerable.Range(0, 500).Select(k => string.Join(";", b.Point(k).Assignments)).ToArray());
        first.ShouldNotBe(Enumerable.Range(0, 500).Select(k => string.Join(";", c.Point(k).Assignments)).ToArray());
        var elasticities = Enumerable.Range(0, 500).Select(k => a.Point(k).Inputs[0].Value.GetValue<double>()).ToArray();
        elasticities.Min().ShouldBeGreaterThanOrEqualTo(3);
        elasticities.Max().ShouldBeLessThan(5);
        elasticities.Average().ShouldBe(4, 0.1);
        Enumerable.Range(0, 500).Count(k => a.Point(k).Inputs[1].Value.GetValue<string>() == "lump-sum").ShouldBeInRange(200, 300);
    }
}

public class ManagedKernelTests
{
    [Fact]
    public async Task Managed_kernels_reach_the_same_equilibrium_as_the_native_ones()
    {
        var dir = TempDirectory("managed");
        try
        {
            var exe = Path.Combine(RepositoryRoot(), "src", "Tightrope.Cli", "bin", AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release", "net10.0", "tightrope");
            var info = new System.Diagnostics.ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "run", "imls-case1", "--out", dir })
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["TIGHTROPE_LAPACK"] = "managed";
            using var process = System.Diagnostics.Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            process.ExitCode.ShouldBe(0, await output + await errors);

            var native = Tightrope.Catalog.ShippedModels.Registry.Run(Scenario("imls-case1")).Tables.Single(t => t.Name == "countries");
            var lines = File.ReadAllLines(Path.Combine(dir, "countries.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
            foreach (var row in native.Rows)
            {
                var managed = lines[(string)row[0]!];
                for (var c = 2; c < row.Count; c++)
                {
                    var expected = (double)row[c]!;
                    double.Parse(managed[managed.Length - (row.Count - c)], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected, 1e-8 * Math.Max(1, Math.Abs(expected)));
                }
            }
        }
        finally
        {
            Delete(dir);
        }
    }
}
