using System.Globalization;

namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// Reads the long-form CSV files in <c>caliendo-parro-2015/tidy/</c>: trade.csv (sector, exporter, importer, producer-price
/// value in USD with domestic sales, tariff fractions), value_added.csv, intermediate_consumption.csv, final_consumption.csv,
/// deficit.csv, theta.csv, regions.txt, sectors.txt. Every (sector, exporter, importer) must appear exactly once.
/// </summary>
public static class CaliendoParroTidyReader
{
    /// <summary>Relative tolerance on cost shares (value added plus intermediates over gross output) and on deficits.</summary>
    public const double AccountsTolerance = 1e-6;

    /// <summary>Loads and validates the folder.</summary>
    public static CaliendoParroData Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, null, null, "directory not found; expected the Caliendo–Parro tidy files.");
        }

        string File(string name) => Path.Combine(directory, name);
        var (countries, regionIndex) = ReadRegions(File("regions.txt"));
        var (sectors, tradable, sectorIndex) = ReadSectors(File("sectors.txt"));
        int n = countries.Count, j = sectors.Count;

        var theta = new double[j];
        var thetaGrid = CsvGrid.Read(File("theta.csv"));
        Fill(thetaGrid, ["sector"], [sectorIndex], "value", (key, v, line) =>
        {
            if (!(v > 0))
            {
                throw new DataFormatException(thetaGrid.Path, line, "value", $"trade elasticity {v}; expected a positive number.");
            }

            theta[key[0]] = v;
        }, j);

        var flows = new double[j * n * n];
        var bln = new double[j * n * n];
        var cfl = new double[j * n * n];
        var trade = CsvGrid.Read(File("trade.csv"));
        int tb = trade.ColumnIndex("tariff_bln"), tc = trade.ColumnIndex("tariff_cfl"), db = trade.ColumnIndex("d_bln"), dc = trade.ColumnIndex("d_cfl");
        Fill(trade, ["sector", "exporter", "importer"], [sectorIndex, regionIndex, regionIndex], "value", (key, v, line) =>
        {
            int s = key[0], exporter = key[1], importer = key[2];
            var row = RowOf(trade, line);
            if (v < 0)
            {
                throw new DataFormatException(trade.Path, line, "value", $"negative flow {v}; flows must be ≥ 0.");
            }

            if (exporter != importer && v > 0 && !tradable[s])
            {
                throw new DataFormatException(trade.Path, line, "value", $"{sectors[s].Name} is a non-tradable sector but has a cross-border flow of {v}.");
            }

            foreach (var column in new[] { db, dc })
            {
                if (trade.Number(row, column) != 1)
                {
                    throw new DataFormatException(trade.Path, line, trade.Header[column], "trade-cost changes are not modelled; expected 1.");
                }
            }

            var at = (((s * n) + exporter) * n) + importer;
            flows[at] = v;
            bln[at] = Tariff(trade, row, tb, exporter == importer);
            cfl[at] = Tariff(trade, row, tc, exporter == importer);
        }, j * n * n);

        for (var s = 0; s < j; s++)
        {
            if (!tradable[s])
            {
                continue;
            }

            var crossBorder = 0.0;
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    crossBorder += e == i ? 0 : flows[(((s * n) + e) * n) + i];
                }
            }

            if (crossBorder == 0)
            {
                throw new DataFormatException(trade.Path, null, "value", $"tradable sector {sectors[s].Name} has zero trade between every pair; a tradable sector needs some trade.");
            }
        }

        var valueAdded = ReadSectorRegion(File("value_added.csv"), sectorIndex, regionIndex, j, n);
        var finalDemand = ReadSectorRegion(File("final_consumption.csv"), sectorIndex, regionIndex, j, n);
        var intermediates = new double[n * j * j];
        var interGrid = CsvGrid.Read(File("intermediate_consumption.csv"));
        Fill(interGrid, ["input", "sector", "region"], [sectorIndex, sectorIndex, regionIndex], "value",
            (key, v, _) => intermediates[(((key[2] * j) + key[0]) * j) + key[1]] = v, n * j * j);

        // Cost shares: value added plus intermediate purchases must exhaust gross output (sales at producer prices).
        var vaGrid = CsvGrid.Read(File("value_added.csv"));
        for (var s = 0; s < j; s++)
        {
            for (var c = 0; c < n; c++)
            {
                var grossOutput = 0.0;
                for (var i = 0; i < n; i++)
                {
                    grossOutput += flows[(((s * n) + c) * n) + i];
                }

                var costs = valueAdded[(s * n) + c];
                for (var input = 0; input < j; input++)
                {
                    costs += intermediates[(((c * j) + input) * j) + s];
                }

                if (Math.Abs(costs - grossOutput) > AccountsTolerance * Math.Max(grossOutput, 1))
                {
                    var line = vaGrid.Rows.First(r => SameKey(r.Cells, vaGrid, sectors[s], countries[c])).Line;
                    throw new DataFormatException(vaGrid.Path, line, "value", string.Create(CultureInfo.InvariantCulture,
                        $"value added plus intermediate purchases of {sectors[s].Name} in {countries[c].Iso3} is {costs:E6} USD but its sales in trade.csv are {grossOutput:E6}; cost shares must sum to one."));
                }
            }
        }

        var deficits = new double[n];
        var deficitGrid = CsvGrid.Read(File("deficit.csv"));
        Fill(deficitGrid, ["region"], [regionIndex], "D", (key, v, _) => deficits[key[0]] = v, n);
        var surplus = CaliendoParroAccounts.Surplus(flows, n, j);
        for (var c = 0; c < n; c++)
        {
            var va = Enumerable.Range(0, j).Sum(s => valueAdded[(s * n) + c]);
            if (Math.Abs(surplus[c] + deficits[c]) > AccountsTolerance * va)
            {
                throw new DataFormatException(deficitGrid.Path, deficitGrid.Rows[c].Line, "D", string.Create(CultureInfo.InvariantCulture,
                    $"deficit of {countries[c].Iso3} does not match trade.csv: imports − exports there are {-surplus[c]:E6} USD."));
            }
        }

        return CaliendoParroAccounts.Assemble(
            countries, sectors, tradable, theta, flows, bln, cfl, true, valueAdded, intermediates, finalDemand, [], CaliendoParroSource.Tidy, directory);
    }

    private static bool SameKey(string[] cells, CsvGrid grid, Sector sector, Country country)
    {
        var s = CaliendoParroLabels.Sectors.First(x => x.Code == sector.Code).TidyName;
        var r = CaliendoParroLabels.Regions.First(x => x.Iso3 == country.Iso3).TidyName;
        return cells[grid.ColumnIndex("sector")].Trim() == s && cells[grid.ColumnIndex("region")].Trim() == r;
    }

    private static int RowOf(CsvGrid grid, int line)
    {
        // Rows are stored in file order, one per line after the header, so the line points straight at the row.
        var guess = line - 2;
        return guess >= 0 && guess < grid.Rows.Count && grid.Rows[guess].Line == line
            ? guess
            : grid.Rows.ToList().FindIndex(r => r.Line == line);
    }

    private static double Tariff(CsvGrid grid, int row, int column, bool domestic)
    {
        var v = grid.Number(row, column);
        var line = grid.Rows[row].Line;
        if (v < 0)
        {
            throw new DataFormatException(grid.Path, line, grid.Header[column], $"tariff {v} is negative; expected a fraction ≥ 0 (0.05 = 5%).");
        }

        if (domestic && v != 0)
        {
            throw new DataFormatException(grid.Path, line, grid.Header[column], $"tariff {v} on a domestic flow; expected 0.");
        }

        return v;
    }

    private static double[] ReadSectorRegion(string path, Dictionary<string, int> sectorIndex, Dictionary<string, int> regionIndex, int j, int n)
    {
        var values = new double[j * n];
        var grid = CsvGrid.Read(path);
        Fill(grid, ["sector", "region"], [sectorIndex, regionIndex], "value", (key, v, line) =>
        {
            if (v < 0)
            {
                throw new DataFormatException(path, line, "value", $"{v} is negative; expected a value ≥ 0 USD.");
            }

            values[(key[0] * n) + key[1]] = v;
        }, j * n);
        return values;
    }

    /// <summary>Reads every row keyed by label columns, requiring each key combination exactly once.</summary>
    private static void Fill(CsvGrid grid, string[] keyColumns, Dictionary<string, int>[] lookups, string valueColumn, Action<int[], double, int> set, int expectedRows)
    {
        var keyIdx = keyColumns.Select(grid.ColumnIndex).ToArray();
        var valueIdx = grid.ColumnIndex(valueColumn);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            var key = new int[keyIdx.Length];
            for (var k = 0; k < keyIdx.Length; k++)
            {
                var label = cells[keyIdx[k]].Trim();
                if (!lookups[k].TryGetValue(label, out key[k]))
                {
                    var list = keyColumns[k] is "exporter" or "importer" or "region" ? "regions.txt" : "sectors.txt";
                    throw new DataFormatException(grid.Path, line, keyColumns[k], $"'{label}' is not listed in {list}.");
                }
            }

            var id = string.Join('|', key);
            if (!seen.TryAdd(id, line))
            {
                throw new DataFormatException(grid.Path, line, null, $"the same {string.Join(", ", keyColumns)} already appears on line {seen[id]}.");
            }

            set(key, grid.Number(r, valueIdx), line);
        }

        if (grid.Rows.Count != expectedRows)
        {
            throw new DataFormatException(grid.Path, null, null,
                $"{grid.Rows.Count} data rows; expected {expectedRows} (one per {string.Join(" × ", keyColumns)} of regions.txt and sectors.txt).");
        }
    }

    private static (CountrySet Countries, Dictionary<string, int> Index) ReadRegions(string path)
    {
        var names = ReadLines(path);
        var list = new List<Country>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, name) in names)
        {
            var known = CaliendoParroLabels.Regions.FirstOrDefault(r => r.TidyName == name);
            if (known.Iso3 is null)
            {
                throw new DataFormatException(path, line, null, $"unknown region '{name}'; expected one of the 31 Caliendo–Parro regions.");
            }

            if (!index.TryAdd(name, list.Count))
            {
                throw new DataFormatException(path, line, null, $"region '{name}' is listed twice.");
            }

            list.Add(new Country(known.Iso3, known.Name));
        }

        return (new CountrySet(list), index);
    }

    private static (SectorSet Sectors, bool[] Tradable, Dictionary<string, int> Index) ReadSectors(string path)
    {
        var names = ReadLines(path);
        var list = new List<Sector>();
        var tradable = new List<bool>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, name) in names)
        {
            var position = CaliendoParroLabels.Sectors.ToList().FindIndex(s => s.TidyName == name);
            if (position < 0)
            {
                throw new DataFormatException(path, line, null, $"unknown sector '{name}'; expected one of the 40 Caliendo–Parro sectors.");
            }

            if (!index.TryAdd(name, list.Count))
            {
                throw new DataFormatException(path, line, null, $"sector '{name}' is listed twice.");
            }

            var known = CaliendoParroLabels.Sectors[position];
            list.Add(new Sector(known.Code, known.Name));
            tradable.Add(position < CaliendoParroLabels.TradableCount);
        }

        return (new SectorSet(list), tradable.ToArray(), index);
    }

    private static List<(int Line, string Text)> ReadLines(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new DataFormatException(path, null, null, "file not found.");
        }

        var result = System.IO.File.ReadLines(path).Select((t, i) => (Line: i + 1, Text: t.Trim())).Where(x => x.Text.Length > 0).ToList();
        return result.Count > 0 ? result : throw new DataFormatException(path, null, null, "the file is empty.");
    }
}
