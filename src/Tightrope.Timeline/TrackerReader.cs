using System.Globalization;
using Tightrope.Data;

namespace Tightrope.Timeline;

/// <summary>
/// One row of the Trade War Tracker's <c>country-by-time.csv</c>: the effective additional US tariff on one partner
/// from one date on, as a fraction (the file's percent / 100), with the partner's 2024 imports and 2024 tariff.
/// </summary>
/// <param name="Date">Date from which the rate applies.</param>
/// <param name="Partner">The tracker's partner name (upper case as in the file).</param>
/// <param name="Iso3">The economies the name stands for (27 for <c>EUROPEAN UNION</c>).</param>
/// <param name="Rate">Effective additional US tariff, fraction (0.045 = 4.5%).</param>
/// <param name="Imports2024Usd">US imports from the partner in 2024, USD (the tracker's weights).</param>
/// <param name="Tariff2024">Effective US tariff on the partner in 2024, fraction; the rate above comes on top of it.</param>
/// <param name="Line">1-based line of the file.</param>
public sealed record TrackerRate(DateOnly Date, string Partner, IReadOnlyList<string> Iso3, double Rate, double Imports2024Usd, double Tariff2024, int Line);

/// <summary>The tracker's rates at every date, partner by partner; every date lists the same partners.</summary>
public sealed class TrackerTable
{
    private readonly Dictionary<(DateOnly, string), TrackerRate> _byKey;

    internal TrackerTable(string path, IReadOnlyList<TrackerRate> rows)
    {
        Path = path;
        Rows = rows;
        _byKey = rows.ToDictionary(r => (r.Date, r.Partner));
        Dates = [.. rows.Select(r => r.Date).Distinct().Order()];
        Partners = [.. rows.Select(r => r.Partner).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Every row in file order.</summary>
    public IReadOnlyList<TrackerRate> Rows { get; }

    /// <summary>The dates, ascending.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The partner names, sorted.</summary>
    public IReadOnlyList<string> Partners { get; }

    /// <summary>The row for a partner at a date; throws naming both when absent.</summary>
    public TrackerRate At(DateOnly date, string partner) =>
        _byKey.TryGetValue((date, partner.ToUpperInvariant()), out var r)
            ? r
            : throw new KeyNotFoundException($"{Path}: no rate for {partner} at {date:yyyy-MM-dd}.");
}

/// <summary>Reads <c>us-tariffs-2025/country-by-time.csv</c> (<c>date,country_name,effective tariff,total imports,2024 tariff</c>).</summary>
public static class TrackerReader
{
    /// <summary>The file under the data root.</summary>
    public static string DefaultPath => DataLocation.Resolve("us-tariffs-2025", "country-by-time.csv");

    /// <summary>Largest accepted rate as a fraction (1000%); anything above is a unit or typing error.</summary>
    public const double MaxRate = 10.0;

    /// <summary>Reads and validates the file: known partner names, ISO dates, rates in [0, 10] as fractions, one row per partner and date, the same partners at every date.</summary>
    public static TrackerTable Read(string? path = null)
    {
        path ??= DefaultPath;
        var grid = CsvGrid.Read(path);
        var date = grid.ColumnIndex("date");
        var name = grid.ColumnIndex("country_name");
        var rate = grid.ColumnIndex("effective tariff");
        var imports = grid.ColumnIndex("total imports");
        var tariff2024 = grid.ColumnIndex("2024 tariff");
        var rows = new List<TrackerRate>();
        var seen = new Dictionary<(DateOnly, string), int>();
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            var d = ParseDate(path, line, grid.Header[date], cells[date]);
            var partner = cells[name].Trim().ToUpperInvariant();
            var iso = PartnerNames.Lookup(partner)
                ?? throw new DataFormatException(path, line, grid.Header[name], $"unknown partner '{cells[name].Trim()}'; did you mean '{PartnerNames.Nearest(partner)}'? Known: {string.Join(", ", PartnerNames.Known)}.");
            if (!seen.TryAdd((d, partner), line))
            {
                throw new DataFormatException(path, line, grid.Header[date], $"duplicate date {d:yyyy-MM-dd} for {partner} (first on line {seen[(d, partner)]}); each partner has one rate per date.");
            }

            var pct = grid.Number(r, rate);
            var fraction = pct / 100;
            if (fraction is < 0 or > MaxRate)
            {
                throw new DataFormatException(path, line, grid.Header[rate], $"rate {pct.ToString(CultureInfo.InvariantCulture)}% is outside [0, {100 * MaxRate}]% (the column is in percent; as a fraction the rate must lie in [0, {MaxRate}]).");
            }

            var m = grid.Number(r, imports);
            if (m < 0)
            {
                throw new DataFormatException(path, line, grid.Header[imports], $"imports {m.ToString(CultureInfo.InvariantCulture)} are negative; expected USD ≥ 0.");
            }

            var t24 = grid.Number(r, tariff2024) / 100;
            if (t24 is < 0 or > MaxRate)
            {
                throw new DataFormatException(path, line, grid.Header[tariff2024], $"2024 tariff {100 * t24}% is outside [0, {100 * MaxRate}]%.");
            }

            rows.Add(new TrackerRate(d, partner, iso, fraction, m, t24, line));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, null, null, "no data rows; expected one row per partner and date.");
        }

        // A partner missing at one date would silently take another rule's rate there: refuse it.
        var partners = rows.Select(x => x.Partner).ToHashSet();
        foreach (var group in rows.GroupBy(x => x.Date))
        {
            var missing = partners.Except(group.Select(x => x.Partner)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new DataFormatException(path, group.First().Line, grid.Header[name], $"date {group.Key:yyyy-MM-dd} has no row for {string.Join(", ", missing)}; every date must list the same {partners.Count} partners.");
            }
        }

        return new TrackerTable(path, rows);
    }

    internal static DateOnly ParseDate(string path, int line, string column, string text)
    {
        var t = text.Trim();
        return DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new DataFormatException(path, line, column, $"'{t}' is not a date; expected YYYY-MM-DD.");
    }
}
