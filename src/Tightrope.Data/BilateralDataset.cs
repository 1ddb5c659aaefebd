namespace Tightrope.Data;

/// <summary>
/// The one-sector 2023 data set: countries, goods trade (exporter → importer, thousand USD, no domestic flows),
/// GDP (USD) and the US tariff schedule announced on 2 April 2025.
/// </summary>
public sealed record BilateralDataset(
    CountrySet Countries,
    PairMatrix Trade,
    CountryValues Gdp,
    ImporterTariffSchedule UsTariffs2025,
    string Source)
{
    /// <summary>The same data with countries reordered; <paramref name="order"/>[k] is the old position of new position k.</summary>
    public BilateralDataset Permute(IReadOnlyList<int> order) =>
        new(Countries.Permute(order), Trade.Permute(order), Gdp.Permute(order), UsTariffs2025.Permute(order), Source);
}

/// <summary>Reads <c>bilateral-2023/</c>: countries.csv, exports_2023.csv, gdp.csv, us_tariffs_2025.csv.</summary>
public static class BilateralDatasetReader
{
    /// <summary>Default folder name under the data root.</summary>
    public const string DefaultFolder = "bilateral-2023";

    /// <summary>The files <see cref="Load"/> reads, relative to the data set's folder.</summary>
    public static IReadOnlyList<string> Files { get; } = ["countries.csv", "exports_2023.csv", "gdp.csv", "us_tariffs_2025.csv"];

    /// <summary>Loads and validates the data set in <paramref name="directory"/> (default: the data root's bilateral-2023).</summary>
    public static BilateralDataset Load(string? directory = null)
    {
        directory ??= DataLocation.Resolve(DefaultFolder);
        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, null, null, "directory not found; expected the bilateral-2023 data set.");
        }

        var countries = ReadCountries(Path.Combine(directory, "countries.csv"));
        var trade = ReadTrade(Path.Combine(directory, "exports_2023.csv"), countries);
        var gdp = ReadColumn(Path.Combine(directory, "gdp.csv"), "gdp", countries, mustBePositive: true, fraction: false);
        var tariffs = ReadColumn(Path.Combine(directory, "us_tariffs_2025.csv"), "applied_tariff", countries, mustBePositive: false, fraction: true);
        var usa = countries.IndexOf("USA");
        if (usa < 0)
        {
            throw new DataFormatException(Path.Combine(directory, "countries.csv"), null, "iso3", "no row for USA; the tariff schedule is levied by the United States.");
        }

        return new BilateralDataset(
            countries,
            trade,
            new CountryValues(countries, gdp, MoneyUnit.Usd),
            new ImporterTariffSchedule(countries[usa], countries, tariffs),
            directory);
    }

    /// <summary>Reads only countries.csv of the data set in <paramref name="directory"/>: enough to check the codes a scenario names before the data are loaded.</summary>
    public static CountrySet ReadCountryList(string directory) => ReadCountries(Path.Combine(directory, "countries.csv"));

    private static CountrySet ReadCountries(string path)
    {
        var grid = CsvGrid.Read(path);
        var iso = grid.ColumnIndex("iso3");
        var code = grid.ColumnIndex("iso_code");
        var name = grid.ColumnIndex("CountryName");
        var list = new List<Country>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            var iso3 = cells[iso].Trim();
            if (iso3.Length != 3 || !iso3.All(char.IsAsciiLetter))
            {
                throw new DataFormatException(path, line, "iso3", $"'{iso3}' is not a three-letter ISO code.");
            }

            if (seen.TryGetValue(iso3, out var firstLine))
            {
                throw new DataFormatException(path, line, "iso3", $"'{iso3}' already appears on line {firstLine}.");
            }

            seen[iso3] = line;
            var position = grid.Number(r, code);
            if (position != r + 1)
            {
                throw new DataFormatException(path, line, "iso_code", $"expected the 1-based row number {r + 1}, found {position}.");
            }

            list.Add(new Country(iso3.ToUpperInvariant(), cells[name].Trim()));
        }

        if (list.Count == 0)
        {
            throw new DataFormatException(path, null, null, "no countries listed.");
        }

        return new CountrySet(list);
    }

    private static PairMatrix ReadTrade(string path, CountrySet countries)
    {
        var grid = CsvGrid.Read(path);
        var n = countries.Count;
        if (grid.Header.Count != n)
        {
            throw new DataFormatException(path, 1, null, $"expected {n} columns (one per importer in countries.csv), found {grid.Header.Count}.");
        }

        if (grid.Rows.Count != n)
        {
            throw new DataFormatException(path, null, null, $"expected {n} data rows (one per exporter in countries.csv), found {grid.Rows.Count}.");
        }

        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var v = grid.Number(i, j, emptyValue: 0.0);
                if (v < 0)
                {
                    throw new DataFormatException(path, grid.Rows[i].Line, grid.Header[j], $"negative flow {v} from {countries[i].Iso3} to {countries[j].Iso3}; trade flows must be ≥ 0.");
                }

                values[(i * n) + j] = i == j ? 0.0 : v;
            }
        }

        return new PairMatrix(countries, values, MoneyUnit.ThousandUsd);
    }

    private static double[] ReadColumn(string path, string column, CountrySet countries, bool mustBePositive, bool fraction)
    {
        var grid = CsvGrid.Read(path);
        var c = grid.ColumnIndex(column);
        if (grid.Rows.Count != countries.Count)
        {
            throw new DataFormatException(path, null, column, $"expected {countries.Count} data rows (one per country in countries.csv), found {grid.Rows.Count}.");
        }

        var values = new double[countries.Count];
        for (var r = 0; r < values.Length; r++)
        {
            var v = grid.Number(r, c);
            if (mustBePositive && v <= 0)
            {
                throw new DataFormatException(path, grid.Rows[r].Line, column, $"{countries[r].Iso3} has {v}; expected a positive value.");
            }

            if (fraction && (v < 0 || v > 10))
            {
                throw new DataFormatException(path, grid.Rows[r].Line, column, $"{countries[r].Iso3} has {v}; expected a tariff as a fraction between 0 and 10 (0.25 = 25%).");
            }

            values[r] = v;
        }

        return values;
    }
}
