using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Parquet;
using Parquet.Schema;

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
    /// <summary>Builds the rows of solved points, in point order.</summary>
    public static SweepRows Rows(SweepPlan plan, IEnumerable<PointOutcome> points)
    {
        var rows = new SweepRows();
        var numeric = NumericInputs(plan);
        foreach (var path in plan.InputPaths)
        {
            rows.Inputs[path] = [];
        }

        foreach (var p in points.Where(p => p.Solved).OrderBy(p => p.Index))
        {
            var inputs = plan.Point(p.Index).Inputs;
            var outcomes = plan.Outcomes.Count;
            for (var e = 0; e < p.Economies.Count; e++)
            {
                for (var o = 0; o < outcomes; o++)
                {
                    rows.Draw.Add(p.Index);
                    rows.Economy.Add(p.Economies[e]);
                    rows.Outcome.Add(plan.Outcomes[o]);
                    rows.Value.Add(p.Values[(e * outcomes) + o]);
                    foreach (var (path, value) in inputs)
                    {
                        rows.Inputs[path].Add(numeric[path] ? value.GetValue<double>() : InputText(value));
                    }
                }
            }
        }

        return rows;
    }

    private static string InputText(System.Text.Json.Nodes.JsonNode value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

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
    public static void Write(SweepPlan plan, SweepRows rows, string path) => WriteAsync(plan, rows, path).GetAwaiter().GetResult();

    private static async Task WriteAsync(SweepPlan plan, SweepRows rows, string path)
    {
        var schema = Schema(plan);
        var fields = schema.GetDataFields();
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
            {
                using var group = writer.CreateRowGroup();
                group.WriteAsync<int>(fields[0], rows.Draw.ToArray().AsMemory()).GetAwaiter().GetResult();
                group.WriteAsync(fields[1], rows.Economy).GetAwaiter().GetResult();
                group.WriteAsync(fields[2], rows.Outcome).GetAwaiter().GetResult();
                group.WriteAsync<double>(fields[3], rows.Value.ToArray().AsMemory()).GetAwaiter().GetResult();
                for (var k = 0; k < plan.InputPaths.Count; k++)
                {
                    var values = rows.Inputs[plan.InputPaths[k]];
                    if (fields[4 + k].ClrType == typeof(double))
                    {
                        group.WriteAsync<double>(fields[4 + k], values.Select(v => (double)v).ToArray().AsMemory()).GetAwaiter().GetResult();
                    }
                    else
                    {
                        group.WriteAsync(fields[4 + k], values.Select(v => (string)v).ToArray()).GetAwaiter().GetResult();
                    }
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a sweep Parquet file written by <see cref="Write"/>.</summary>
    public static SweepRows Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static async Task<SweepRows> ReadAsync(string path)
    {
        var rows = new SweepRows();
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
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

        return rows;
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
        var groups = new Dictionary<(string, string), List<double>>();
        var order = new List<(string, string)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var key = (rows.Economy[r], rows.Outcome[r]);
            if (!groups.TryGetValue(key, out var list))
            {
                list = [];
                groups[key] = list;
                order.Add(key);
            }

            list.Add(rows.Value[r]);
        }

        return order.Select(k =>
        {
            var v = groups[k];
            var mean = v.Sum() / v.Count;
            var sd = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)) : 0.0;
            var sorted = v.Order().ToArray();
            return new SummaryRow(k.Item1, k.Item2, mean, sd, Quantile(sorted, 0.05), Quantile(sorted, 0.50), Quantile(sorted, 0.95), v.Count);
        }).ToList();
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
