using Tightrope.Data;
using Tightrope.Gravity.Data;

namespace Tightrope.Scenarios.StructuralGravity;

/// <summary>
/// A bilateral panel (exporter, importer, year, flow, covariates) as read from a .dta or CSV file, with the country codes
/// mapped through aliases (e.g. Stata's "ZZZ" for the reference country) and the one-year views the model needs.
/// </summary>
public sealed class GravityPanel
{
    private GravityPanel(string source, ColumnarTable table, string flowColumn, string[] exporters, string[] importers, double[] years, double[] flows)
    {
        Source = source;
        FlowColumn = flowColumn;
        Table = table;
        Exporters = exporters;
        Importers = importers;
        Years = years;
        Flows = flows;
    }

    /// <summary>The file the panel came from.</summary>
    public string Source { get; }

    /// <summary>Name of the flow column.</summary>
    public string FlowColumn { get; }

    /// <summary>The table, with columns <c>exporter</c>, <c>importer</c> holding the mapped codes.</summary>
    public ColumnarTable Table { get; }

    /// <summary>Exporter code per row.</summary>
    public string[] Exporters { get; }

    /// <summary>Importer code per row.</summary>
    public string[] Importers { get; }

    /// <summary>Year per row (NaN for a cross-section without a year column).</summary>
    public double[] Years { get; }

    /// <summary>Flow per row.</summary>
    public double[] Flows { get; }

    /// <summary>Reads a panel; <paramref name="aliases"/> maps codes as stored to the codes used (e.g. ZZZ → DEU).</summary>
    public static GravityPanel Read(string path, string flowColumn = "trade", IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, null, null, "file not found.");
        }

        return FromTable(TableReader.Read(path), path, flowColumn, aliases);
    }

    /// <summary>Wraps an in-memory table (columns exporter, importer, optional year, and the flow column).</summary>
    public static GravityPanel FromTable(ColumnarTable table, string source, string flowColumn = "trade", IReadOnlyDictionary<string, string>? aliases = null)
    {
        foreach (var required in new[] { "exporter", "importer", flowColumn })
        {
            if (!table.Has(required))
            {
                throw new DataFormatException(source, null, required, $"column '{required}' is missing.");
            }
        }

        string Map(string code) => aliases is not null && aliases.TryGetValue(code, out var mapped) ? mapped : code;
        var n = table.RowCount;
        var exporters = new string[n];
        var importers = new string[n];
        for (var i = 0; i < n; i++)
        {
            exporters[i] = Map(table.Column("exporter").Text(i).Trim());
            importers[i] = Map(table.Column("importer").Text(i).Trim());
        }

        var years = table.Has("year") ? (double[])table.Numeric("year").Values.Clone() : Enumerable.Repeat(double.NaN, n).ToArray();
        var flows = (double[])table.Numeric(flowColumn).Values.Clone();
        for (var i = 0; i < n; i++)
        {
            if (!(flows[i] >= 0) || !double.IsFinite(flows[i]))
            {
                throw new DataFormatException(source, table.RowLabel(i), flowColumn, $"flow {exporters[i]}→{importers[i]} is {flows[i]}; expected a non-negative number.");
            }
        }

        var mappedTable = table.With(new TextColumn("exporter", exporters)).With(new TextColumn("importer", importers));
        return new GravityPanel(source, mappedTable, flowColumn, exporters, importers, years, flows);
    }

    /// <summary>Rows of one year (every row when <paramref name="year"/> is null).</summary>
    public int[] RowsOf(int? year) => Enumerable.Range(0, Flows.Length).Where(i => year is null || Years[i] == year).ToArray();

    /// <summary>The countries of one year, sorted by code, with display names.</summary>
    public CountrySet CountriesOf(int? year)
    {
        var codes = RowsOf(year).SelectMany(i => new[] { Exporters[i], Importers[i] }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new CountrySet(codes.Select(c => new Country(c, CountryNames.Of(c))));
    }

    /// <summary>
    /// A per-pair value of one year as an exporter×importer matrix; every ordered pair must appear exactly once.
    /// </summary>
    public double[] Matrix(int? year, CountrySet countries, double[] values, string what)
    {
        var n = countries.Count;
        var result = new double[n * n];
        var seen = new int[n * n];
        Array.Fill(seen, -1);
        foreach (var row in RowsOf(year))
        {
            var k = (countries.Require(Exporters[row]) * n) + countries.Require(Importers[row]);
            if (seen[k] >= 0)
            {
                throw new DataFormatException(Source, Table.RowLabel(row), "exporter/importer", $"{Exporters[row]}→{Importers[row]} appears twice in {YearText(year)} (also row {Table.RowLabel(seen[k])}).");
            }

            seen[k] = row;
            result[k] = values[row];
        }

        for (var k = 0; k < n * n; k++)
        {
            if (seen[k] < 0)
            {
                throw new DataFormatException(Source, null, what, $"no row for {countries[k / n].Iso3}→{countries[k % n].Iso3} in {YearText(year)}; structural gravity needs every ordered pair, domestic flows included.");
            }
        }

        return result;
    }

    /// <summary>
    /// The observed flows of one year, exporter → importer, after checking that every country has positive domestic sales
    /// and positive output (clear errors instead of a model without a domestic margin).
    /// </summary>
    public PairMatrix FlowMatrix(int? year, MoneyUnit unit)
    {
        var countries = CountriesOf(year);
        var domestic = RowsOf(year).Where(i => Exporters[i] == Importers[i]).Select(i => Exporters[i]).ToHashSet(StringComparer.Ordinal);
        var withoutDomestic = countries.Where(c => !domestic.Contains(c.Iso3)).Select(c => c.Iso3).ToList();
        if (withoutDomestic.Count > 0)
        {
            throw new DataFormatException(Source, null, "exporter/importer",
                $"{YearText(year)} has no domestic flow (exporter = importer) for {string.Join(", ", withoutDomestic.Take(10))}{(withoutDomestic.Count > 10 ? ", …" : string.Empty)}; structural gravity needs domestic sales for every country.");
        }

        var flows = new PairMatrix(countries, Matrix(year, countries, Flows, "trade"), unit);
        var n = countries.Count;
        for (var i = 0; i < n; i++)
        {
            if (!(flows.ExportsOf(i) + flows[i, i] > 0))
            {
                throw new DataFormatException(Source, null, "trade", $"{countries[i].Iso3} has zero production in {YearText(year)} (every flow from it, domestic sales included, is 0); structural gravity needs every country to produce.");
            }

            if (!(flows[i, i] > 0))
            {
                throw new DataFormatException(Source, null, "trade", $"domestic sales of {countries[i].Iso3} in {YearText(year)} are {flows[i, i]}; structural gravity needs positive domestic sales.");
            }
        }

        return flows;
    }

    /// <summary>Numeric column of the table (error naming the file if absent).</summary>
    public double[] Column(string name) => Table.Has(name)
        ? Table.Numeric(name).Values
        : throw new DataFormatException(Source, null, name, $"column '{name}' is missing.");

    private static string YearText(int? year) => year is null ? "the data" : $"year {year}";
}

