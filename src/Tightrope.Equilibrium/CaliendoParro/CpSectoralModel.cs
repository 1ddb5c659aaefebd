using Tightrope.Data;
using Tightrope.Data.CaliendoParro;

namespace Tightrope.Equilibrium.CaliendoParro;

/// <summary>
/// The Caliendo–Parro engine on typed sectoral data without input–output coefficients (spec §6 with γ^j_n = 1, so the
/// input–output block drops out): sectoral elasticities θ_j, Cobb–Douglas final-demand shares from the data's spending,
/// tariff revenue rebated, deficits zero or held at the data. Tariffs go in and flows come out as
/// <see cref="SectoralPairMatrix"/> [sector, exporter, importer].
/// </summary>
public sealed class CpSectoralModel
{
    private CpSectoralModel(WiodSectoral2014Data data, CpBaseline baseline)
    {
        Data = data;
        Baseline = baseline;
    }

    /// <summary>The typed data.</summary>
    public WiodSectoral2014Data Data { get; }

    /// <summary>The engine's baseline built from it (value-added shares 1, no intermediate use).</summary>
    public CpBaseline Baseline { get; }

    /// <summary>Builds the model on the data.</summary>
    public static CpSectoralModel Build(WiodSectoral2014Data data) => new(data, CpBaseline.Build(data.ToCaliendoParroData()));

    /// <summary>The engine's kernel-layout tariff factors from a typed tariff table (see <see cref="CpBaseline.FactorsOf"/>).</summary>
    internal double[] FactorsOf(SectoralPairMatrix tariffs) => Baseline.FactorsOf(tariffs);

    /// <summary>Two solves from the same data, reference and counterfactual tariffs, and their comparison (spec §7–§8).</summary>
    public CpComparison Run(SectoralPairMatrix reference, SectoralPairMatrix counterfactual, DeficitCase deficits, CpSolverOptions? options = null) =>
        CpExperiment.Run(Baseline, reference, counterfactual, deficits, options);

    /// <summary>Producer-price flows of one solved run as a typed matrix [sector, exporter, importer], million USD.</summary>
    public SectoralPairMatrix FlowsOf(CpEquilibrium equilibrium)
    {
        int n = Baseline.N, j = Baseline.J;
        var values = new double[j * n * n];
        for (var s = 0; s < j; s++)
        {
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    values[(((s * n) + e) * n) + i] = equilibrium.Flow(s, i, e, n, j) / 1e6;
                }
            }
        }

        return new SectoralPairMatrix(Data.Sectors, Data.Countries, values, PairUnit.Of(MoneyUnit.MillionUsd));
    }
}
