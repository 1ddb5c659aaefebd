using System.Globalization;
using System.Text;
using Tightrope.Data;
using Tightrope.Gravity.Data;

namespace Tightrope.Gravity.Tests;

/// <summary>The parallel numeric CSV path gives exactly what the line-by-line reader gives, and leaves every other file to it.</summary>
public sealed class NumericCsvReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tightrope-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    private static void ShouldMatchSerial(string path)
    {
        var fast = CsvTableReader.Read(path);
        var serial = CsvTableReader.ReadSerial(path);
        fast.RowCount.ShouldBe(serial.RowCount);
        fast.Columns.Select(c => c.Name).ShouldBe(serial.Columns.Select(c => c.Name));
        for (var j = 0; j < fast.Columns.Count; j++)
        {
            switch (serial.Columns[j])
            {
                case NumericColumn s:
                    var f = fast.Columns[j].ShouldBeOfType<NumericColumn>();
                    for (var i = 0; i < s.Values.Length; i++)
                    {
                        BitConverter.DoubleToInt64Bits(f.Values[i]).ShouldBe(BitConverter.DoubleToInt64Bits(s.Values[i]), $"row {i} column {s.Name}: {f.Values[i]:R} vs {s.Values[i]:R}");
                    }

                    break;
                case TextColumn t:
                    fast.Columns[j].ShouldBeOfType<TextColumn>().Values.ShouldBe(t.Values);
                    break;
            }
        }
    }

    [Fact]
    public void Number_forms_parse_to_the_same_doubles()
    {
        ShouldMatchSerial(Write("forms.csv",
            "a,b,c\n1,-0,+3.5\n0.1,1e5,2.5E-3\n 7 ,.5,5.\n24.98138981267846,5.893077241737491,0.30000000000000004\n" +
            "123456789012345678901,1e-320,1.7976931348623157e308\nNA,.,\n-12.000,1e22,9007199254740993\n"));
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_no_final_newline_are_read()
    {
        ShouldMatchSerial(Write("crlf.csv", "x,y\r\n1,2\r\n3,4", bom: true));
        CsvTableReader.Read(Write("crlf2.csv", "x,y\r\n1,2\r\n3,4\r\n", bom: true)).Numeric("x").Values.ShouldBe([1.0, 3.0]);
    }

    [Fact]
    public void Text_quotes_and_empty_lines_go_to_the_general_reader()
    {
        ShouldMatchSerial(Write("text.csv", "id,v\n1,2\nARG,3\n"));
        ShouldMatchSerial(Write("quoted.csv", "id,v\n\"1\",2\n3,4\n"));
        ShouldMatchSerial(Write("empty-line.csv", "id,v\n1,2\n\n3,4\n"));
    }

    [Fact]
    public void Ragged_rows_are_errors_naming_the_line()
    {
        Should.Throw<DataFormatException>(() => CsvTableReader.Read(Write("ragged.csv", "y,x\n1,2\n3,4,5\n"))).Line.ShouldBe(3);
    }

    [Fact]
    public void Large_files_split_into_chunks_read_every_row_in_order()
    {
        var rng = new Random(14);
        var sb = new StringBuilder("i,u,n,k\n");
        for (var i = 0; i < 400_000; i++)
        {
            sb.Append(i).Append(',').Append(rng.NextDouble().ToString("R", CultureInfo.InvariantCulture)).Append(',')
              .Append((rng.NextDouble() * 1e6).ToString("F3", CultureInfo.InvariantCulture)).Append(',')
              .Append(i % 97 == 0 ? "NA" : rng.Next(-5, 5).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var path = Write("large.csv", sb.ToString());
        new FileInfo(path).Length.ShouldBeGreaterThan(8L << 20);
        ShouldMatchSerial(path);
        CsvTableReader.Read(path).Numeric("i").Values.ShouldBe(Enumerable.Range(0, 400_000).Select(i => (double)i));
    }
}
