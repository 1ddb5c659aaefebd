using Tightrope.Data.CaliendoParro;

namespace Tightrope.Data.Tests;

/// <summary>Both Caliendo–Parro readers on the real files and on damaged copies of them.</summary>
public sealed class CaliendoParroReaderTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("tightrope-cp-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Folder(string kind) => DataLocation.Resolve(CaliendoParroData.DefaultFolder, kind);

    /// <summary>Copies one folder of the data set and applies <paramref name="edit"/> to one file's lines.</summary>
    private string DamagedCopy(string kind, string file, Func<List<string>, List<string>> edit)
    {
        var target = Path.Combine(_scratch, kind);
        Directory.CreateDirectory(target);
        foreach (var source in Directory.EnumerateFiles(Folder(kind)))
        {
            var lines = File.ReadAllLines(source).ToList();
            if (Path.GetFileName(source) == file)
            {
                lines = edit(lines);
            }

            File.WriteAllLines(Path.Combine(target, Path.GetFileName(source)), lines);
        }

        return target;
    }

    private static List<string> EditCell(List<string> lines, int line, int column, Func<double, double> change)
    {
        var cells = lines[line - 1].Split('\t');
        cells[column - 1] = change(double.Parse(cells[column - 1], System.Globalization.CultureInfo.InvariantCulture))
            .ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        lines[line - 1] = string.Join('\t', cells);
        return lines;
    }

    [Fact]
    public void Original_files_read_with_their_orientation_and_units()
    {
        var d = CaliendoParroOriginalReader.Load(Folder("original"));
        d.CountryCount.ShouldBe(31);
        d.SectorCount.ShouldBe(40);
        d.Tradable.Count(t => t).ShouldBe(20);
        d.Flows.Unit.ShouldBe(MoneyUnit.Usd);
        int usa = d.Countries.Require("USA"), mex = d.Countries.Require("MEX"), can = d.Countries.Require("CAN");

        // Spec §2 orientation check: US goods imports 556.5 bn, exports 433.2 bn in 1993 (tradable sectors, no domestic).
        double imports = 0, exports = 0;
        for (var s = 0; s < 20; s++)
        {
            for (var i = 0; i < d.CountryCount; i++)
            {
                if (i != usa)
                {
                    imports += d.Flows[s, i, usa];
                    exports += d.Flows[s, usa, i];
                }
            }
        }

        (imports / 1e9).ShouldBe(556.5, 0.1);
        (exports / 1e9).ShouldBe(433.2, 0.1);

        // Mexico's 1993 tariffs on US goods are higher than the US tariffs on Mexican goods; first Agriculture cell in xbilat is AUS → ARG, 2190.315 thousand USD.
        d.Tariffs1993[0, usa, mex].ShouldBe(0.09156667, 1e-9);
        d.Tariffs1993[0, mex, usa].ShouldBe(0.0252, 1e-9);
        d.Tariffs1993[0, can, mex].ShouldBe(0.1196333, 1e-9);
        d.Flows[0, d.Countries.Require("AUS"), d.Countries.Require("ARG")].ShouldBe(2190315, 1e-3);
        d.Theta[0].ShouldBe(9.11);
        d.Theta[6].ShouldBe(64.85);
        d.Theta[30].ShouldBe(CaliendoParroLabels.NonTradableTheta);
        d.Adjustments.Count.ShouldBe(26);
    }

    [Fact]
    public void Tidy_files_hold_the_same_accounts_as_the_original_matrices()
    {
        var a = CaliendoParroOriginalReader.Load(Folder("original"));
        var b = CaliendoParroTidyReader.Load(Folder("tidy"));
        b.Countries.Select(c => c.Iso3).ShouldBe(a.Countries.Select(c => c.Iso3));
        b.Sectors.ShouldBe(a.Sectors);
        static double Gap(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            var worst = 0.0;
            for (var k = 0; k < x.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(x[k] - y[k]) / Math.Max(Math.Abs(x[k]), 1.0));
            }

            return worst;
        }

        Gap(a.Flows.Values, b.Flows.Values).ShouldBeLessThan(1e-9);
        Gap(a.Tariffs1993.Values, b.Tariffs1993.Values).ShouldBeLessThan(1e-9);
        Gap(a.ValueAdded.Values, b.ValueAdded.Values).ShouldBeLessThan(1e-9);
        Gap(a.Intermediates.Values, b.Intermediates.Values).ShouldBeLessThan(1e-9);
        Gap(a.Surplus.Values, b.Surplus.Values).ShouldBeLessThan(1e-9);
        b.Tariffs2005NaftaOnly.ShouldBeTrue();
    }

    [Fact]
    public void Input_shares_that_do_not_sum_to_one_are_an_error()
    {
        var dir = DamagedCopy("original", "IO.txt", l => EditCell(l, 41, 3, v => v + 0.2)); // AUS block, first input, using sector 3
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("IO.txt");
        e.Line.ShouldBe(41);
        e.Column.ShouldBe("3");
        e.Problem.ShouldContain("sum to");
        e.Problem.ShouldContain("AUS");
    }

    [Fact]
    public void Cost_shares_in_the_tidy_files_that_do_not_sum_to_one_are_an_error()
    {
        var dir = DamagedCopy("tidy", "value_added.csv", l =>
        {
            var k = l.FindIndex(x => x.StartsWith("\"Food\",\"Mexico\"", StringComparison.Ordinal));
            l[k] = "\"Food\",\"Mexico\",1e12";
            return l;
        });
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("value_added.csv");
        e.Line.ShouldNotBeNull();
        e.Problem.ShouldContain("cost shares must sum to one");
        e.Problem.ShouldContain("MEX");
    }

    [Fact]
    public void Negative_gross_output_is_an_error()
    {
        var dir = DamagedCopy("original", "GO.txt", l => EditCell(l, 3, 20, _ => -5e9));
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("GO.txt");
        e.Line.ShouldBe(3);
        e.Column.ShouldBe("20");
        e.Problem.ShouldContain("Food in MEX");
    }

    [Fact]
    public void Negative_flows_in_the_tidy_trade_file_are_an_error()
    {
        var dir = DamagedCopy("tidy", "trade.csv", l =>
        {
            l[4] = l[4].Replace(",88739690,", ",-88739690,", StringComparison.Ordinal);
            return l;
        });
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("trade.csv");
        e.Line.ShouldBe(5);
        e.Column.ShouldBe("value");
    }

    [Fact]
    public void Elasticities_and_trade_blocks_of_different_sizes_are_an_error()
    {
        var dir = DamagedCopy("original", "T.txt", l => l.Take(19).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("T.txt");
        e.Problem.ShouldContain("19 rows; expected 20");
        e.Problem.ShouldContain("xbilat1993.txt");
    }

    [Fact]
    public void A_region_missing_from_one_file_is_an_error()
    {
        var dir = DamagedCopy("original", "GO.txt", l => l.Select(x => string.Join('\t', x.Split('\t').Take(30))).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("GO.txt");
        e.Line.ShouldBe(1);
        e.Problem.ShouldContain("30 values; expected 31");
    }

    [Fact]
    public void A_missing_row_in_the_tidy_trade_file_is_an_error()
    {
        var dir = DamagedCopy("tidy", "trade.csv", l => l.Where((_, k) => k != 100).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("trade.csv");
        e.Problem.ShouldContain("38439 data rows; expected 38440");
    }

    [Fact]
    public void A_tradable_sector_with_zero_trade_everywhere_is_an_error()
    {
        // Textile is the fourth block of 31 importer rows (lines 94–124).
        var dir = DamagedCopy("original", "xbilat1993.txt", l =>
            l.Select((x, k) => k is >= 93 and < 124 ? string.Join('\t', Enumerable.Repeat("0", 31)) : x).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("xbilat1993.txt");
        e.Line.ShouldBe(94);
        e.Problem.ShouldContain("Textile");
        e.Problem.ShouldContain("zero trade");
    }

    [Fact]
    public void A_tradable_sector_with_zero_trade_everywhere_in_the_tidy_files_is_an_error()
    {
        var dir = DamagedCopy("tidy", "trade.csv", l => l.Select(x =>
        {
            var c = x.Split(',');
            return c[0] == "\"Textile\"" && c[1] != c[2] ? string.Join(',', c[..3].Append("0").Concat(c[4..])) : x;
        }).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("trade.csv");
        e.Problem.ShouldContain("Textile");
    }

    [Fact]
    public void An_unknown_region_in_the_tidy_files_is_an_error()
    {
        var dir = DamagedCopy("tidy", "regions.txt", l => l.Select(x => x == "Mexico" ? "Mexiko" : x).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("regions.txt");
        e.Line.ShouldBe(20);
    }

    [Fact]
    public void A_duplicated_row_in_the_tidy_files_is_an_error_naming_both_lines()
    {
        var dir = DamagedCopy("tidy", "final_consumption.csv", l =>
        {
            l[3] = l[2];
            return l;
        });
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("final_consumption.csv");
        e.Line.ShouldBe(4);
        e.Problem.ShouldContain("already appears on line 3");
    }

    [Fact]
    public void A_deficit_that_contradicts_the_trade_flows_is_an_error()
    {
        var dir = DamagedCopy("tidy", "deficit.csv", l => l.Select(x => x.StartsWith("\"Mexico\"", StringComparison.Ordinal) ? "\"Mexico\",-8730739431" : x).ToList());
        var e = Should.Throw<DataFormatException>(() => CaliendoParroTidyReader.Load(dir));
        e.File.ShouldEndWith("deficit.csv");
        e.Column.ShouldBe("D");
        e.Problem.ShouldContain("MEX");
    }

    [Fact]
    public void A_clearly_negative_input_share_is_an_error()
    {
        var dir = DamagedCopy("original", "IO.txt", l => EditCell(l, 2, 1, _ => -0.3));
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("IO.txt");
        e.Line.ShouldBe(2);
        e.Column.ShouldBe("1");
    }

    [Fact]
    public void A_percent_tariff_that_is_negative_is_an_error()
    {
        var dir = DamagedCopy("original", "tariffs1993.txt", l => EditCell(l, 2, 1, _ => -4));
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(dir));
        e.File.ShouldEndWith("tariffs1993.txt");
        e.Line.ShouldBe(2);
        e.Problem.ShouldContain("percentage");
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var e = Should.Throw<DataFormatException>(() => CaliendoParroOriginalReader.Load(Path.Combine(_scratch, "nowhere")));
        e.File.ShouldContain("nowhere");
    }
}
