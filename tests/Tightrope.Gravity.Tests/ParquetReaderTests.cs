using Parquet;
using Parquet.Schema;
using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

/// <summary>Parquet input: numeric columns of several widths, nulls as missing, strings as categories; the same fit as from CSV.</summary>
public sealed class ParquetReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tightrope-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Parquet_table_gives_the_same_fit_as_csv()
    {
        var rng = new Random(4);
        const int n = 300;
        var country = Enumerable.Range(0, n).Select(i => $"c{i % 15}").ToArray();
        var year = Enumerable.Range(0, n).Select(i => 2000 + (i % 7)).ToArray();
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, n).Select(i => (double?)(i == 5 ? null : Math.Round(Math.Exp(1 + x[i]) * (0.5 + rng.NextDouble()), 3))).ToArray();
        var fc = new DataField<string>("país");
        var fy = new DataField<int>("year");
        var fx = new DataField<double>("x");
        var fo = new DataField<double?>("trade value");
        var path = Path.Combine(_dir, "panel.parquet");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fc, fy, fx, fo), stream, cancellationToken: TestContext.Current.CancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fc, country);
            await group.WriteAsync<int>(fy, year.AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
            await group.WriteAsync<double>(fx, x.AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
            await group.WriteAsync<double>(fo, y.AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
        }

        var csv = Path.Combine(_dir, "panel.csv");
        File.WriteAllLines(csv, new[] { "país,year,x,trade value" }.Concat(Enumerable.Range(0, n).Select(i =>
            FormattableString.Invariant($"{country[i]},{year[i]},{x[i]:R},{(y[i] is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}"))));

        const string formula = "`trade value` ~ x | país + year";
        var fromParquet = GravityEstimator.Fit(TableReader.Read(path), formula);
        var fromCsv = GravityEstimator.Fit(TableReader.Read(csv), formula);
        fromParquet.Statistics.DroppedMissing.ShouldBe(1);
        fromParquet["x"].Estimate.ShouldBe(fromCsv["x"].Estimate, 1e-12);
        fromParquet["x"].StdError.ShouldBe(fromCsv["x"].StdError, 1e-12);
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_named()
    {
        var path = Path.Combine(_dir, "broken.parquet");
        File.WriteAllText(path, "not parquet at all");
        Should.Throw<DataFormatException>(() => TableReader.Read(path)).Message.ShouldContain("broken.parquet");
    }
}