/// <summary>English short names for the ISO3 codes of the shipped gravity panels (ROM is the old code for Romania); the code itself when unknown.</summary>
public static class CountryNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ARG"] = "Argentina",
        ["AUS"] = "Australia",
        ["AUT"] = "Austria",
        ["BEL"] = "Belgium",
        ["BGR"] = "Bulgaria",
        ["BOL"] = "Bolivia",
        ["BRA"] = "Brazil",
        ["CAN"] = "Canada",
        ["CHE"] = "Switzerland",
        ["CHL"] = "Chile",
        ["CHN"] = "China",
        ["CMR"] = "Cameroon",
        ["COL"] = "Colombia",
        ["CRI"] = "Costa Rica",
        ["CYP"] = "Cyprus",
        ["CZE"] = "Czechia",
        ["DEU"] = "Germany",
        ["DNK"] = "Denmark",
        ["ECU"] = "Ecuador",
        ["EGY"] = "Egypt",
        ["ESP"] = "Spain",
        ["EST"] = "Estonia",
        ["FIN"] = "Finland",
        ["FRA"] = "France",
        ["GBR"] = "United Kingdom",
        ["GRC"] = "Greece",
        ["HKG"] = "Hong Kong",
        ["HRV"] = "Croatia",
        ["HUN"] = "Hungary",
        ["IDN"] = "Indonesia",
        ["IND"] = "India",
        ["IRL"] = "Ireland",
        ["IRN"] = "Iran",
        ["ISL"] = "Iceland",
        ["ISR"] = "Israel",
        ["ITA"] = "Italy",
        ["JOR"] = "Jordan",
        ["JPN"] = "Japan",
        ["KEN"] = "Kenya",
        ["KOR"] = "Korea, Rep.",
        ["KWT"] = "Kuwait",
        ["LKA"] = "Sri Lanka",
        ["LTU"] = "Lithuania",
        ["LUX"] = "Luxembourg",
        ["LVA"] = "Latvia",
        ["MAC"] = "Macao",
        ["MAR"] = "Morocco",
        ["MEX"] = "Mexico",
        ["MLT"] = "Malta",
        ["MMR"] = "Myanmar",
        ["MUS"] = "Mauritius",
        ["MWI"] = "Malawi",
        ["MYS"] = "Malaysia",
        ["NER"] = "Niger",
        ["NGA"] = "Nigeria",
        ["NLD"] = "Netherlands",
        ["NOR"] = "Norway",
        ["NPL"] = "Nepal",
        ["PAN"] = "Panama",
        ["PHL"] = "Philippines",
        ["POL"] = "Poland",
        ["PRT"] = "Portugal",
        ["QAT"] = "Qatar",
        ["ROM"] = "Romania",
        ["ROU"] = "Romania",
        ["ROW"] = "Rest of the world",
        ["RUS"] = "Russia",
        ["SEN"] = "Senegal",
        ["SGP"] = "Singapore",
        ["SVK"] = "Slovakia",
        ["SVN"] = "Slovenia",
        ["SWE"] = "Sweden",
        ["THA"] = "Thailand",
        ["TTO"] = "Trinidad and Tobago",
        ["TUN"] = "Tunisia",
        ["TUR"] = "Türkiye",
        ["TWN"] = "Taiwan",
        ["TZA"] = "Tanzania",
        ["URY"] = "Uruguay",
        ["USA"] = "United States",
        ["ZAF"] = "South Africa",
    };

    /// <summary>The English name of <paramref name="iso3"/>, or the code when unknown.</summary>
    public static string Of(string iso3) => Names.TryGetValue(iso3, out var name) ? name : iso3;
}

/// <summary>Helpers shared by the cost builders.</summary>
internal static class CostMatrices
{
    /// <summary>Wraps a row-major cost matrix, naming the pair at fault if a cost is not positive and finite.</summary>
    public static PairMatrix Wrap(CountrySet countries, double[] values, string source)
    {
        try
        {
            return new PairMatrix(countries, values, PairUnit.Factor);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(source, null, null, e.Message);
        }
    }
}
