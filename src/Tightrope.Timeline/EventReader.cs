using System.Globalization;
using Tightrope.Data;

namespace Tightrope.Timeline;

/// <summary>What an event in <c>events.csv</c> is.</summary>
public enum EventKind
{
    /// <summary>A tariff announced for a later date; <c>rate</c> is the threatened rate.</summary>
    Threat,

    /// <summary>A threatened tariff not applied (for now); <c>rate</c> is the rate that was not applied.</summary>
    Postponement,

    /// <summary>A tariff takes effect; <c>rate</c> is the rate in force after it.</summary>
    Imposition,

    /// <summary>Something Mexico gave: troops, transfers of cartel figures, duties on Chinese goods.</summary>
    Concession,

    /// <summary>A measure proposed but not yet adopted.</summary>
    Proposal,

    /// <summary>A court ruling; <c>rate</c> is the rate in force after it.</summary>
    Court,

    /// <summary>A review of an agreement.</summary>
    Review,
}

/// <summary>How precisely an event's date is known.</summary>
public enum DatePrecision
{
    /// <summary>The day is known.</summary>
    Day,

    /// <summary>Only the month is known; the date is the first of the month.</summary>
    Month,
}

/// <summary>Which goods of the target a rate applies to.</summary>
public enum GoodsScope
{
    /// <summary>Every good ("all goods").</summary>
    AllGoods,

    /// <summary>Goods that do not qualify for USMCA treatment ("non-USMCA goods").</summary>
    NonUsmcaGoods,

    /// <summary>Goods that qualify for USMCA treatment ("USMCA-compliant goods").</summary>
    UsmcaCompliantGoods,

    /// <summary>Any other description (sectoral lists, a ruling); kept as text.</summary>
    Other,
}

/// <summary>The <c>rate_on</c> cell: who levies the rate on whom and on which goods, e.g. "US on MEX, non-USMCA goods".</summary>
/// <param name="Levier">ISO3 of the economy levying it ("US" is written USA).</param>
/// <param name="Target">ISO3 of the first economy it is levied on.</param>
/// <param name="Goods">The goods description as written.</param>
/// <param name="Scope">The goods description classified.</param>
public sealed record RateOn(string Levier, string Target, string Goods, GoodsScope Scope)
{
    /// <summary>True for a US rate on Mexican goods.</summary>
    public bool IsUsOnMexico => Levier == "USA" && Target == "MEX";
}

/// <summary>One row of <c>usmx-events/events.csv</c>.</summary>
/// <param name="Date">Event date (first of the month when <paramref name="Precision"/> is Month).</param>
/// <param name="Precision">How precisely the date is known.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who acted (US, MX, US-MX-CA).</param>
/// <param name="Description">What happened, in words.</param>
/// <param name="Rate">Rate as a fraction (meaning depends on <paramref name="Kind"/>), when given.</param>
/// <param name="On">Who levies the rate on whom and on which goods, when a rate is given.</param>
/// <param name="Concession">What Mexico gave, when the row records a concession.</param>
/// <param name="Quantity">How much (troops, people, tariff lines), when given.</param>
/// <param name="Unit">Unit of <paramref name="Quantity"/>.</param>
/// <param name="Source">Where the row comes from.</param>
/// <param name="Line">1-based line of the file.</param>
public sealed record TimelineEvent(
    DateOnly Date, DatePrecision Precision, EventKind Kind, string Actor, string Description, double? Rate, RateOn? On,
    string? Concession, double? Quantity, string? Unit, string Source, int Line);

/// <summary>Reads <c>usmx-events/events.csv</c> (<c>date,date_precision,kind,actor,description,rate,rate_on,concession,quantity,unit,source</c>).</summary>
public static class EventReader
{
    /// <summary>The file under the data root.</summary>
    public static string DefaultPath => DataLocation.Resolve("usmx-events", "events.csv");

