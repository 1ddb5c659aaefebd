using System.Globalization;
using Tightrope.Data.CaliendoParro;

namespace Tightrope.Data.Tests;

/// <summary>The HS2 → sector concordance and the tracker's 2025 increases aggregated to sectors.</summary>
public sealed class Hs2SectorConcordanceTests
{
    private static readonly SectorSet Sectors = WiodSectoral2014Data.Load().Sectors;

    [Fact]
    public void Every_hs_chapter_has_exactly_one_goods_sector()
    {
        var all = Hs2SectorConcordance.All().ToList();
        all.Count.ShouldBe(98); // 01–99 without the reserved chapter 77
        Hs2SectorConcordance.Contains(77).ShouldBeFalse();
        all.ShouldAllBe(c => c.Sector >= 1 && c.Sector <= 15);
        // Petroleum (7) has no chapter of its own: chapter 27 holds crude oil and refined products together and goes to mining.
        Enumerable.Range(1, 15).Where(s => s != 7).ShouldAllBe(s => all.Any(c => c.Sector == s));
        all.ShouldNotContain(c => c.Sector == 7);
        Hs2SectorConcordance.SectorOf(87).ShouldBe(14);
        Hs2SectorConcordance.SectorOf(72).ShouldBe(11);
        Hs2SectorConcordance.SectorOf(85).ShouldBe(12);
        Should.Throw<ArgumentOutOfRangeException>(() => Hs2SectorConcordance.SectorOf(77));
    }

    [Fact]
    public void Sector_increases_are_the_2024_import_weighted_means_of_their_chapters()
    {
        var mex = UsTariffIncreases2025.ForPartner("MEX", Sectors);
        var lines = File.ReadAllLines(DataLocation.Resolve(UsTariffIncreases2025.DefaultFolder, "hs2-tariff-2010.csv")).Skip(1)
            .Select(l => l.Split(',')).Select(c => (Chapter: int.Parse(c[0], CultureInfo.InvariantCulture), Imports: double.Parse(c[1], CultureInfo.InvariantCulture), Increase: double.Parse(c[5], CultureInfo.InvariantCulture)))
            .ToList();
        var transport = lines.Where(l => l.Chapter is >= 86 and <= 89).ToList();
        mex["transport"].ShouldBe(transport.Sum(l => l.Imports * l.Increase) / transport.Sum(l => l.Imports) / 100, 1e-12);
        mex["services"].ShouldBe(0);

        // Steel and aluminium chapters carry the Section 232 rates, so metals rise more than the 4.5-point floor.
        mex["metals"].ShouldBeGreaterThan(0.045);
        UsTariffIncreases2025.ForPartner("CHN", Sectors)["textiles"].ShouldBe(0.34, 1e-9);
        Should.Throw<KeyNotFoundException>(() => UsTariffIncreases2025.ForPartner("JPN", Sectors));
    }

    [Theory]
    [InlineData(0, "77", 2, "HS2", "not an HS chapter")]
    [InlineData(5, "450", 2, "2025_tariff_increase", "percentage points")]
    [InlineData(1, "-3", 2, "2024_imports", "negative")]
    public void A_bad_tracker_cell_is_an_error_naming_file_line_and_column(int column, string text, int line, string expectedColumn, string message)
    {
        var folder = Directory.CreateTempSubdirectory("tightrope-tracker-").FullName;
        try
        {
            var lines = File.ReadAllLines(DataLocation.Resolve(UsTariffIncreases2025.DefaultFolder, "hs2-tariff-2010.csv"));
            var cells = lines[line - 1].Split(',');
            cells[column] = text;
            lines[line - 1] = string.Join(',', cells);
            File.WriteAllLines(Path.Combine(folder, "hs2-tariff-2010.csv"), lines);
            var e = Should.Throw<DataFormatException>(() => UsTariffIncreases2025.ForPartner("MEX", Sectors, folder));
            Path.GetFileName(e.File).ShouldBe("hs2-tariff-2010.csv");
            e.Line.ShouldBe(line);
            e.Column.ShouldBe(expectedColumn);
            e.Message.ShouldContain(message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
