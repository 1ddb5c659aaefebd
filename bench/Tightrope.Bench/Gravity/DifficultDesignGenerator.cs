using System.Globalization;
using System.Text;

namespace Tightrope.Bench.Gravity;

/// <summary>
/// The "difficult" fixed-effect design of fixest's benchmark suite (recipe in ../shared/data/fe-difficult/README.md), with our
/// own seed: individuals U{1..n/20}; firms a sliding window over individuals, min(U{0..20} + max(1, indiv div 8 − 10), n/160),
/// so the individual–firm graph is a long, weakly connected band; years U{1..round(n^0.3)}; a continuous outcome y for OLS and
/// Poisson counts y_pois for PPML (true coefficients 3, 5 and 0.1, 0.2).
/// </summary>
public static class DifficultDesignGenerator
{
    /// <summary>Writes id_indiv,id_firm,id_year,x1,x2,y,y_pois and returns the number of rows.</summary>
    public static long Write(string path, int n, int seed)
    {
        var rng = new Random(seed);
        var individuals = n / 20;
        var firms = n / 160;
        var years = (int)Math.Round(Math.Pow(n, 0.3));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 22);
        writer.WriteLine("id_indiv,id_firm,id_year,x1,x2,y,y_pois");
        var sb = new StringBuilder(160);
        for (var r = 0; r < n; r++)
        {
            var indiv = 1 + rng.Next(individuals);
            var firm = Math.Min(rng.Next(21) + Math.Max(1, (indiv / 8) - 10), firms);
            var year = 1 + rng.Next(years);
            var x1 = (5 * Math.Cos(indiv)) + (5 * Math.Sin(firm)) + (5 * Math.Sin(year)) + rng.NextDouble();
            var x2 = Math.Cos(indiv) + Math.Sin(firm) + Math.Sin(year) + Normal(rng);
            var cf = Math.Cos(firm);
            var y = (3 * x1) + (5 * x2) + Math.Cos(indiv) + (cf * cf) + Math.Sin(year) + Normal(rng);
            var mean = Math.Exp((0.1 * x1) + (0.2 * x2) + (0.5 * Math.Cos(indiv)) + (0.5 * cf * cf) + (0.5 * Math.Sin(year)) - 0.5);
            sb.Clear();
            sb.Append(indiv).Append(',').Append(firm).Append(',').Append(year).Append(',')
                .Append(x1.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(x2.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(y.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(Poisson(rng, mean));
            writer.WriteLine(sb);
        }

        return n;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static long Poisson(Random rng, double mean)
    {
        var l = Math.Exp(-mean);
        long k = 0;
        var prod = rng.NextDouble();
        while (prod > l)
        {
            k++;
            prod *= rng.NextDouble();
        }

        return k;
    }
}

/// <summary>Writes the benchmark panels as CSV for the whole-process runs of bench/gravity-fe.sh.</summary>
public sealed class GravityDataSuite : IBenchmarkSuite
{
    /// <inheritdoc/>
    public string Name => "gravity-data";

    /// <inheritdoc/>
    public string Description => "Writes the difficult design and the regular panel as CSV. Args: difficult|regular 2500|100k|1m|10m PATH";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: gravity-data difficult|regular 2500|100k|1m|10m PATH");
            return 2;
        }

        var rows = args[1] switch
        {
            "2500" => 2_500,
            "100k" => 100_000,
            "1m" => 1_000_000,
            "10m" => 10_000_000,
            var s => throw new ArgumentException($"size '{s}': expected 2500, 100k, 1m or 10m."),
        };
        var written = args[0] switch
        {
            "difficult" => DifficultDesignGenerator.Write(args[2], rows, seed: 14),
            "regular" => rows switch
            {
                1_000_000 => GravityPanelGenerator.Write(args[2], 200, 25, seed: 20_16),
                10_000_000 => GravityPanelGenerator.Write(args[2], 500, 40, seed: 20_16),
                2_500 => GravityPanelGenerator.Write(args[2], 10, 25, seed: 20_16),
                _ => GravityPanelGenerator.Write(args[2], 63, 25, seed: 20_16),
            },
            var d => throw new ArgumentException($"design '{d}': expected difficult or regular."),
        };
        Console.WriteLine($"wrote {args[2]}: {written:N0} rows");
        return 0;
    }
}