    private static readonly Dictionary<string, EventKind> Kinds = Enum.GetValues<EventKind>()
        .ToDictionary(k => k.ToString().ToLowerInvariant(), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads and validates the file; events come back in date order (file order within a date).</summary>
    public static IReadOnlyList<TimelineEvent> Read(string? path = null)
    {
        path ??= DefaultPath;
        var grid = CsvGrid.Read(path);
        int Col(string n) => grid.ColumnIndex(n);
        var (date, precision, kind, actor, description, rate, rateOn, concession, quantity, unit, source) =
            (Col("date"), Col("date_precision"), Col("kind"), Col("actor"), Col("description"), Col("rate"), Col("rate_on"), Col("concession"), Col("quantity"), Col("unit"), Col("source"));
        var events = new List<TimelineEvent>();
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            string Cell(int c) => cells[c].Trim();
            DataFormatException Error(int c, string problem) => new(path, line, grid.Header[c], problem);

            var d = TrackerReader.ParseDate(path, line, grid.Header[date], cells[date]);
            var p = Cell(precision).ToLowerInvariant() switch
            {
                "day" => DatePrecision.Day,
                "month" => DatePrecision.Month,
                var other => throw Error(precision, $"'{other}' is not a date precision; expected day or month."),
            };
            if (p == DatePrecision.Month && d.Day != 1)
            {
                throw Error(date, $"{d:yyyy-MM-dd} has month precision but is not the first of the month.");
            }

            if (!Kinds.TryGetValue(Cell(kind), out var k))
            {
                var nearest = Kinds.Keys.MinBy(x => Scenarios.EditDistance.Between(x, Cell(kind)));
                throw Error(kind, $"unknown event kind '{Cell(kind)}'; did you mean '{nearest}'? Expected one of {string.Join(", ", Kinds.Keys)}.");
            }

            double? value = null;
            if (Cell(rate).Length > 0)
            {
                var v = grid.Number(r, rate);
                if (v is < 0 or > TrackerReader.MaxRate)
                {
                    throw Error(rate, $"rate {v.ToString(CultureInfo.InvariantCulture)} is outside [0, {TrackerReader.MaxRate}]; rates are fractions (0.25 = 25%).");
                }

                value = v;
            }

            RateOn? on = Cell(rateOn).Length > 0 ? ParseRateOn(Cell(rateOn), () => Error(rateOn, $"'{Cell(rateOn)}' is not of the form 'LEVIER on TARGET, goods' (e.g. 'US on MEX, all goods').")) : null;
            if (value is not null && on is null)
            {
                throw Error(rateOn, "a rate is given but not who levies it on whom; expected e.g. 'US on MEX, all goods'.");
            }

            if (k is EventKind.Threat or EventKind.Postponement && value is null)
            {
                throw Error(rate, $"a {k.ToString().ToLowerInvariant()} needs the rate {(k == EventKind.Threat ? "threatened" : "not applied")}.");
            }

            double? q = Cell(quantity).Length > 0 ? grid.Number(r, quantity) : null;
            if (q is < 0)
            {
                throw Error(quantity, $"quantity {q} is negative.");
            }

            if (Cell(source).Length == 0)
            {
                throw Error(source, "every event must cite its source.");
            }

            events.Add(new TimelineEvent(
                d, p, k, Cell(actor), Cell(description), value, on, Cell(concession) is { Length: > 0 } c ? c : null, q,
                Cell(unit) is { Length: > 0 } u ? u : null, Cell(source), line));
        }

        return [.. events.OrderBy(e => e.Date)];
    }

    private static RateOn ParseRateOn(string text, Func<DataFormatException> error)
    {
        var comma = text.IndexOf(',');
        var who = comma < 0 ? text : text[..comma];
        var goods = comma < 0 ? string.Empty : text[(comma + 1)..].Trim();
        var parts = who.Split(" on ", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw error();
        }

        static string Iso(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].ToUpperInvariant() switch
        {
            "US" => "USA",
            "MX" => "MEX",
            var x => x,
        };

        var scope = goods.ToLowerInvariant() switch
        {
            "all goods" => GoodsScope.AllGoods,
            "non-usmca goods" => GoodsScope.NonUsmcaGoods,
            "usmca-compliant goods" => GoodsScope.UsmcaCompliantGoods,
            _ => GoodsScope.Other,
        };
        return new RateOn(Iso(parts[0]), Iso(parts[1]), goods, scope);
    }
}
