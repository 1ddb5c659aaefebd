using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Parquet;
using Parquet.Schema;
using Tightrope.Reports;

namespace Tightrope.Sweeps;

/// <summary>One solved point: per-economy outcome values (economy-major), or the reason it failed.</summary>
public sealed record PointOutcome(int Index, IReadOnlyList<string> Economies, double[] Values, string? Failure)
{
    /// <summary>True when the point solved.</summary>
    public bool Solved => Failure is null;
}

/// <summary>Sweep result rows in columnar form: one row per point × economy × outcome, plus the point's inputs.</summary>
public sealed class SweepRows
{
    /// <summary>Point index of each row.</summary>
    public List<int> Draw { get; } = [];

    /// <summary>Economy (ISO3) of each row.</summary>
    public List<string> Economy { get; } = [];

    /// <summary>Outcome name of each row.</summary>
    public List<string> Outcome { get; } = [];

    /// <summary>Value of each row.</summary>
    public List<double> Value { get; } = [];

    /// <summary>Input columns by path: numbers (double) or text (string) per row.</summary>
    public Dictionary<string, List<object>> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Number of rows.</summary>
    public int Count => Draw.Count;
}

/// <summary>Parquet files of sweep rows and the summary statistics computed from them.</summary>
public static class SweepResultFiles
{
    /// <summary>Which inputs are numbers in every point (grid, uniform, normal, all-numeric choices).</summary>
    public static IReadOnlyDictionary<string, bool> NumericInputs(SweepPlan plan)
    {
        var map = plan.Grid.ToDictionary(g => g.Path, _ => true, StringComparer.Ordinal);
        foreach (var v in plan.Vary)
        {
            map[v.Path] = v.Distribution is not Choice c || c.Options.All(o => o.GetValueKind() == System.Text.Json.JsonValueKind.Number);
        }

        return map;
    }

    private static ParquetSchema Schema(SweepPlan plan)
    {
        var numeric = NumericInputs(plan);
        var fields = new List<Field> { new DataField<int>("draw"), new DataField<string>("iso3"), new DataField<string>("outcome"), new DataField<double>("value") };
        fields.AddRange(plan.InputPaths.Select(p => numeric[p] ? (Field)new DataField<double>(p) : new DataField<string>(p)));
        return new ParquetSchema(fields);
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Write(SweepPlan plan, SweepRows rows, string path)
    {
        using var writer = new SweepRowWriter(plan, path);
        writer.Add(rows);
        writer.Commit();
    }

    /// <summary>The Parquet schema of a plan's rows: draw, iso3, outcome, value, then one column per input path.</summary>
    internal static ParquetSchema SchemaOf(SweepPlan plan) => Schema(plan);

    /// <summary>Reads a sweep Parquet file one row group at a time (memory bounded by the largest group).</summary>
    public static IEnumerable<SweepRows> ReadGroups(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var rows = new SweepRows();
                ReadGroup(reader, g, rows);
                yield return rows;
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Reads a sweep Parquet file written by <see cref="Write"/>.</summary>
    public static SweepRows Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static async Task<SweepRows> ReadAsync(string path)
    {
        var rows = new SweepRows();
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            ReadGroup(reader, g, rows);
        }

        return rows;
    }

    private static void ReadGroup(ParquetReader reader, int g, SweepRows rows)
    {
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(g);
        var n = (int)group.RowCount;
        var draw = new int[n];
        group.ReadAsync<int>(fields[0], draw.AsMemory()).GetAwaiter().GetResult();
        rows.Draw.AddRange(draw);
        rows.Economy.AddRange(ReadStrings(group, fields[1], n));
        rows.Outcome.AddRange(ReadStrings(group, fields[2], n));
        var value = new double[n];
        group.ReadAsync<double>(fields[3], value.AsMemory()).GetAwaiter().GetResult();
        rows.Value.AddRange(value);
        foreach (var f in fields.Skip(4))
        {
            if (!rows.Inputs.TryGetValue(f.Name, out var list))
            {
                list = [];
                rows.Inputs[f.Name] = list;
            }

            if (f.ClrType == typeof(double))
            {
                var v = new double[n];
                group.ReadAsync<double>(f, v.AsMemory()).GetAwaiter().GetResult();
                list.AddRange(v.Cast<object>());
            }
            else
            {
                list.AddRange(ReadStrings(group, f, n));
            }
        }
    }

    private static string[] ReadStrings(ParquetRowGroupReader group, DataField field, int n)
    {
        var values = new string?[n];
        group.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
        return values.Select(v => v ?? string.Empty).ToArray();
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Header of <c>summary.csv</c>.</summary>
    public const string SummaryHeader = "iso3,outcome,mean,sd,p05,p50,p95";

    /// <summary>Per economy and outcome: mean, sample standard deviation and the 5/50/95% quantiles over the draws.</summary>
    public static IReadOnlyList<SummaryRow> Summarise(SweepRows rows)
    {
        var builder = new SweepSummaryBuilder();
        builder.Add(rows);
        return builder.Build();
    }

    /// <summary>The summary of solved points, exactly as <see cref="Summarise(SweepRows)"/> of their rows, without forming the rows.</summary>
    public static IReadOnlyList<SummaryRow> Summarise(SweepPlan plan, IEnumerable<PointOutcome> points)
    {
        var builder = new SweepSummaryBuilder();
        foreach (var p in points.Where(p => p.Solved).OrderBy(p => p.Index))
        {
            builder.Add(plan, p);
        }

        return builder.Build();
    }

    /// <summary>Quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The summary as a report table with the columns of <c>summary.csv</c> (its CSV is that file's text).</summary>
    public static ReportTable SummaryTable(IReadOnlyList<SummaryRow> summary, string title) => new(
        "summary",
        title,
        [ReportColumn.Text("iso3"), ReportColumn.Text("outcome"), ReportColumn.Number("mean", "mean", 3), ReportColumn.Number("sd", "sd", 3),
         ReportColumn.Number("p05", "5%", 3), ReportColumn.Number("p50", "50%", 3), ReportColumn.Number("p95", "95%", 3)],
        summary.Select(s => (IReadOnlyList<object?>)[s.Economy, s.Outcome, s.Mean, s.Sd, s.P05, s.P50, s.P95]).ToList());

    /// <summary>Writes <c>summary.csv</c> atomically.</summary>
    public static void WriteSummary(IReadOnlyList<SummaryRow> summary, string path)
    {
        var text = new StringBuilder().AppendLine(SummaryHeader);
        foreach (var s in summary)
        {
            text.AppendLine(string.Join(",", Csv(s.Economy), Csv(s.Outcome), F(s.Mean), F(s.Sd), F(s.P05), F(s.P50), F(s.P95)));
        }

        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string v) => v.Contains(',') || v.Contains('"') ? $"\"{v.Replace("\"", "\"\"")}\"" : v;
}

