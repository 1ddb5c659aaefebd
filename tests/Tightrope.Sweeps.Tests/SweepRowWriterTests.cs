using static Tightrope.Sweeps.Tests.SweepTestSupport;

namespace Tightrope.Sweeps.Tests;

/// <summary>The streaming Parquet writer: row groups of a fixed size, whatever the hand-over, and a streamed read back.</summary>
public class SweepRowWriterTests
{
    [Fact]
    public void Rows_handed_over_point_by_point_or_in_one_batch_give_the_same_file_in_fixed_row_groups()
    {
        var dir = TempDirectory("row-writer");
        try
        {
            var plan = Plan("imls-case1", vary: [VaryAxis.Parse("parameters.tradeElasticity=uniform(3,5)"), VaryAxis.Parse("recycling=choice(income-tax-relief,lump-sum)")],
                draws: 5, outcomes: ["welfare_pct", "prices_pct"]);
            string[] economies = ["MEX", "USA", "CAN"];
            var points = Enumerable.Range(0, 5)
                .Select(k => k == 2 ? new PointOutcome(k, [], [], "did not converge") : new PointOutcome(k, economies, Enumerable.Range(0, 6).Select(v => k + (0.1 * v)).ToArray(), null))
                .ToList();

            var streamed = Path.Combine(dir, "streamed.parquet");
            using (var writer = new SweepRowWriter(plan, streamed, rowGroupSize: 7))
            {
                points.ForEach(writer.Add);
                writer.Rows.ShouldBe(4 * 3 * 2);
                writer.Commit();
            }

            var all = SweepResultFiles.Read(streamed);
            var batch = Path.Combine(dir, "batch.parquet");
            using (var writer = new SweepRowWriter(plan, batch, rowGroupSize: 7))
            {
                writer.Add(all);
                writer.Commit();
            }

            File.ReadAllBytes(batch).ShouldBe(File.ReadAllBytes(streamed));
            var groups = SweepResultFiles.ReadGroups(streamed).ToList();
            groups.Select(g => g.Count).ShouldBe([7, 7, 7, 3]);
            groups.SelectMany(g => g.Value).ShouldBe(all.Value);
            all.Draw.Distinct().ShouldBe([0, 1, 3, 4]);
            all.Inputs["recycling"].ShouldAllBe(v => v is string);

            // The summary from the streamed groups is the one from all rows at once.
            var builder = new SweepSummaryBuilder();
            groups.ForEach(builder.Add);
            builder.Build().ShouldBe(SweepResultFiles.Summarise(all));
            SweepResultFiles.Summarise(plan, points).ShouldBe(SweepResultFiles.Summarise(all));

            // An abandoned writer leaves nothing behind and does not touch an existing file.
            var before = File.ReadAllBytes(streamed);
            using (var writer = new SweepRowWriter(plan, streamed))
            {
                writer.Add(points[0]);
            }

            File.ReadAllBytes(streamed).ShouldBe(before);
            Directory.GetFiles(dir, "*.tmp").ShouldBeEmpty();
        }
        finally
        {
            Delete(dir);
        }
    }
}
