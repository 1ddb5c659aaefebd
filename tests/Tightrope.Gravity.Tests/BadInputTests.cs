using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tightrope-gravity-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Missing_variable_in_the_formula_is_named_with_the_file()
    {
        var table = CsvTableReader.Read(Write("a.csv", "y,x,g\n1,2,a\n3,4,b\n"));
        var e = Should.Throw<KeyNotFoundException>(() => GravityEstimator.Fit(table, "y ~ x + DIST | g"));
        e.Message.ShouldContain("'DIST'");
        e.Message.ShouldContain("a.csv");
    }

    [Fact]
    public void Non_numeric_outcome_names_the_line_and_the_value()
    {
        var table = CsvTableReader.Read(Write("b.csv", "y,x\n1,2\nlots,4\n3,5\n"));
        var e = Should.Throw<DataFormatException>(() => GravityEstimator.Fit(table, "y ~ x"));
        e.Line.ShouldBe(3);
        e.Column.ShouldBe("y");
        e.Message.ShouldContain("'lots'");
    }

    [Fact]
    public void Negative_outcome_is_rejected_for_poisson_but_not_for_ols()
    {
        var table = CsvTableReader.Read(Write("c.csv", "y,x\n1,2\n-3,4\n3,5\n2,1\n"));
        var e = Should.Throw<DataFormatException>(() => GravityEstimator.Fit(table, "y ~ x"));
        e.Line.ShouldBe(3);
        e.Message.ShouldContain("negative outcome");
        GravityEstimator.Fit(table, "y ~ x", new EstimationOptions { Model = GravityModel.Ols }).Coefficients.Count.ShouldBe(2);
    }

    [Fact]
    public void All_zero_outcome_is_rejected()
    {
        var table = CsvTableReader.Read(Write("d.csv", "y,x\n0,2\n0,4\n0,5\n"));
        Should.Throw<DataFormatException>(() => GravityEstimator.Fit(table, "y ~ x")).Message.ShouldContain("zero for every observation");
    }

    [Fact]
    public void Malformed_dta_gives_a_clear_error()
    {
        var path = Write("broken.dta", "this is not a Stata file at all");
        var e = Should.Throw<DataFormatException>(() => DtaTableReader.Read(path));
        e.Message.ShouldContain("broken.dta");
        e.Message.ShouldContain("not a readable Stata .dta file");
    }

    [Fact]
    public void Truncated_dta_gives_a_clear_error()
    {
        var bytes = File.ReadAllBytes(DataLocation.Resolve("yotov2016", "TradeWithoutBorder2006.dta"));
        var path = Path.Combine(_dir, "truncated.dta");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        Should.Throw<DataFormatException>(() => DtaTableReader.Read(path)).Message.ShouldContain("truncated.dta");
    }

    [Fact]
    public void Missing_values_are_dropped_and_reported()
    {
        var table = CsvTableReader.Read(Write("e.csv", "y,x\n1,2\n2,\n3,5\n2,1\n4,3\n"));
        var fit = GravityEstimator.Fit(table, "y ~ x");
        fit.Status[1].ShouldBe(ObservationStatus.Missing);
        fit.Statistics.DroppedMissing.ShouldBe(1);
        fit.Messages.ShouldContain(m => m.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Ragged_csv_names_the_line()
    {
        Should.Throw<DataFormatException>(() => CsvTableReader.Read(Write("f.csv", "y,x\n1,2\n3\n"))).Line.ShouldBe(3);
    }

    [Theory]
    [InlineData("y x")]
    [InlineData("y ~ x | a | b")]
    [InlineData("y ~ sqrt(x)")]
    [InlineData("y ~ x | a^")]
    public void Malformed_formulas_are_rejected(string formula)
    {
        Should.Throw<ArgumentException>(() => GravityFormula.Parse(formula));
    }
}
