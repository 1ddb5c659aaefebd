using Tightrope.Data;

namespace Tightrope.Scenarios.Tariffs;

/// <summary>Named country groups usable in scenario selectors as "@NAME".</summary>
public static class CountryGroups
{
    /// <summary>
    /// The 25 EU members averaged in Ignatenko et al. (2025): the EU-27 without CZE and SVK, which their code omits
    /// (spec liberation-day-2025.md §3, P10). Used to reproduce published EU averages.
    /// </summary>
    public static readonly IReadOnlyList<string> Eu25 =
        ["AUT", "BEL", "BGR", "CYP", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVN", "SWE"];

    /// <summary>The 27 EU member states.</summary>
    public static readonly IReadOnlyList<string> Eu27 = [.. Eu25, "CZE", "SVK"];

    /// <summary>The parties to the United States–Mexico–Canada Agreement.</summary>
    public static readonly IReadOnlyList<string> Usmca = ["USA", "MEX", "CAN"];

    /// <summary>Looks up a group by name (without the @), case-insensitive.</summary>
    public static IReadOnlyList<string>? Find(string name) => name.ToUpperInvariant() switch
    {
        "EU25" => Eu25,
        "EU27" or "EU" => Eu27,
        "USMCA" => Usmca,
        _ => null,
    };

    /// <summary>Names accepted by <see cref="Find"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["EU25", "EU27", "USMCA"];

    /// <summary>Positions of a group's members present in <paramref name="countries"/>.</summary>
    public static int[] Positions(IEnumerable<string> members, CountrySet countries) =>
        members.Select(countries.IndexOf).Where(i => i >= 0).ToArray();
}