/// <summary>One line of <c>summary.csv</c>.</summary>
public sealed record SummaryRow(string Economy, string Outcome, double Mean, double Sd, double P05, double P50, double P95, int Count);

/// <summary>
/// Collects the values of every economy × outcome, in row order, as compact arrays of doubles (8 bytes a row, not a
/// row object), so the summary's quantiles are exact order statistics of the rows written.
/// </summary>
public sealed class SweepSummaryBuilder
{
    private readonly Dictionary<(string, string), List<double>> _groups = [];
    private readonly List<(string, string)> _order = [];

    /// <summary>Adds one row's value.</summary>
    public void Add(string economy, string outcome, double value)
    {
        var key = (economy, outcome);
        if (!_groups.TryGetValue(key, out var list))
        {
            list = [];
            _groups[key] = list;
            _order.Add(key);
        }

        list.Add(value);
    }

    /// <summary>Adds every row of <paramref name="rows"/>.</summary>
    public void Add(SweepRows rows)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            Add(rows.Economy[r], rows.Outcome[r], rows.Value[r]);
        }
    }

    /// <summary>Adds the rows of one solved point (economy-major, outcomes in plan order).</summary>
    public void Add(SweepPlan plan, PointOutcome point)
    {
        var outcomes = plan.Outcomes.Count;
        for (var e = 0; e < point.Economies.Count; e++)
        {
            for (var o = 0; o < outcomes; o++)
            {
                Add(point.Economies[e], plan.Outcomes[o], point.Values[(e * outcomes) + o]);
            }
        }
    }

    /// <summary>Mean, sample standard deviation and 5/50/95% quantiles per economy × outcome, in order of first appearance.</summary>
    public IReadOnlyList<SummaryRow> Build() => _order.Select(k =>
    {
        var v = _groups[k];
        var mean = v.Sum() / v.Count;
        var sd = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)) : 0.0;
        var sorted = v.Order().ToArray();
        return new SummaryRow(k.Item1, k.Item2, mean, sd, SweepResultFiles.Quantile(sorted, 0.05), SweepResultFiles.Quantile(sorted, 0.50), SweepResultFiles.Quantile(sorted, 0.95), v.Count);
    }).ToList();
}

