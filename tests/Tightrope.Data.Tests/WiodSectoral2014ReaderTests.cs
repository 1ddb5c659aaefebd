using System.Globalization;
using Tightrope.Data.CaliendoParro;

namespace Tightrope.Data.Tests;

/// <summary>The 2014 sectoral reader on the real files and on damaged copies of them.</summary>
public sealed class WiodSectoral2014ReaderTests : IDisposable
{
    private static readonly string[] Files = ["countries.csv", "sectors.csv", "trade_2014.csv", "tariffs_2014.csv", "elasticities.csv"];

    private readonly string _scratch = Directory.CreateTempSubdirectory("tightrope-wiod14-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Folder => DataLocation.Resolve(WiodSectoral2014Data.DefaultFolder);

    /// <summary>Copies the five files read and applies <paramref name="edit"/> to the lines of one of them.</summary>
    private string DamagedCopy(string file, Func<List<string>, List<string>> edit)
    {
        foreach (var name in Files)
        {
            var lines = File.ReadAllLines(Path.Combine(Folder, name)).ToList();
            File.WriteAllLines(Path.Combine(_scratch, name), name == file ? edit(lines) : lines);
        }

        return _scratch;
    }

    /// <summary>Replaces one cell (1-based line, 0-based column) of a simple CSV line without quotes.</summary>
    private static List<string> SetCell(List<string> lines, int line, int column, string value)
    {
        var cells = lines[line - 1].Split(',');
        cells[column] = value;
        lines[line - 1] = string.Join(',', cells);
        return lines;
    }

    [Fact]
    public void Reads_the_2014_flows_tariffs_and_elasticities_in_the_documented_orientation()
    {
        var d = WiodSectoral2014Data.Load();
        d.Countries.Count.ShouldBe(44);
        d.Sectors.Count.ShouldBe(16);
        d.Trade.Unit.ShouldBe(PairUnit.Of(MoneyUnit.MillionUsd));
        d.Tariffs.Unit.IsFraction.ShouldBeTrue();
        d.Trade["transport", "MEX", "USA"].ShouldBe(61_859.4, 0.05);
        Enumerable.Range(0, 16).Sum(s => d.Trade[s, d.Countries.Require("MEX"), d.Countries.Require("USA")]).ShouldBe(268_515.1, 0.05);
        Enumerable.Range(0, 16).Sum(s => d.Trade[s, d.Countries.Require("CHN"), d.Countries.Require("MEX")]).ShouldBe(39_178.4, 0.05);
        d.Trade.Values.ToArray().Sum().ShouldBe(161_786_433, 1);

        // The tariff column is what the importer levies: Mexico on Chinese transport equipment 5.93%, China on Mexico's 12.5%.
        d.Tariffs["transport", "CHN", "MEX"].ShouldBe(0.0593, 5e-5);
        d.Tariffs["transport", "MEX", "CHN"].ShouldBe(0.125, 5e-5);
        d.TradeElasticity["transport"].ShouldBe(2.805);
        d.TradeElasticity["services"].ShouldBe(10.0);
    }

    [Fact]
    public void The_engine_accounts_have_value_added_equal_to_sales_and_no_intermediates()
    {
        var d = WiodSectoral2014Data.Load().ToCaliendoParroData();
        d.BaseYear.ShouldBe(2014);
        d.Intermediates.Values.ToArray().ShouldAllBe(v => v == 0);
        var mex = d.Countries.Require("MEX");
        for (var s = 0; s < d.SectorCount; s++)
        {
            d.ValueAdded[s, mex].ShouldBe(d.Flows.SalesOf(s, mex), 1e-6);
        }

        d.Surplus.Values.ToArray().Sum().ShouldBe(0, 1);
    }

    public static TheoryData<string, int, int, string, int, string, string> BadCells => new()
    {
        // file, line, column index, new text, expected line, expected column, message fragment
        { "trade_2014.csv", 7, 3, "", 7, "value_musd", "empty cell" },
        { "trade_2014.csv", 9, 3, "-5", 9, "value_musd", "negative flow" },
        { "trade_2014.csv", 11, 0, "XXX", 11, "exporter", "not a country" },
        { "trade_2014.csv", 12, 1, "MXX", 12, "importer", "not a country" },
        { "trade_2014.csv", 13, 2, "17", 13, "sector", "not a sector" },
        { "tariffs_2014.csv", 40, 3, "5.93", 40, "tariff", "looks like a percentage" },
        { "tariffs_2014.csv", 41, 3, "-0.1", 41, "tariff", "negative tariff" },
        { "tariffs_2014.csv", 2, 3, "0.05", 2, "tariff", "own goods" },
        { "elasticities.csv", 15, 2, "-1", 15, "trade_elasticity", "positive" },
        { "elasticities.csv", 15, 2, "", 15, "trade_elasticity", "empty cell" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void A_bad_cell_is_an_error_naming_file_line_and_column(string file, int line, int column, string text, int expectedLine, string expectedColumn, string message)
    {
        var folder = DamagedCopy(file, lines => SetCell(lines, line, column, text));
        var e = Should.Throw<DataFormatException>(() => WiodSectoral2014Reader.Load(folder));
        Path.GetFileName(e.File).ShouldBe(file);
        e.Line.ShouldBe(expectedLine);
        e.Column.ShouldBe(expectedColumn);
        e.Message.ShouldContain(message);
        e.Message.ShouldContain($"line {expectedLine}");
    }

    [Fact]
    public void A_tariff_column_written_in_percent_is_an_error_at_its_first_large_cell()
    {
        // Every rate times 100: most are below the 300% cell limit, so only the file-wide check can see it.
        var folder = DamagedCopy("tariffs_2014.csv", lines =>
        {
            for (var l = 1; l < lines.Count; l++)
            {
                var cells = lines[l].Split(',');
                var v = double.Parse(cells[3], CultureInfo.InvariantCulture) * 100;
                cells[3] = Math.Min(v, 2.9).ToString("R", CultureInfo.InvariantCulture);
                lines[l] = string.Join(',', cells);
            }

            return lines;
        });
        var e = Should.Throw<DataFormatException>(() => WiodSectoral2014Reader.Load(folder));
        Path.GetFileName(e.File).ShouldBe("tariffs_2014.csv");
        e.Column.ShouldBe("tariff");
        e.Line.ShouldNotBeNull();
        e.Message.ShouldContain("percentages");
    }

    [Fact]
    public void A_missing_row_is_an_error_naming_the_cell_it_should_hold()
    {
        var folder = DamagedCopy("trade_2014.csv", lines => lines.Where((_, i) => i != 5).ToList());
        var e = Should.Throw<DataFormatException>(() => WiodSectoral2014Reader.Load(folder));
        Path.GetFileName(e.File).ShouldBe("trade_2014.csv");
        e.Column.ShouldBe("value_musd");
        e.Message.ShouldContain("no row for AUS → AUS, sector 5");
    }

    [Fact]
    public void A_repeated_row_is_an_error_naming_both_lines()
    {
        var folder = DamagedCopy("trade_2014.csv", lines => { lines[9] = lines[8]; return lines; });
        var e = Should.Throw<DataFormatException>(() => WiodSectoral2014Reader.Load(folder));
        e.Line.ShouldBe(10);
        e.Message.ShouldContain("already appears on line 9");
    }

    [Fact]
    public void A_sector_list_out_of_order_is_an_error()
    {
        var folder = DamagedCopy("sectors.csv", lines => SetCell(lines, 3, 0, "7"));
        var e = Should.Throw<DataFormatException>(() => WiodSectoral2014Reader.Load(folder));
        Path.GetFileName(e.File).ShouldBe("sectors.csv");
        e.Line.ShouldBe(3);
        e.Column.ShouldBe("index");
    }
}
