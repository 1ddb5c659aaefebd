using System.Globalization;

namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// Reads the authors' matrices in <c>caliendo-parro-2015/original/</c> (tab-separated, no header) and builds the accounts:
/// trade in thousand USD with importer rows and exporter columns, tariffs in percent, GO/B sector × country, IO blocks of
/// input × using sector per country. Gross output below exports is raised to exports, as the authors do.
/// </summary>
public static class CaliendoParroOriginalReader
{
    /// <summary>Tolerance on input–output column sums and value-added shares.</summary>
    public const double ShareTolerance = 1e-4;

    /// <summary>Smallest input–output coefficient accepted; the authors' data hold one of −0.0008 (CAN, Other → Basic metals).</summary>
    public const double SmallestInputShare = -0.01;

    /// <summary>Loads and validates the folder.</summary>
    public static CaliendoParroData Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, null, null, "directory not found; expected the Caliendo–Parro original matrices.");
        }

        var countries = CaliendoParroLabels.CountrySet();
        var sectors = CaliendoParroLabels.SectorList();
        int n = countries.Count, j = sectors.Count, jt = CaliendoParroLabels.TradableCount;

        string File(string name) => Path.Combine(directory, name);
        var theta = ReadMatrix(File("T.txt"), jt, 1, "one trade elasticity per tradable sector, as xbilat1993.txt has 20 sector blocks");
        var xbilat = ReadMatrix(File("xbilat1993.txt"), jt * n, n, "20 sector blocks of 31 importer rows; one column per exporter");
        var tariffs93 = ReadMatrix(File("tariffs1993.txt"), jt * n, n, "the layout of xbilat1993.txt");
        var tariffs05 = ReadMatrix(File("tariffs2005.txt"), jt * n, n, "the layout of xbilat1993.txt");
        var go = ReadMatrix(File("GO.txt"), j, n, "one row per sector (40), one column per region (31)");
        var b = ReadMatrix(File("B.txt"), j, n, "one row per sector (40), one column per region (31)");
        var io = ReadMatrix(File("IO.txt"), n * j, j, "31 region blocks of 40 input rows; one column per using sector");

        for (var s = 0; s < jt; s++)
        {
            if (!(theta[s, 0] > 0))
            {
                throw new DataFormatException(File("T.txt"), s + 1, null, $"trade elasticity of {sectors[s].Name} is {theta[s, 0]}; expected a positive number.");
            }
        }

        // Trade and tariffs: file row s·N + importer, column exporter → [sector][exporter][importer].
        var flows = new double[j * n * n];
        var rates93 = new double[j * n * n];
        var rates05 = new double[j * n * n];
        for (var s = 0; s < jt; s++)
        {
            var total = 0.0;
            for (var importer = 0; importer < n; importer++)
            {
                var row = (s * n) + importer;
                for (var exporter = 0; exporter < n; exporter++)
                {
                    var at = (((s * n) + exporter) * n) + importer;
                    var v = xbilat[row, exporter];
                    if (v < 0)
                    {
                        throw new DataFormatException(File("xbilat1993.txt"), row + 1, (exporter + 1).ToString(CultureInfo.InvariantCulture),
                            $"negative flow {v} of {sectors[s].Name} from {countries[exporter].Iso3} to {countries[importer].Iso3}; flows must be ≥ 0.");
                    }

                    if (exporter == importer && v != 0)
                    {
                        throw new DataFormatException(File("xbilat1993.txt"), row + 1, (exporter + 1).ToString(CultureInfo.InvariantCulture),
                            $"domestic flow {v} for {countries[exporter].Iso3}; the diagonal must be 0 (domestic sales are built from GO.txt).");
                    }

                    flows[at] = v * MoneyUnits.Factor(MoneyUnit.ThousandUsd, MoneyUnit.Usd);
                    total += v;
                    rates93[at] = Rate(File("tariffs1993.txt"), tariffs93[row, exporter], row, exporter, importer, countries);
                    rates05[at] = Rate(File("tariffs2005.txt"), tariffs05[row, exporter], row, exporter, importer, countries);
                }
            }

            if (total == 0)
            {
                throw new DataFormatException(File("xbilat1993.txt"), (s * n) + 1, null,
                    $"tradable sector {sectors[s].Name} (rows {(s * n) + 1}–{(s + 1) * n}) has zero trade between every pair; a tradable sector needs some trade.");
            }
        }

        var adjustments = new List<string>();
        var grossOutput = new double[j * n];
        for (var s = 0; s < j; s++)
        {
            for (var c = 0; c < n; c++)
            {
                var g = go[s, c];
                if (g < 0)
                {
                    throw new DataFormatException(File("GO.txt"), s + 1, (c + 1).ToString(CultureInfo.InvariantCulture),
                        $"gross output of {sectors[s].Name} in {countries[c].Iso3} is {g}; expected a value ≥ 0.");
                }

                var share = b[s, c];
                if (share is < 0 or > 1 + ShareTolerance)
                {
                    throw new DataFormatException(File("B.txt"), s + 1, (c + 1).ToString(CultureInfo.InvariantCulture),
                        $"value-added share of {sectors[s].Name} in {countries[c].Iso3} is {share}; expected a share between 0 and 1.");
                }

                var exports = 0.0;
                for (var importer = 0; importer < n; importer++)
                {
                    exports += flows[(((s * n) + c) * n) + importer];
                }

                if (g < exports)
                {
                    // The authors raise gross output to exports so domestic sales are never negative.
                    adjustments.Add(string.Create(CultureInfo.InvariantCulture,
                        $"GO.txt line {s + 1}, column {c + 1}: gross output of {sectors[s].Name} in {countries[c].Iso3} raised from {g:E4} to exports {exports:E4} USD."));
                    g = exports;
                }

                grossOutput[(s * n) + c] = g;
                flows[(((s * n) + c) * n) + c] = g - exports;
            }
        }

        // Input–output shares: within each region block every using sector's column sums to 1, unless the sector buys
        // no intermediates at all (value-added share 1), where the column may be empty.
        for (var c = 0; c < n; c++)
        {
            for (var user = 0; user < j; user++)
            {
                var sum = 0.0;
                for (var input = 0; input < j; input++)
                {
                    var v = io[(c * j) + input, user];
                    if (v < SmallestInputShare)
                    {
                        throw new DataFormatException(File("IO.txt"), (c * j) + input + 1, (user + 1).ToString(CultureInfo.InvariantCulture),
                            $"input share of {sectors[input].Name} in {sectors[user].Name} ({countries[c].Iso3}) is {v}; expected a share ≥ 0.");
                    }

                    sum += v;
                }

                var noIntermediates = Math.Abs(b[user, c] - 1) <= ShareTolerance;
                if (Math.Abs(sum - 1) > ShareTolerance && !(noIntermediates && Math.Abs(sum) <= ShareTolerance))
                {
                    throw new DataFormatException(File("IO.txt"), (c * j) + 1, (user + 1).ToString(CultureInfo.InvariantCulture),
                        string.Create(CultureInfo.InvariantCulture,
                            $"input shares of {sectors[user].Name} in {countries[c].Iso3} (lines {(c * j) + 1}–{(c + 1) * j}) sum to {sum:G6}; expected 1."));
                }
            }
        }

        var valueAdded = new double[j * n];
        var intermediates = new double[n * j * j];
        for (var c = 0; c < n; c++)
        {
            for (var user = 0; user < j; user++)
            {
                var g = grossOutput[(user * n) + c];
                valueAdded[(user * n) + c] = b[user, c] * g;
                for (var input = 0; input < j; input++)
                {
                    intermediates[(((c * j) + input) * j) + user] = io[(c * j) + input, user] * (1 - b[user, c]) * g;
                }
            }
        }

        // Final demand is what is left of purchaser-valued spending after intermediate use.
        var finalDemand = new double[j * n];
        for (var s = 0; s < j; s++)
        {
            for (var importer = 0; importer < n; importer++)
            {
                var spending = 0.0;
                for (var exporter = 0; exporter < n; exporter++)
                {
                    var at = (((s * n) + exporter) * n) + importer;
                    spending += flows[at] * (1 + rates93[at]);
                }

                var used = 0.0;
                for (var user = 0; user < j; user++)
                {
                    used += intermediates[(((importer * j) + s) * j) + user];
                }

                finalDemand[(s * n) + importer] = spending - used;
            }
        }

        var thetaAll = Enumerable.Range(0, j).Select(s => s < jt ? theta[s, 0] : CaliendoParroLabels.NonTradableTheta).ToList();
        return CaliendoParroAccounts.Assemble(
            countries,
            sectors,
            Enumerable.Range(0, j).Select(s => s < jt).ToList(),
            thetaAll,
            flows,
            rates93,
            rates05,
            false,
            valueAdded,
            intermediates,
            finalDemand,
            adjustments,
            CaliendoParroSource.Original,
            directory);
    }

    private static double Rate(string file, double percent, int row, int exporter, int importer, CountrySet countries)
    {
        if (percent < 0)
        {
            throw new DataFormatException(file, row + 1, (exporter + 1).ToString(CultureInfo.InvariantCulture),
                $"tariff {percent}% of {countries[importer].Iso3} on {countries[exporter].Iso3} is negative; expected a percentage ≥ 0.");
        }

        if (exporter == importer && percent != 0)
        {
            throw new DataFormatException(file, row + 1, (exporter + 1).ToString(CultureInfo.InvariantCulture),
                $"{countries[importer].Iso3} has a tariff of {percent}% on itself; the diagonal must be 0.");
        }

        return percent / 100;
    }

    /// <summary>A numeric matrix of exactly <paramref name="rows"/> × <paramref name="columns"/> cells separated by tabs or spaces.</summary>
    private static Matrix ReadMatrix(string path, int rows, int columns, string expected)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new DataFormatException(path, null, null, "file not found.");
        }

        var values = new double[rows * columns];
        var r = 0;
        var line = 0;
        foreach (var text in System.IO.File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (r == rows)
            {
                throw new DataFormatException(path, line, null, $"more than {rows} rows; expected {rows} ({expected}).");
            }

            var cells = text.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (cells.Length != columns)
            {
                throw new DataFormatException(path, line, null, $"{cells.Length} values; expected {columns} ({expected}).");
            }

            for (var c = 0; c < columns; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    throw new DataFormatException(path, line, (c + 1).ToString(CultureInfo.InvariantCulture), $"'{cells[c]}' is not a number.");
                }

                values[(r * columns) + c] = v;
            }

            r++;
        }

        if (r != rows)
        {
            throw new DataFormatException(path, null, null, $"{r} rows; expected {rows} ({expected}).");
        }

        return new Matrix(values, columns);
    }

    private readonly struct Matrix(double[] values, int columns)
    {
        public double this[int row, int column] => values[(row * columns) + column];
    }
}
