using System.Globalization;
using System.Text.RegularExpressions;
using Tightrope.Data;

namespace Tightrope.Scenarios.Tests;

/// <summary>Reads the published LaTeX tables shipped with bilateral-2023 so tests compare against the paper's own print.</summary>
public static partial class PublishedTables
{
    /// <summary>Table 1: for each case, the USA row and the non-US average row (welfare, deficit, X/GDP, M/GDP, employment, prices) as printed.</summary>
    public static IReadOnlyList<(string[] Usa, string[] NonUs)> Table1()
    {
        var lines = File.ReadAllLines(DataLocation.Resolve("bilateral-2023", "reference", "Table_1.tex"));
        var usa = lines.Where(l => l.TrimStart().StartsWith("USA &", StringComparison.Ordinal)).Select(Cells).ToList();
        var nonUs = lines.Where(l => l.TrimStart().StartsWith("non-US (average)", StringComparison.Ordinal)).Select(Cells).ToList();
        return usa.Zip(nonUs).ToList();
    }

    /// <summary>Table 3: revenue as % of GDP and % of the federal budget for [USTR, optimal, optimal retaliation, reciprocal].</summary>
    public static (string[] PercentOfGdp, string[] PercentOfBudget) Table3()
    {
        var text = File.ReadAllText(DataLocation.Resolve("bilateral-2023", "reference", "Table_3.tex"));
        string[] After(string label)
        {
            var start = text.IndexOf(label, StringComparison.Ordinal) + label.Length;
            return Number().Matches(text[start..]).Take(4).Select(m => m.Value).ToArray();
        }

        return (After("of GDP"), After("Federal Budget"));
    }

    /// <summary>Rounds a value the way the table prints it (same number of decimals) and formats it.</summary>
    public static string AsPrinted(double value, string printed)
    {
        var decimals = printed.Contains('.') ? printed.Length - printed.IndexOf('.') - 1 : 0;
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // no "-0.00"
        }

        return rounded.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static string[] Cells(string line) => Number().Matches(line[line.IndexOf('&')..]).Select(m => m.Value).ToArray();

    [GeneratedRegex(@"-?\d+\.\d+")]
    private static partial Regex Number();
}
