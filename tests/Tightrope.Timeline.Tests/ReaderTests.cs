using Tightrope.Data;

namespace Tightrope.Timeline.Tests;

public sealed class ReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("timeline-readers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private const string TrackerHeader = "date,country_name,effective tariff,total imports,2024 tariff\n";

    [Fact]
    public void Tracker_file_has_51_partners_at_23_dates_with_rates_as_fractions()
    {
        var t = TrackerReader.Read();
        t.Dates.Count.ShouldBe(23);
        t.Partners.Count.ShouldBe(51);
        t.Dates[0].ShouldBe(new DateOnly(2025, 2, 4));
        t.Dates[^1].ShouldBe(new DateOnly(2026, 8, 19));
        t.At(new DateOnly(2025, 3, 6), "MEXICO").Rate.ShouldBe(0.045, 1e-12);
        t.At(new DateOnly(2025, 2, 4), "KOREA, SOUTH").Iso3.ShouldBe(["KOR"]);
        t.At(new DateOnly(2025, 2, 4), "EUROPEAN UNION").Iso3.Count.ShouldBe(27);
        t.At(new DateOnly(2025, 4, 9), "CHINA").Rate.ShouldBe(1.1218625731070128, 1e-12);
    }

    [Fact]
    public void Partner_names_map_to_iso3_and_the_eu_to_its_members()
    {
        PartnerNames.Lookup("HONG KONG").ShouldBe(["HKG"]);
        PartnerNames.Lookup("TAIWAN").ShouldBe(["TWN"]);
        PartnerNames.Lookup("european union")!.ShouldContain("DEU");
        PartnerNames.Lookup("ATLANTIS").ShouldBeNull();
        PartnerNames.Nearest("MEXIKO").ShouldBe("MEXICO");
    }

    [Fact]
    public void Unknown_partner_names_row_and_column_and_suggests_the_nearest()
    {
        var path = File("t.csv", TrackerHeader + "2025-02-04,MEXICO,0.0,1,0.2\n2025-02-04,CANADAA,0.0,1,0.1\n");
        var e = Should.Throw<DataFormatException>(() => TrackerReader.Read(path));
        e.Line.ShouldBe(3);
        e.Column.ShouldBe("country_name");
        e.Message.ShouldContain("unknown partner 'CANADAA'");
        e.Message.ShouldContain("did you mean 'CANADA'");
    }

    [Fact]
    public void Duplicate_date_for_a_partner_names_both_lines()
    {
        var path = File("t.csv", TrackerHeader + "2025-02-04,MEXICO,0.0,1,0.2\n2025-02-04,MEXICO,4.5,1,0.2\n");
        var e = Should.Throw<DataFormatException>(() => TrackerReader.Read(path));
        e.Line.ShouldBe(3);
        e.Column.ShouldBe("date");
        e.Message.ShouldContain("duplicate date 2025-02-04 for MEXICO (first on line 2)");
    }

    [Theory]
    [InlineData("1500", "outside [0, 1000]%")]
    [InlineData("-1", "outside [0, 1000]%")]
    [InlineData("abc", "'abc' is not a number")]
    [InlineData("", "empty cell")]
    public void Rates_outside_0_to_10_as_fractions_name_row_and_column(string rate, string message)
    {
        var path = File("t.csv", TrackerHeader + $"2025-02-04,MEXICO,{rate},1,0.2\n");
        var e = Should.Throw<DataFormatException>(() => TrackerReader.Read(path));
        e.Line.ShouldBe(2);
        e.Column.ShouldBe("effective tariff");
        e.Message.ShouldContain(message);
    }

    [Fact]
    public void Bad_dates_and_missing_partners_are_errors()
    {
        var bad = File("d.csv", TrackerHeader + "04/02/2025,MEXICO,0,1,0.2\n");
        var e = Should.Throw<DataFormatException>(() => TrackerReader.Read(bad));
        (e.Line, e.Column).ShouldBe((2, "date"));
        e.Message.ShouldContain("expected YYYY-MM-DD");

        var gap = File("g.csv", TrackerHeader + "2025-02-04,MEXICO,0,1,0.2\n2025-02-04,CANADA,0,1,0.1\n2025-03-06,MEXICO,4.5,1,0.2\n");
        e = Should.Throw<DataFormatException>(() => TrackerReader.Read(gap));
        e.Line.ShouldBe(4);
        e.Message.ShouldContain("2025-03-06 has no row for CANADA");
    }

    private const string EventsHeader = "date,date_precision,kind,actor,description,rate,rate_on,concession,quantity,unit,source\n";

    [Fact]
    public void Events_file_has_two_threats_and_four_postponements()
    {
        var events = EventReader.Read();
        events.Count.ShouldBe(20);
        events.Count(e => e.Kind == EventKind.Threat).ShouldBe(2);
        events.Count(e => e.Kind == EventKind.Postponement).ShouldBe(4);
        events.Count(e => e.Kind == EventKind.Concession).ShouldBe(4);
        var july = events.Single(e => e.Date == new DateOnly(2025, 7, 12));
        july.Rate.ShouldBe(0.30);
        july.On.ShouldBe(new RateOn("USA", "MEX", "non-USMCA goods", GoodsScope.NonUsmcaGoods));
        events.Single(e => e.Date == new DateOnly(2025, 3, 1)).Precision.ShouldBe(DatePrecision.Month);
        events.ShouldBeInOrder(SortDirection.Ascending, Comparer<TimelineEvent>.Create((a, b) => a.Date.CompareTo(b.Date)));
    }

    [Theory]
    [InlineData("2025-02-01,day,thread,US,x,0.25,\"US on MEX, all goods\",,,,src", "kind", "unknown event kind 'thread'; did you mean 'threat'")]
    [InlineData("2025-02-01,day,threat,US,x,12,\"US on MEX, all goods\",,,,src", "rate", "outside [0, 10]")]
    [InlineData("2025-02-01,week,threat,US,x,0.25,\"US on MEX, all goods\",,,,src", "date_precision", "expected day or month")]
    [InlineData("2025-02-01,day,threat,US,x,,,,,,src", "rate", "needs the rate threatened")]
    [InlineData("2025-02-01,day,imposition,US,x,0.25,,,,,src", "rate_on", "not who levies it")]
    [InlineData("2025-02-01,day,imposition,US,x,0.25,MEX gets taxed,,,,src", "rate_on", "not of the form")]
    [InlineData("2025-02-01,day,concession,MX,x,,,troops,-5,troops,src", "quantity", "negative")]
    [InlineData("2025-02-01,day,concession,MX,x,,,troops,5,troops,", "source", "cite its source")]
    [InlineData("2025-02-15,month,concession,MX,x,,,troops,5,troops,src", "date", "not the first of the month")]
    public void Bad_event_rows_name_row_and_column(string row, string column, string message)
    {
        var path = File("e.csv", EventsHeader + "2025-01-01,day,review,US,ok,,,,,,src\n" + row + "\n");
        var e = Should.Throw<DataFormatException>(() => EventReader.Read(path));
        e.File.ShouldBe(path);
        e.Line.ShouldBe(3);
        e.Column.ShouldBe(column);
        e.Message.ShouldContain(message);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var path = File("e.csv", "date,kind\n2025-01-01,threat\n");
        var e = Should.Throw<DataFormatException>(() => EventReader.Read(path));
        e.Message.ShouldContain("column 'date_precision' is missing");
    }
}
