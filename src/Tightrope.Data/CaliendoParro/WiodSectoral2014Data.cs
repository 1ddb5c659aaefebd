namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// The 2014 sectoral data set of Lashkaripour &amp; Lugovskyy (2023, <i>AER</i>), built from the WIOD 2016 release:
/// 44 economies × 16 sectors, bilateral flows (exporter → importer, million USD, intermediate and final use together,
/// domestic flows included), the applied tariffs of 2014 (the rate the importer levies, a fraction) and the sectoral
/// trade elasticities. It has no input–output coefficients, so the model built on it has a value-added share of one.
/// </summary>
/// <param name="Countries">The economies, in file order (ROW last).</param>
/// <param name="Sectors">The 16 sectors, in file order.</param>
/// <param name="Trade">Flows [sector, exporter, importer], million USD at producer prices, domestic sales on the diagonal.</param>
/// <param name="Tariffs">Applied tariffs [sector, exporter, importer]: the rate the importer levies on the exporter (fraction).</param>
/// <param name="TradeElasticity">θ per sector, from the <c>trade_elasticity</c> column (σ − 1).</param>
/// <param name="Location">The folder read.</param>
public sealed record WiodSectoral2014Data(
    CountrySet Countries,
    SectorSet Sectors,
    SectoralPairMatrix Trade,
    SectoralPairMatrix Tariffs,
    SectorValues TradeElasticity,
    string Location)
{
    /// <summary>Default folder under the data root.</summary>
    public const string DefaultFolder = "wiod-sectoral-2014";

    /// <summary>Why the model on this data has no supply-chain amplification; stated in every output.</summary>
    public const string NoInputOutputNote =
        "Input–output (supply-chain) amplification is absent: the 2014 data (WIOD 2016 via Lashkaripour & Lugovskyy 2023) sum intermediate and final use and carry no input–output coefficients, so every sector's value-added share is set to 1 and a tariff raises no other sector's costs.";

    /// <summary>Short sector codes for scenarios, by the data's sector index (1-based), with the WIOD industries each covers.</summary>
    public static IReadOnlyList<(string Code, string Wiod)> SectorCodes { get; } =
    [
        ("agriculture", "A01-A03"), ("mining", "B"), ("food", "C10-C12"), ("textiles", "C13-C15"), ("wood", "C16"),
        ("paper", "C17-C18"), ("petroleum", "C19"), ("chemicals", "C20-C21"), ("rubber-plastics", "C22"), ("minerals", "C23"),
        ("metals", "C24-C25"), ("electronics", "C26-C27"), ("machinery", "C28"), ("transport", "C29-C30"),
        ("other-manufacturing", "C31-C32"), ("services", "C33-U"),
    ];

    /// <summary>Reads and validates the folder (default: the data root's wiod-sectoral-2014).</summary>
    public static WiodSectoral2014Data Load(string? folder = null) => WiodSectoral2014Reader.Load(folder ?? DataLocation.Resolve(DefaultFolder));

    /// <summary>The same data with countries and sectors reordered; element k of each order is the old position of new position k.</summary>
    public WiodSectoral2014Data Permute(IReadOnlyList<int> countryOrder, IReadOnlyList<int> sectorOrder) => this with
    {
        Countries = Countries.Permute(countryOrder),
        Sectors = Sectors.Permute(sectorOrder),
        Trade = Trade.Permute(sectorOrder, countryOrder),
        Tariffs = Tariffs.Permute(sectorOrder, countryOrder),
        TradeElasticity = TradeElasticity.Permute(sectorOrder),
    };

    /// <summary>The same data with one trade elasticity for every sector.</summary>
    public WiodSectoral2014Data WithElasticity(double theta) => this with
    {
        TradeElasticity = new SectorValues(Sectors, Enumerable.Repeat(theta, Sectors.Count).ToArray()),
    };

    /// <summary>
    /// The data summed to one sector: flows added up; each pair's tariff is the producer-value-weighted mean, so that the
    /// aggregate purchaser value Σ_j x^j (1 + τ^j) is kept (the plain mean where a pair does not trade). Meaningful as a
    /// one-sector model only when every sector has the same elasticity <paramref name="theta"/>.
    /// </summary>
    public WiodSectoral2014Data AggregateToOneSector(double theta)
    {
        int n = Countries.Count, j = Sectors.Count;
        var flows = Trade.SumOverSectors();
        var rates = new double[n * n];
        for (var e = 0; e < n; e++)
        {
            for (var i = 0; i < n; i++)
            {
                double weighted = 0, plain = 0;
                for (var s = 0; s < j; s++)
                {
                    weighted += Trade[s, e, i] * Tariffs[s, e, i];
                    plain += Tariffs[s, e, i];
                }

                var total = flows[e, i];
                rates[(e * n) + i] = total > 0 ? weighted / total : plain / j;
            }
        }

        var one = new SectorSet([new Sector("all", "All sectors")]);
        return this with
        {
            Sectors = one,
            Trade = new SectoralPairMatrix(one, Countries, flows.Values, Trade.Unit),
            Tariffs = new SectoralPairMatrix(one, Countries, rates, PairUnit.Fraction),
            TradeElasticity = new SectorValues(one, [theta]),
        };
    }

    /// <summary>
    /// The national accounts the Caliendo–Parro engine reads, with a value-added share of one: value added is each
    /// sector's gross output (its sales, domestic included), there are no intermediate purchases, final demand is total
    /// spending gross of tariffs, and the surplus is exports − imports at producer prices. Every sector is tradable.
    /// </summary>
    public CaliendoParroData ToCaliendoParroData()
    {
        int n = Countries.Count, j = Sectors.Count;
        var scale = MoneyUnits.Factor(Trade.Currency, MoneyUnit.Usd);
        var flows = new double[j * n * n];
        var valueAdded = new double[j * n];
        var finalDemand = new double[j * n];
        for (var s = 0; s < j; s++)
        {
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    var v = Trade[s, e, i] * scale;
                    flows[(((s * n) + e) * n) + i] = v;
                    valueAdded[(s * n) + e] += v;
                    finalDemand[(s * n) + i] += v * (1 + Tariffs[s, e, i]);
                }
            }
        }

        var tariffs = Tariffs.Values.ToArray();
        return CaliendoParroAccounts.Assemble(
            Countries, Sectors, Enumerable.Repeat(true, j).ToList(), TradeElasticity.Values.ToArray(), flows, tariffs, tariffs, false,
            valueAdded, new double[n * j * j], finalDemand, [], CaliendoParroSource.Wiod2014, Location) with
        { BaseYear = 2014 };
    }
}
