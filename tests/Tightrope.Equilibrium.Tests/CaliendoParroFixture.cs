using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;

namespace Tightrope.Equilibrium.Tests;

/// <summary>Loads the 1993 data once per test class and runs the NAFTA experiments lazily.</summary>
public sealed class CaliendoParroFixture
{
    private readonly Lazy<CpComparison> _zero;
    private readonly Lazy<CpComparison> _data;

    public CaliendoParroFixture()
    {
        Data = CaliendoParroData.Load(CaliendoParroSource.Original);
        Baseline = CpBaseline.Build(Data);
        _zero = new Lazy<CpComparison>(() => CpExperiment.Nafta(Baseline, DeficitCase.Zero));
        _data = new Lazy<CpComparison>(() => CpExperiment.Nafta(Baseline, DeficitCase.Data));
    }

    public CaliendoParroData Data { get; }

    public CpBaseline Baseline { get; }

    public CpComparison NaftaZeroDeficit => _zero.Value;

    public CpComparison NaftaDataDeficit => _data.Value;
}
