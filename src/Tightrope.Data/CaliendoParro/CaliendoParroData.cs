namespace Tightrope.Data.CaliendoParro;

/// <summary>Which files a <see cref="CaliendoParroData"/> was read from.</summary>
public enum CaliendoParroSource
{
    /// <summary>The authors' tab-separated matrices in <c>original/</c>.</summary>
    Original,

    /// <summary>The long-form CSV files in <c>tidy/</c>.</summary>
    Tidy,

    /// <summary>The 2014 WIOD-based data of Lashkaripour &amp; Lugovskyy (2023), <c>wiod-sectoral-2014/</c>, with a value-added share of one.</summary>
    Wiod2014,
}

/// <summary>
/// The Caliendo–Parro (2015) 1993 data set as national accounts in US dollars: bilateral sectoral flows at producer prices
/// (domestic sales on the diagonal), 1993 and 2005 tariffs, value added, intermediate purchases, final demand and trade
/// surpluses, plus the sectoral trade elasticities. Both readers produce this, from which the model builds its baseline.
/// </summary>
/// <param name="Countries">The regions, in file order.</param>
/// <param name="Sectors">The sectors, in file order.</param>
/// <param name="Tradable">Per sector: true when it is traded across borders.</param>
/// <param name="Theta">Per sector: the trade elasticity θ (non-tradables carry a placeholder; their only flow is domestic).</param>
/// <param name="Flows">Sectoral flows [sector, exporter, importer], producer prices, USD, domestic sales on the diagonal.</param>
/// <param name="Tariffs1993">Applied tariffs of the base year (fractions): 1993 for the Caliendo–Parro files, see <see cref="BaseYear"/>.</param>
/// <param name="Tariffs2005">2005 applied tariffs (fractions); see <paramref name="Tariffs2005NaftaOnly"/>.</param>
/// <param name="Tariffs2005NaftaOnly">True when only the CAN/MEX/USA pairs carry 2005 rates and every other pair holds its 1993 rate.</param>
/// <param name="ValueAdded">Value added by sector and country, USD.</param>
/// <param name="Intermediates">Intermediate purchases by country, input and using sector, USD.</param>
/// <param name="FinalDemand">Final demand by sector and country, USD (gross of tariffs; may be negative in the raw accounts).</param>
/// <param name="Surplus">Trade surplus (exports − imports at producer prices) per country, USD.</param>
/// <param name="Adjustments">Corrections made while reading (e.g. gross output raised to exports), one readable line each.</param>
/// <param name="Source">Which files were read.</param>
/// <param name="Location">The folder read.</param>
public sealed record CaliendoParroData(
    CountrySet Countries,
    SectorSet Sectors,
    IReadOnlyList<bool> Tradable,
    IReadOnlyList<double> Theta,
    SectoralPairMatrix Flows,
    SectoralPairMatrix Tariffs1993,
    SectoralPairMatrix Tariffs2005,
    bool Tariffs2005NaftaOnly,
    SectorCountryValues ValueAdded,
    IntermediateUse Intermediates,
    SectorCountryValues FinalDemand,
    CountryValues Surplus,
    IReadOnlyList<string> Adjustments,
    CaliendoParroSource Source,
    string Location)
{
    /// <summary>Default folder under the data root.</summary>
    public const string DefaultFolder = "caliendo-parro-2015";

    /// <summary>Reads the data set from <paramref name="folder"/> (default: the data root's caliendo-parro-2015).</summary>
    public static CaliendoParroData Load(CaliendoParroSource source = CaliendoParroSource.Original, string? folder = null)
    {
        folder ??= DataLocation.Resolve(source == CaliendoParroSource.Wiod2014 ? WiodSectoral2014Data.DefaultFolder : DefaultFolder);
        return source switch
        {
            CaliendoParroSource.Original => CaliendoParroOriginalReader.Load(Path.Combine(folder, "original")),
            CaliendoParroSource.Tidy => CaliendoParroTidyReader.Load(Path.Combine(folder, "tidy")),
            _ => WiodSectoral2014Reader.Load(folder).ToCaliendoParroData(),
        };
    }

    /// <summary>The year of the flows and of <see cref="Tariffs1993"/> (1993 for the Caliendo–Parro files, 2014 for the WIOD-based data).</summary>
    public int BaseYear { get; init; } = 1993;

    /// <summary>Number of regions.</summary>
    public int CountryCount => Countries.Count;

    /// <summary>Number of sectors.</summary>
    public int SectorCount => Sectors.Count;

    /// <summary>Position of a sector by code (case-insensitive); -1 when absent.</summary>
    public int SectorIndex(string code) => Sectors.IndexOf(code);

    /// <summary>
    /// The same flows and tariffs with the input–output block removed (value-added share 1): value added becomes each
    /// sector's sales, intermediate purchases zero, and final demand the whole spending gross of base-year tariffs. Used
    /// to separate the effect of input–output links from that of the data year.
    /// </summary>
    public CaliendoParroData WithoutInputOutput()
    {
        int n = CountryCount, j = SectorCount;
        var valueAdded = new double[j * n];
        var finalDemand = new double[j * n];
        for (var s = 0; s < j; s++)
        {
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    var v = Flows[s, e, i];
                    valueAdded[(s * n) + e] += v;
                    finalDemand[(s * n) + i] += v * (1 + Tariffs1993[s, e, i]);
                }
            }
        }

        return this with
        {
            ValueAdded = new SectorCountryValues(Countries, Sectors, valueAdded, Flows.Currency),
            Intermediates = new IntermediateUse(Countries, Sectors, new double[n * j * j], Flows.Currency),
            FinalDemand = new SectorCountryValues(Countries, Sectors, finalDemand, Flows.Currency),
            Adjustments = [.. Adjustments, "input–output block removed: value-added share 1, no intermediate purchases"],
        };
    }

    /// <summary>The same data with regions and sectors reordered; element k of each order is the old position of new position k.</summary>
    public CaliendoParroData Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder) => this with
    {
        Countries = Countries.Permute(countryOrder),
        Sectors = Sectors.Permute(sectorOrder),
        Tradable = sectorOrder.Select(s => Tradable[s]).ToList(),
        Theta = sectorOrder.Select(s => Theta[s]).ToList(),
        Flows = Flows.Permute(sectorOrder, countryOrder),
        Tariffs1993 = Tariffs1993.Permute(sectorOrder, countryOrder),
        Tariffs2005 = Tariffs2005.Permute(sectorOrder, countryOrder),
        ValueAdded = ValueAdded.Permute(countryOrder, sectorOrder),
        Intermediates = Intermediates.Permute(countryOrder, sectorOrder),
        FinalDemand = FinalDemand.Permute(countryOrder, sectorOrder),
        Surplus = Surplus.Permute(countryOrder),
    };
}

