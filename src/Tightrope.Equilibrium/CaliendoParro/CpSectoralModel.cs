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

    /// <summary>The engine's tariff factors 1 + τ at [(j·N + importer)·N + exporter] from a typed tariff table.</summary>
    public double[] FactorsOf(SectoralPairMatrix tariffs)
    {
        if (!tariffs.Unit.IsFraction)
        {
            throw new ArgumentException($"Tariffs must be rates (fractions); got {tariffs.Unit}.");
        }

        if (tariffs.Sectors.Count != Baseline.J || tariffs.Countries.Count != Baseline.N
            || !tariffs.Countries.Select(c => c.Iso3).SequenceEqual(Baseline.Countries.Select(c => c.Iso3))
            || !tariffs.Sectors.Select(s => s.Code).SequenceEqual(Baseline.Sectors.Select(s => s.Code)))
        {
            throw new ArgumentException("The tariff table's countries and sectors must be those of the model, in the same order.");
        }

        int n = Baseline.N, j = Baseline.J;
        var factors = new double[j * n * n];
        for (var s = 0; s < j; s++)
        {
            for (var m = 0; m < n; m++)
            {
                for (var i = 0; i < n; i++)
                {
                    factors[(((s * n) + m) * n) + i] = 1 + tariffs[s, i, m];
                }
            }
        }

        return factors;
    }

    /// <summary>Two solves from the same data, reference and counterfactual tariffs, and their comparison (spec §7–§8).</summary>
    public CpComparison Run(SectoralPairMatrix reference, SectoralPairMatrix counterfactual, DeficitCase deficits, CpSolverOptions? options = null) =>
        CpExperiment.Run(Baseline, FactorsOf(reference), FactorsOf(counterfactual), deficits, options);

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
