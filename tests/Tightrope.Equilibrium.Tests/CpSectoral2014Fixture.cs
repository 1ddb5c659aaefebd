using Tightrope.Data.CaliendoParro;
using Tightrope.Equilibrium.CaliendoParro;

namespace Tightrope.Equilibrium.Tests;

/// <summary>Reads the 2014 sectoral data and builds the value-added-share-one model once per test class.</summary>
public sealed class CpSectoral2014Fixture
{
    public CpSectoral2014Fixture()
    {
        Data = WiodSectoral2014Data.Load();
        Model = CpSectoralModel.Build(Data);
    }

    public WiodSectoral2014Data Data { get; }

    public CpSectoralModel Model { get; }
}