/// <summary>The 31 regions and 40 sectors of the Caliendo–Parro data, in the authors' order, with the names the tidy files use.</summary>
public static class CaliendoParroLabels
{
    /// <summary>Regions: ISO3 code (ROW = rest of the world), English name, name in <c>tidy/regions.txt</c>.</summary>
    public static IReadOnlyList<(string Iso3, string Name, string TidyName)> Regions { get; } =
    [
        ("ARG", "Argentina", "Argentina"), ("AUS", "Australia", "Australia"), ("AUT", "Austria", "Austria"),
        ("BRA", "Brazil", "Brazil"), ("CAN", "Canada", "Canada"), ("CHL", "Chile", "Chile"), ("CHN", "China", "China"),
        ("DNK", "Denmark", "Denmark"), ("FIN", "Finland", "Finland"), ("FRA", "France", "France"),
        ("DEU", "Germany", "Germany"), ("GRC", "Greece", "Greece"), ("HUN", "Hungary", "Hungary"), ("IND", "India", "India"),
        ("IDN", "Indonesia", "Indonesia"), ("IRL", "Ireland", "Ireland"), ("ITA", "Italy", "Italy"), ("JPN", "Japan", "Japan"),
        ("KOR", "Korea", "Korea"), ("MEX", "Mexico", "Mexico"), ("NLD", "Netherlands", "Netherlands"),
        ("NZL", "New Zealand", "New Zealand"), ("NOR", "Norway", "Norway"), ("PRT", "Portugal", "Portugal"),
        ("ZAF", "South Africa", "South Africa"), ("ESP", "Spain", "Spain"), ("SWE", "Sweden", "Sweden"),
        ("TUR", "Turkey", "Turkey"), ("GBR", "United Kingdom", "UK"), ("USA", "United States", "USA"),
        ("ROW", "Rest of the world", "Row"),
    ];

    /// <summary>Sectors: code, name, name in <c>tidy/sectors.txt</c>. The first 20 are tradable.</summary>
    public static IReadOnlyList<(string Code, string Name, string TidyName)> Sectors { get; } =
    [
        ("agriculture", "Agriculture", "Agriculture"), ("mining", "Mining", "Mining"), ("food", "Food", "Food"),
        ("textile", "Textile", "Textile"), ("wood", "Wood", "Wood"), ("paper", "Paper", "Paper"),
        ("petroleum", "Petroleum", "Petroleum"), ("chemicals", "Chemicals", "Chemicals"), ("plastic", "Plastic", "Plastic"),
        ("minerals", "Minerals", "Minerals"), ("basic-metals", "Basic metals", "Basic metals"),
        ("metal-products", "Metal products", "Metal products"), ("machinery", "Machinery n.e.c.", "Machinery n.e.c"),
        ("office", "Office", "Office"), ("electrical", "Electrical", "Electrical"), ("communication", "Communication", "Communication"),
        ("medical", "Medical", "Medical"), ("auto", "Auto", "Auto"), ("other-transport", "Other transport", "Other Transport"),
        ("other-manufacturing", "Other manufacturing", "Other"),
        ("electricity", "Electricity", "Electricity"), ("construction", "Construction", "Construction"), ("retail", "Retail", "Retail"),
        ("hotels", "Hotels", "Hotels"), ("land-transport", "Land transport", "Land Transport"),
        ("water-transport", "Water transport", "Water Transport"), ("air-transport", "Air transport", "Air Transport"),
        ("aux-transport", "Aux. transport", "Aux Transport"), ("post", "Post", "Post"), ("finance", "Finance", "Finance"),
        ("real-estate", "Real estate", "Real State"), ("renting-machinery", "Renting machinery", "Renting Mach"),
        ("computer", "Computer", "Computer"), ("r-and-d", "R&D", "R&D"), ("other-business", "Other business", "Other Business"),
        ("public", "Public", "Public"), ("education", "Education", "Education"), ("health", "Health", "Health"),
        ("other-services", "Other services", "Other services"), ("private-households", "Private households", "Private"),
    ];

    /// <summary>Number of tradable sectors (the first ones in <see cref="Sectors"/>).</summary>
    public const int TradableCount = 20;

    /// <summary>Trade elasticity assigned to non-tradable sectors (irrelevant: their only flow is domestic).</summary>
    public const double NonTradableTheta = 8.22;

    /// <summary>The regions as a country set.</summary>
    public static CountrySet CountrySet() => new(Regions.Select(r => new Country(r.Iso3, r.Name)));

    /// <summary>The sectors as a sector set.</summary>
    public static SectorSet SectorList() => new(Sectors.Select(s => new Sector(s.Code, s.Name)));
}
