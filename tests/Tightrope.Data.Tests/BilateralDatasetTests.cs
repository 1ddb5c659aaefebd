namespace Tightrope.Data.Tests;

public class BilateralDatasetTests
{
    [Fact]
    public void Loads_the_2023_data_with_explicit_orientation_and_units()
    {
        var data = BilateralDatasetReader.Load();

        data.Countries.Count.ShouldBe(194);
        data.Countries.IndexOf("USA").ShouldBe(184);
        data.Countries.IndexOf("MEX").ShouldBe(114);
        data.Countries.IndexOf("CAN").ShouldBe(30);
        data.Countries.IndexOf("CHN").ShouldBe(33);
        data.Trade.Unit.ShouldBe(MoneyUnit.ThousandUsd);
        data.Gdp.Unit.ShouldBe(MoneyUnit.Usd);
        for (var i = 0; i < data.Countries.Count; i++)
        {
            data.Trade[i, i].ShouldBe(0.0);
        }

        // Mexico sells far more to the US than the US sells to Mexico in this goods matrix: rows are exporters.
        data.Trade["MEX", "USA"].ShouldBeGreaterThan(data.Trade["USA", "MEX"]);
        data.UsTariffs2025[data.Countries.IndexOf("CHN")].ShouldBe(0.54, 1e-12);
        data.UsTariffs2025[data.Countries.IndexOf("MEX")].ShouldBe(0.17, 1e-12);
        data.UsTariffs2025.Importer.Iso3.ShouldBe("USA");
    }

    [Fact]
    public void Converts_units_explicitly()
    {
        var data = BilateralDatasetReader.Load();
        var usd = data.Trade.In(MoneyUnit.Usd);
        usd["MEX", "USA"].ShouldBe(data.Trade["MEX", "USA"] * 1000, 1e-3);
        data.Gdp.In(MoneyUnit.ThousandUsd)[0].ShouldBe(data.Gdp[0] / 1000, 1e-9);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        using var dir = CorruptCopy.Of(d => File.Delete(Path.Combine(d, "gdp.csv")));
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.File.ShouldEndWith("gdp.csv");
        e.Message.ShouldContain("file not found");
    }

    [Fact]
    public void Non_numeric_cell_names_file_line_and_column()
    {
        using var dir = CorruptCopy.Of(d => CorruptCopy.ReplaceCell(Path.Combine(d, "exports_2023.csv"), line: 10, column: 5, "abc"));
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.File.ShouldEndWith("exports_2023.csv");
        e.Line.ShouldBe(10);
        e.Column.ShouldBe("export_ij5");
        e.Message.ShouldContain("'abc' is not a number");
    }

    [Fact]
    public void Negative_flow_names_the_cell_and_the_pair()
    {
        using var dir = CorruptCopy.Of(d => CorruptCopy.ReplaceCell(Path.Combine(d, "exports_2023.csv"), line: 116, column: 185, "-5"));
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.Line.ShouldBe(116);
        e.Column.ShouldBe("export_ij185");
        e.Message.ShouldContain("MEX to USA");
        e.Message.ShouldContain("≥ 0");
    }

    [Fact]
    public void Wrong_shape_row_with_missing_cells_is_reported()
    {
        using var dir = CorruptCopy.Of(d =>
        {
            var path = Path.Combine(d, "exports_2023.csv");
            var lines = File.ReadAllLines(path);
            lines[20] = string.Join(',', lines[20].Split(',').Take(100));
            File.WriteAllLines(path, lines);
        });
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.Line.ShouldBe(21);
        e.Message.ShouldContain("expected 194 cells");
    }

    [Fact]
    public void Wrong_shape_missing_row_is_reported()
    {
        using var dir = CorruptCopy.Of(d =>
        {
            var path = Path.Combine(d, "exports_2023.csv");
            File.WriteAllLines(path, File.ReadAllLines(path).Take(150));
        });
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.File.ShouldEndWith("exports_2023.csv");
        e.Message.ShouldContain("expected 194 data rows");
        e.Message.ShouldContain("found 149");
    }

    [Fact]
    public void Country_count_mismatch_between_files_is_reported()
    {
        using var dir = CorruptCopy.Of(d =>
        {
            var path = Path.Combine(d, "countries.csv");
            File.WriteAllLines(path, File.ReadAllLines(path).Take(190));
        });
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.File.ShouldEndWith("exports_2023.csv");
        e.Message.ShouldContain("expected 189 columns");
    }

    [Fact]
    public void Gdp_row_count_mismatch_is_reported()
    {
        using var dir = CorruptCopy.Of(d =>
        {
            var path = Path.Combine(d, "gdp.csv");
            File.AppendAllLines(path, ["12345"]);
        });
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.File.ShouldEndWith("gdp.csv");
        e.Message.ShouldContain("expected 194 data rows");
    }

    [Fact]
    public void Negative_gdp_and_out_of_range_tariff_are_reported()
    {
        using (var dir = CorruptCopy.Of(d => CorruptCopy.ReplaceCell(Path.Combine(d, "gdp.csv"), line: 3, column: 1, "-1")))
        {
            var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
            e.Line.ShouldBe(3);
            e.Column.ShouldBe("gdp");
            e.Message.ShouldContain("AFG");
        }

        using (var dir = CorruptCopy.Of(d => CorruptCopy.ReplaceCell(Path.Combine(d, "us_tariffs_2025.csv"), line: 2, column: 1, "25")))
        {
            var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
            e.Column.ShouldBe("applied_tariff");
            e.Message.ShouldContain("fraction");
        }
    }

    [Fact]
    public void Duplicate_country_code_is_reported()
    {
        using var dir = CorruptCopy.Of(d => CorruptCopy.ReplaceCell(Path.Combine(d, "countries.csv"), line: 5, column: 1, "ABW"));
        var e = Should.Throw<DataFormatException>(() => BilateralDatasetReader.Load(dir.Path));
        e.Line.ShouldBe(5);
        e.Message.ShouldContain("already appears on line 2");
    }
}

/// <summary>A temporary copy of bilateral-2023 with one deliberate defect; deleted on dispose. Never inside the repository.</summary>
internal sealed class CorruptCopy : IDisposable
{
    private CorruptCopy(string path) => Path = path;

    public string Path { get; }

    public static CorruptCopy Of(Action<string> corrupt)
    {
        var source = DataLocation.Resolve(BilateralDatasetReader.DefaultFolder);
        var target = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tightrope-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var f in Directory.EnumerateFiles(source, "*.csv"))
        {
            File.Copy(f, System.IO.Path.Combine(target, System.IO.Path.GetFileName(f)));
        }

        corrupt(target);
        return new CorruptCopy(target);
    }

    /// <summary>Replaces one cell; <paramref name="line"/> and <paramref name="column"/> are 1-based.</summary>
    public static void ReplaceCell(string path, int line, int column, string value)
    {
        var lines = File.ReadAllLines(path);
        var cells = lines[line - 1].Split(',');
        cells[column - 1] = value;
        lines[line - 1] = string.Join(',', cells);
        File.WriteAllLines(path, lines);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
