using Tightrope.Data;
using Tightrope.Gravity.Data;

namespace Tightrope.Gravity.Tests;

public sealed class ReaderTests
{
    [Fact]
    public void Dta_reader_reads_strings_and_numbers()
    {
        var t = DtaTableReader.Read(DataLocation.Resolve("yotov2016", "Chapter2Application2.dta"));
        t.RowCount.ShouldBe(99_981);
        t.Column("exporter").ShouldBeOfType<TextColumn>();
        t.Numeric("trade").Values.ShouldAllBe(v => v >= 0);
        t.Numeric("RTA").Values.Distinct().OrderBy(v => v).ShouldBe([0.0, 1.0]);
    }

    [Fact]
    public void Csv_reader_handles_quotes_and_missing_values()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "name,value\n\"a, b\",1.5\n\"say \"\"hi\"\"\",NA\nc,\n");
        try
        {
            var t = CsvTableReader.Read(path);
            ((TextColumn)t.Column("name")).Values.ShouldBe(["a, b", "say \"hi\"", "c"]);
            t.Numeric("value").Values[0].ShouldBe(1.5);
            t.Column("value").IsMissing(1).ShouldBeTrue();
            t.Column("value").IsMissing(2).ShouldBeTrue();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Row_expressions_filter_and_derive()
    {
        var t = new ColumnarTable("t",
        [
            new TextColumn("exporter", ["A", "A", "B", "B"]),
            new TextColumn("importer", ["A", "B", "A", "B"]),
            new NumericColumn("year", [1986, 1990, 1994, 1986]),
            new NumericColumn("trade", [1, 2, 3, 4]),
        ]);
        RowExpression.Parse("year in (1986, 1994) & exporter != importer").EvaluateCondition(t).ShouldBe([false, false, true, false]);
        RowExpression.Derive(t, "Y = groupsum(trade, exporter)").Numeric("Y").Values.ShouldBe([3.0, 3, 7, 7]);
        RowExpression.Parse("log(trade) * (year == 1986)").Evaluate(t)[3].ShouldBe(Math.Log(4), 1e-15);
        Should.Throw<ArgumentException>(() => RowExpression.Parse("year in 1986"));
    }
}
