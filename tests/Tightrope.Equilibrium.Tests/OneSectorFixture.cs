using System.Globalization;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Equilibrium.Tests;

/// <summary>The bilateral-2023 data, its baseline and the solved Table 1 case 1, built once for a test class.</summary>
public sealed class OneSectorFixture
{
    public OneSectorFixture()
    {
        Data = BilateralDatasetReader.Load();
        Baseline = OneSectorBaseline.Build(Data);
        Case1 = TariffModel.Solve(Baseline, Ustr(Baseline));
    }

    public BilateralDataset Data { get; }

    public OneSectorBaseline Baseline { get; }

    public TariffEquilibriumResult Case1 { get; }

    /// <summary>The USTR schedule: the US levies max(10%, announced rate) on every other origin (spec §7).</summary>
    public static PairMatrix Ustr(OneSectorBaseline baseline) => LiberationDaySchedule.Matrix(baseline);

    /// <summary>The paper's per-country results for case 1: iso3 → Value_1..Value_7.</summary>
    public static IReadOnlyDictionary<string, double[]> PublishedCase1()
    {
        var path = DataLocation.Resolve("bilateral-2023", "reference", "output_map.csv");
        return File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
    }

    public static double[] Values(CountryOutcome o) =>
        [o.WelfarePct, o.DeficitPct, o.ExportsToGdpPct, o.ImportsToGdpPct, o.EmploymentPct, o.PricesPct, o.RevenueShare];
}
