using System.Globalization;

namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// Reads <c>wiod-sectoral-2014/</c>: countries.csv (index, iso3, name), sectors.csv (index, name), trade_2014.csv
/// (exporter, importer, sector, value_musd), tariffs_2014.csv (exporter, importer, sector, tariff — the rate the importer
/// levies, a fraction; <c>tariff_ll2023_code</c> is not read) and elasticities.csv (sector, trade_elasticity). Every
/// (exporter, importer, sector) must appear exactly once in each table. Errors name the file, line and column.
/// </summary>
public static class WiodSectoral2014Reader
{
    /// <summary>A tariff above this (300%) is taken to be written in percent.</summary>
    public const double MaxTariff = 3.0;

    /// <summary>Loads and validates the folder.</summary>
    public static WiodSectoral2014Data Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, null, null, "directory not found; expected the wiod-sectoral-2014 files.");
        }

        string File(string name) => Path.Combine(directory, name);
        var countries = ReadCountries(File("countries.csv"));
        var (sectors, sectorIndex) = ReadSectors(File("sectors.csv"));
        int n = countries.Count, j = sectors.Count;

        var trade = CsvGrid.Read(File("trade_2014.csv"));
        var flows = ReadCube(trade, "value_musd", countries, sectorIndex, j, (v, line, column) =>
        {
            if (v < 0)
            {
                throw new DataFormatException(trade.Path, line, column, string.Create(CultureInfo.InvariantCulture, $"negative flow {v}; flows must be ≥ 0 (million USD)."));
            }
        });

        var tariffGrid = CsvGrid.Read(File("tariffs_2014.csv"));
        var tariffs = ReadCube(tariffGrid, "tariff", countries, sectorIndex, j, (v, line, column) =>
        {
            if (v < 0)
            {
                throw new DataFormatException(tariffGrid.Path, line, column, string.Create(CultureInfo.InvariantCulture, $"negative tariff {v}; expected a fraction ≥ 0 (0.05 = 5%)."));
            }

            if (v > MaxTariff)
            {
                throw new DataFormatException(tariffGrid.Path, line, column, string.Create(CultureInfo.InvariantCulture,
                    $"tariff {v} looks like a percentage; expected a fraction (0.05 = 5%), at most {MaxTariff}."));
            }
        });
        CheckNotPercent(tariffGrid, tariffs);
        foreach (var (line, cells) in tariffGrid.Rows)
        {
            var e = cells[tariffGrid.ColumnIndex("exporter")].Trim();
            if (e == cells[tariffGrid.ColumnIndex("importer")].Trim() && double.Parse(cells[tariffGrid.ColumnIndex("tariff")], CultureInfo.InvariantCulture) != 0)
            {
                throw new DataFormatException(tariffGrid.Path, line, "tariff", $"{e} levies a tariff on its own goods; the diagonal must be 0.");
            }
        }

        var theta = new double[j];
        var seen = new bool[j];
        var elasticities = CsvGrid.Read(File("elasticities.csv"));
        int sc = elasticities.ColumnIndex("sector"), tc = elasticities.ColumnIndex("trade_elasticity");
        for (var r = 0; r < elasticities.Rows.Count; r++)
        {
            var (line, cells) = elasticities.Rows[r];
            var s = Sector(elasticities, line, cells[sc], sectorIndex);
            if (seen[s])
            {
                throw new DataFormatException(elasticities.Path, line, "sector", $"sector {cells[sc].Trim()} appears twice.");
            }

            seen[s] = true;
            theta[s] = elasticities.Number(r, tc);
            if (!(theta[s] > 0))
            {
                throw new DataFormatException(elasticities.Path, line, "trade_elasticity", $"{theta[s]}; expected a positive trade elasticity.");
            }
        }

        var missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new DataFormatException(elasticities.Path, null, "sector", $"no row for sector {missing + 1} ({sectors[missing].Name}).");
        }

        return new WiodSectoral2014Data(
            countries,
            sectors,
            new SectoralPairMatrix(sectors, countries, flows, PairUnit.Of(MoneyUnit.MillionUsd)),
            new SectoralPairMatrix(sectors, countries, tariffs, PairUnit.Fraction),
            new SectorValues(sectors, theta),
            directory);
    }

    /// <summary>A table written in percent has typical rates of several units; the data's median positive tariff is about 0.03.</summary>
    private static void CheckNotPercent(CsvGrid grid, double[] rates)
    {
        var positive = rates.Where(v => v > 0).Order().ToArray();
        if (positive.Length == 0 || positive[positive.Length / 2] <= 0.5)
        {
            return;
        }

        var column = grid.ColumnIndex("tariff");
        var first = grid.Rows.First(r => double.Parse(r.Cells[column], CultureInfo.InvariantCulture) > 1);
        throw new DataFormatException(grid.Path, first.Line, "tariff", string.Create(CultureInfo.InvariantCulture,
            $"the median positive tariff is {positive[positive.Length / 2]}, so the column looks like percentages (e.g. {first.Cells[column]} here); expected fractions (0.05 = 5%)."));
    }

    private static double[] ReadCube(CsvGrid grid, string valueColumn, CountrySet countries, Dictionary<string, int> sectorIndex, int j, Action<double, int, string> check)
    {
        int n = countries.Count;
        int ec = grid.ColumnIndex("exporter"), ic = grid.ColumnIndex("importer"), sc = grid.ColumnIndex("sector"), vc = grid.ColumnIndex(valueColumn);
        var values = new double[j * n * n];
        var line = new int[j * n * n];
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (at, cells) = grid.Rows[r];
            var e = Country(grid, at, "exporter", cells[ec], countries);
            var i = Country(grid, at, "importer", cells[ic], countries);
            var s = Sector(grid, at, cells[sc], sectorIndex);
            var k = (((s * n) + e) * n) + i;
            if (line[k] != 0)
            {
                throw new DataFormatException(grid.Path, at, null, $"{cells[ec].Trim()} → {cells[ic].Trim()}, sector {cells[sc].Trim()} already appears on line {line[k]}.");
            }

            line[k] = at;
            var v = grid.Number(r, vc);
            check(v, at, grid.Header[vc]);
            values[k] = v;
        }

        var gap = Array.IndexOf(line, 0);
        if (gap >= 0)
        {
            var s = gap / (n * n);
            var e = gap / n % n;
            var i = gap % n;
            throw new DataFormatException(grid.Path, null, valueColumn,
                $"no row for {countries[e].Iso3} → {countries[i].Iso3}, sector {s + 1}; every exporter × importer × sector needs one ({j * n * n} rows, found {grid.Rows.Count}).");
        }

        return values;
    }

    private static int Country(CsvGrid grid, int line, string column, string text, CountrySet countries)
    {
        var code = text.Trim();
        var i = countries.IndexOf(code);
        return i >= 0 ? i : throw new DataFormatException(grid.Path, line, column, $"'{code}' is not a country in countries.csv.");
    }

    private static int Sector(CsvGrid grid, int line, string text, Dictionary<string, int> sectorIndex) =>
        sectorIndex.TryGetValue(text.Trim(), out var s)
            ? s
            : throw new DataFormatException(grid.Path, line, "sector", $"'{text.Trim()}' is not a sector index in sectors.csv (1–{sectorIndex.Count}).");

    /// <summary>Reads only countries.csv and sectors.csv of <paramref name="directory"/>: the labels a scenario may name, without the data.</summary>
    public static (CountrySet Countries, SectorSet Sectors) ReadLabels(string directory) =>
        (ReadCountries(Path.Combine(directory, "countries.csv")), ReadSectors(Path.Combine(directory, "sectors.csv")).Sectors);

    private static CountrySet ReadCountries(string path)
    {
        var grid = CsvGrid.Read(path);
        int ic = grid.ColumnIndex("iso3"), nc = grid.ColumnIndex("name");
        var list = new List<Country>();
        foreach (var (line, cells) in grid.Rows)
        {
            var iso = cells[ic].Trim();
            if (iso.Length != 3 || !iso.All(char.IsAsciiLetterUpper))
            {
                throw new DataFormatException(path, line, "iso3", $"'{iso}' is not a three-letter upper-case code.");
            }

            if (list.Any(c => c.Iso3 == iso))
            {
                throw new DataFormatException(path, line, "iso3", $"'{iso}' is listed twice.");
            }

            list.Add(new Country(iso, cells[nc].Trim()));
        }

        return list.Count > 0 ? new CountrySet(list) : throw new DataFormatException(path, null, null, "no countries listed.");
    }

    private static (SectorSet Sectors, Dictionary<string, int> Index) ReadSectors(string path)
    {
        var grid = CsvGrid.Read(path);
        int ic = grid.ColumnIndex("index"), nc = grid.ColumnIndex("name");
        var list = new List<Sector>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, cells) in grid.Rows)
        {
            var text = cells[ic].Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k != list.Count + 1)
            {
                throw new DataFormatException(path, line, "index", $"'{text}'; expected sector {list.Count + 1} (sectors are numbered 1, 2, … in order).");
            }

            if (k > WiodSectoral2014Data.SectorCodes.Count)
            {
                throw new DataFormatException(path, line, "index", $"sector {k}; the data set has {WiodSectoral2014Data.SectorCodes.Count} sectors.");
            }

            index[text] = list.Count;
            list.Add(new Sector(WiodSectoral2014Data.SectorCodes[k - 1].Code, cells[nc].Trim()));
        }

        if (list.Count != WiodSectoral2014Data.SectorCodes.Count)
        {
            throw new DataFormatException(path, null, "index", $"{list.Count} sectors; expected {WiodSectoral2014Data.SectorCodes.Count}.");
        }

        return (new SectorSet(list), index);
    }
}
