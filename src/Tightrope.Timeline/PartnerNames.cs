namespace Tightrope.Timeline;

/// <summary>
/// The Trade War Tracker's partner names and the ISO 3166-1 alpha-3 codes they stand for. <c>EUROPEAN UNION</c> stands
/// for the 27 member states; a member the tracker also lists on its own (SLOVAKIA) keeps its own row.
/// </summary>
public static class PartnerNames
{
    /// <summary>Name used by the tracker for the European Union.</summary>
    public const string EuropeanUnion = "EUROPEAN UNION";

    /// <summary>The 27 member states of the European Union (2025).</summary>
    public static IReadOnlyList<string> EuMembers { get; } =
        ["AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "SWE"];

    private static readonly Dictionary<string, string> Single = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ALGERIA"] = "DZA",
        ["ANGOLA"] = "AGO",
        ["ARGENTINA"] = "ARG",
        ["AUSTRALIA"] = "AUS",
        ["BANGLADESH"] = "BGD",
        ["BRAZIL"] = "BRA",
        ["CAMBODIA"] = "KHM",
        ["CANADA"] = "CAN",
        ["CHILE"] = "CHL",
        ["CHINA"] = "CHN",
        ["COLOMBIA"] = "COL",
        ["COSTA RICA"] = "CRI",
        ["DOMINICAN REPUBLIC"] = "DOM",
        ["ECUADOR"] = "ECU",
        ["EGYPT"] = "EGY",
        ["EL SALVADOR"] = "SLV",
        ["GUATEMALA"] = "GTM",
        ["HONDURAS"] = "HND",
        ["HONG KONG"] = "HKG",
        ["INDIA"] = "IND",
        ["INDONESIA"] = "IDN",
        ["IRAQ"] = "IRQ",
        ["ISRAEL"] = "ISR",
        ["JAPAN"] = "JPN",
        ["KOREA, SOUTH"] = "KOR",
        ["KUWAIT"] = "KWT",
        ["MALAYSIA"] = "MYS",
        ["MEXICO"] = "MEX",
        ["NEW ZEALAND"] = "NZL",
        ["NICARAGUA"] = "NIC",
        ["NIGERIA"] = "NGA",
        ["NORWAY"] = "NOR",
        ["PAKISTAN"] = "PAK",
        ["PERU"] = "PER",
        ["PHILIPPINES"] = "PHL",
        ["RUSSIA"] = "RUS",
        ["SAUDI ARABIA"] = "SAU",
        ["SINGAPORE"] = "SGP",
        ["SLOVAKIA"] = "SVK",
        ["SOUTH AFRICA"] = "ZAF",
        ["SRI LANKA"] = "LKA",
        ["SWITZERLAND"] = "CHE",
        ["TAIWAN"] = "TWN",
        ["THAILAND"] = "THA",
        ["TRINIDAD AND TOBAGO"] = "TTO",
        ["TURKEY"] = "TUR",
        ["UNITED ARAB EMIRATES"] = "ARE",
        ["UNITED KINGDOM"] = "GBR",
        ["VENEZUELA"] = "VEN",
        ["VIETNAM"] = "VNM",
    };

    /// <summary>Every name the mapping knows, sorted.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. Single.Keys.Append(EuropeanUnion).Order(StringComparer.Ordinal)];

    /// <summary>The ISO3 codes a tracker name stands for, or null when the name is unknown.</summary>
    public static IReadOnlyList<string>? Lookup(string name)
    {
        var key = name.Trim();
        if (string.Equals(key, EuropeanUnion, StringComparison.OrdinalIgnoreCase))
        {
            return EuMembers;
        }

        return Single.TryGetValue(key, out var iso) ? [iso] : null;
    }

    /// <summary>The known name closest to <paramref name="name"/> (edit distance), for error messages.</summary>
    public static string Nearest(string name) =>
        Known.MinBy(k => Scenarios.EditDistance.Between(k, name.Trim()))!;

}
