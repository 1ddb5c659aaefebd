using System.Diagnostics;
using Tightrope.Gravity.Data;

namespace Tightrope.Bench.Gravity;

/// <summary>Times reading a numeric CSV panel: the parallel numeric reader against the general line-by-line reader (baseline),
/// and checks that both give the same values bit for bit.</summary>
public sealed class CsvReadBenchmark : IBenchmarkSuite
{
    /// <inheritdoc/>
    public string Name => "csv-read";

    /// <inheritdoc/>
    public string Description => "csv-read FILE [repeats]: parallel numeric CSV reader vs the line-by-line reader (wall, CPU, identical values)";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: csv-read FILE [repeats]");
            return 2;
        }

        var path = args[0];
        var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        CsvTableReader.Read(path); // warm the page cache and the JIT
        ColumnarTable? fast = null, serial = null;
        for (var r = 0; r < repeats; r++)
        {
            fast = Time("parallel numeric", () => CsvTableReader.Read(path));
            serial = Time("line by line", () => CsvTableReader.ReadSerial(path));
        }

        var same = fast!.Columns.Count == serial!.Columns.Count && fast.Columns.Zip(serial.Columns).All(p =>
            p.First.Name == p.Second.Name && p.First is NumericColumn a && p.Second is NumericColumn b
            && a.Values.AsSpan().SequenceEqual(b.Values));
        Console.WriteLine($"{fast.RowCount:N0} rows × {fast.Columns.Count} columns; values identical: {same} (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        return same ? 0 : 1;
    }

    private static ColumnarTable Time(string what, Func<ColumnarTable> read)
    {
        GC.Collect();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var table = read();
        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine($"  {what,-18} wall {wall,6:F3} s  cpu {cpu,6:F3} s");
        return table;
    }
}