/// <summary>
/// Writes sweep rows to one Parquet file as they come, in row groups of a fixed number of rows (so the file depends
/// only on the rows, not on how they were handed over), to a temporary file renamed into place by <see cref="Commit"/>.
/// Memory is bounded by one row group.
/// </summary>
public sealed class SweepRowWriter : IDisposable
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 1 << 18;

    private readonly SweepPlan _plan;
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly bool[] _numeric;
    private readonly int _groupSize;
    private readonly int[] _draw;
    private readonly string[] _economy;
    private readonly string[] _outcome;
    private readonly double[] _value;
    private readonly double[][] _numbers;
    private readonly string[][] _texts;
    private int _buffered;
    private bool _done;

    /// <summary>Starts the file for <paramref name="plan"/>'s rows at <paramref name="path"/> (written on <see cref="Commit"/>).</summary>
    /// <param name="plan">The plan whose rows are written (it fixes the columns).</param>
    /// <param name="path">The file to write.</param>
    /// <param name="rowGroupSize">Rows per row group (default <see cref="RowGroupSize"/>).</param>
    public SweepRowWriter(SweepPlan plan, string path, int rowGroupSize = RowGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        _groupSize = rowGroupSize;
        _draw = new int[rowGroupSize];
        _economy = new string[rowGroupSize];
        _outcome = new string[rowGroupSize];
        _value = new double[rowGroupSize];
        _plan = plan;
        _path = path;
        _temp = $"{path}.{Environment.ProcessId}.tmp";
        var schema = SweepResultFiles.SchemaOf(plan);
        _fields = schema.GetDataFields();
        var inputs = plan.InputPaths.Count;
        _numeric = Enumerable.Range(0, inputs).Select(k => _fields[4 + k].ClrType == typeof(double)).ToArray();
        _numbers = Enumerable.Range(0, inputs).Select(k => _numeric[k] ? new double[rowGroupSize] : []).ToArray();
        _texts = Enumerable.Range(0, inputs).Select(k => _numeric[k] ? [] : new string[rowGroupSize]).ToArray();
        _stream = new FileStream(_temp, FileMode.Create, FileAccess.Write, FileShare.None);
        _writer = ParquetWriter.CreateAsync(schema, _stream).GetAwaiter().GetResult();
    }

    /// <summary>Rows written so far (including those still buffered).</summary>
    public long Rows { get; private set; }

    /// <summary>Adds the rows of one solved point; failed points have none.</summary>
    public void Add(PointOutcome point)
    {
        if (!point.Solved)
        {
            return;
        }

        var inputs = _plan.Point(point.Index).Inputs;
        var outcomes = _plan.Outcomes.Count;
        var numbers = new double[inputs.Count];
        var texts = new string[inputs.Count];
        for (var k = 0; k < inputs.Count; k++)
        {
            var value = inputs[k].Value;
            if (_numeric[k])
            {
                numbers[k] = value.GetValue<double>();
            }
            else
            {
                texts[k] = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }

        for (var e = 0; e < point.Economies.Count; e++)
        {
            for (var o = 0; o < outcomes; o++)
            {
                var at = _buffered;
                _draw[at] = point.Index;
                _economy[at] = point.Economies[e];
                _outcome[at] = _plan.Outcomes[o];
                _value[at] = point.Values[(e * outcomes) + o];
                for (var k = 0; k < numbers.Length; k++)
                {
                    if (_numeric[k])
                    {
                        _numbers[k][at] = numbers[k];
                    }
                    else
                    {
                        _texts[k][at] = texts[k];
                    }
                }

                Advance();
            }
        }
    }

    /// <summary>Adds rows read from another file of the same plan.</summary>
    public void Add(SweepRows rows)
    {
        var paths = _plan.InputPaths;
        var columns = paths.Select(p => rows.Inputs[p]).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var at = _buffered;
            _draw[at] = rows.Draw[r];
            _economy[at] = rows.Economy[r];
            _outcome[at] = rows.Outcome[r];
            _value[at] = rows.Value[r];
            for (var k = 0; k < columns.Length; k++)
            {
                if (_numeric[k])
                {
                    _numbers[k][at] = (double)columns[k][r];
                }
                else
                {
                    _texts[k][at] = (string)columns[k][r];
                }
            }

            Advance();
        }
    }

    private void Advance()
    {
        _buffered++;
        Rows++;
        if (_buffered == _groupSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_buffered == 0 && Rows > 0)
        {
            return;
        }

        var n = _buffered;
        using (var group = _writer.CreateRowGroup())
        {
            group.WriteAsync<int>(_fields[0], _draw.AsMemory(0, n)).GetAwaiter().GetResult();
            group.WriteAsync(_fields[1], new ArraySegment<string>(_economy, 0, n)).GetAwaiter().GetResult();
            group.WriteAsync(_fields[2], new ArraySegment<string>(_outcome, 0, n)).GetAwaiter().GetResult();
            group.WriteAsync<double>(_fields[3], _value.AsMemory(0, n)).GetAwaiter().GetResult();
            for (var k = 0; k < _numeric.Length; k++)
            {
                if (_numeric[k])
                {
                    group.WriteAsync<double>(_fields[4 + k], _numbers[k].AsMemory(0, n)).GetAwaiter().GetResult();
                }
                else
                {
                    group.WriteAsync(_fields[4 + k], new ArraySegment<string>(_texts[k], 0, n)).GetAwaiter().GetResult();
                }
            }
        }

        _buffered = 0;
    }

    /// <summary>Writes the last row group, closes the file and renames it into place.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_buffered > 0 || Rows == 0)
        {
            Flush();
        }

        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _done = true;
        File.Move(_temp, _path, overwrite: true);
    }

    /// <summary>Abandons an uncommitted file (the temporary file is deleted; nothing at the target path changes).</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
        File.Delete(_temp);
    }
}
