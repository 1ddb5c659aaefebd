using System.Globalization;
using System.Text;

namespace Tightrope.Bench.Gravity;

/// <summary>
/// Seeded synthetic gravity panel: N exporters × N importers × T years with exporter-year, importer-year and pair effects,
/// a log distance, and a policy dummy (pairs enter an agreement in a random year and stay). Trade is Poisson with mean
/// exp(π_it + χ_jt + γ_ij − 0.8 ln dist + 0.5 rta), so the true policy coefficient is 0.5 and about a fifth of the flows are zero.
/// </summary>
public static class GravityPanelGenerator
{
    /// <summary>True policy coefficient.</summary>
    public const double TrueRta = 0.5;

    /// <summary>Writes the panel as CSV (exporter,importer,year,pair,trade,ln_dist,rta) and returns the number of rows.</summary>
    public static long Write(string path, int countries, int years, int seed)
    {
        var rng = new Random(seed);
        var pi = Normal(rng, countries * years, 1.0);
        var chi = Normal(rng, countries * years, 1.0);
        var gamma = Normal(rng, countries * countries, 0.5);
        var lnDist = new double[countries * countries];
        var entry = new int[countries * countries];
        for (var p = 0; p < lnDist.Length; p++)
        {
            lnDist[p] = 5 + (3 * rng.NextDouble());
            entry[p] = rng.NextDouble() < 0.3 ? rng.Next(years) : int.MaxValue;
        }

        long rows = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 22);
        writer.WriteLine("exporter,importer,year,pair,trade,ln_dist,rta");
        var sb = new StringBuilder(128);
        for (var i = 0; i < countries; i++)
        {
            for (var j = 0; j < countries; j++)
            {
                var p = (i * countries) + j;
                for (var t = 0; t < years; t++)
                {
                    var rta = t >= entry[p] ? 1 : 0;
                    var eta = 1.5 + pi[(i * years) + t] + chi[(j * years) + t] + gamma[p] - (0.8 * (lnDist[p] - 6.5)) + (TrueRta * rta);
                    var trade = Poisson(rng, Math.Exp(eta));
                    sb.Clear();
                    sb.Append(i).Append(',').Append(j).Append(',').Append(1990 + t).Append(',').Append(p).Append(',')
                        .Append(trade).Append(',').Append(lnDist[p].ToString("F4", CultureInfo.InvariantCulture)).Append(',').Append(rta);
                    writer.WriteLine(sb);
                    rows++;
                }
            }
        }

        return rows;
    }

    private static double[] Normal(Random rng, int n, double sd)
    {
        var r = new double[n];
        for (var i = 0; i < n; i++)
        {
            r[i] = sd * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }

        return r;
    }

    // Knuth's product method for small means, a rounded normal approximation for large ones (fine for a benchmark).
    private static long Poisson(Random rng, double mean)
    {
        if (mean > 50)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * z)));
        }

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
