using Tightrope.Data;
using Tightrope.Data.CaliendoParro;

namespace Tightrope.Equilibrium.CaliendoParro;

/// <summary>
/// The calibrated 1993 starting point of the Caliendo–Parro model (spec §5): expenditure shares π (importer × exporter per
/// sector), spending X gross of tariffs, value added, cost shares γ, input–output shares, final-demand shares α (negatives
/// set to 0 and renormalised), trade surpluses, elasticities θ and the baseline tariff factors 1 + τ.
/// Money is held in US dollars.
/// </summary>
public sealed class CpBaseline
{
    private CpBaseline(CaliendoParroData data)
    {
        Data = data;
        N = data.CountryCount;
        J = data.SectorCount;
    }

    /// <summary>The data the baseline was built from.</summary>
    public CaliendoParroData Data { get; }

    /// <summary>Number of regions.</summary>
    public int N { get; }

    /// <summary>Number of sectors.</summary>
    public int J { get; }

    /// <summary>Regions.</summary>
    public CountrySet Countries => Data.Countries;

    /// <summary>Sectors.</summary>
    public SectorSet Sectors => Data.Sectors;

    /// <summary>Kernel layout: π^j_{ni}, share of importer n's sector-j spending bought from exporter i, at [(j·N + n)·N + i].</summary>
    internal double[] Pi { get; private init; } = [];

    /// <summary>Kernel layout: baseline tariff factors 1 + τ^j_{ni} (importer n on exporter i), at [(j·N + n)·N + i].</summary>
    internal double[] TariffFactor { get; private init; } = [];

    /// <summary>The base-year tariffs the shares were observed under, rates [sector, exporter, importer].</summary>
    public SectoralPairMatrix Tariffs => Data.Tariffs1993;

    /// <summary>X^j_n: spending on sector j in n, gross of tariffs, USD, at [n·J + j].</summary>
    public double[] Spending { get; private init; } = [];

    /// <summary>VA_n: value added, USD.</summary>
    public double[] ValueAdded { get; private init; } = [];

    /// <summary>S_n: trade surplus in the data, USD (sums to zero over regions).</summary>
    public double[] Surplus { get; private init; } = [];

    /// <summary>γ^j_n: value-added share of gross output, at [n·J + j].</summary>
    public double[] ValueAddedShare { get; private init; } = [];

    /// <summary>γ^{k,j}_n: share of input k in sector j's gross output, at [(n·J + k)·J + j].</summary>
    public double[] InputShare { get; private init; } = [];

    /// <summary>α^k_n: final-demand share, at [n·J + k]; each region's shares sum to one.</summary>
    public double[] FinalShare { get; private init; } = [];

    /// <summary>θ^j: trade elasticity per sector.</summary>
    public double[] Theta { get; private init; } = [];

    /// <summary>Whether each sector is traded across borders.</summary>
    public bool[] Tradable { get; private init; } = [];

    /// <summary>How many final-demand shares were negative and set to zero before renormalising.</summary>
    public int ClippedFinalShares { get; private init; }

    /// <summary>Builds the baseline; throws <see cref="ArgumentException"/> when a region buys nothing of a sector.</summary>
    public static CpBaseline Build(CaliendoParroData data)
    {
        int n = data.CountryCount, j = data.SectorCount;
        var flows = data.Flows;
        var tariffs = data.Tariffs1993;
        var pi = new double[j * n * n];
        var tau = new double[j * n * n];
        var spending = new double[n * j];
        for (var s = 0; s < j; s++)
        {
            for (var m = 0; m < n; m++)
            {
                var row = ((s * n) + m) * n;
                var total = 0.0;
                for (var i = 0; i < n; i++)
                {
                    tau[row + i] = 1 + tariffs[s, i, m];
                    pi[row + i] = flows[s, i, m] * tau[row + i];
                    total += pi[row + i];
                }

                if (!(total > 0))
                {
                    throw new ArgumentException($"{data.Countries[m].Iso3} spends nothing on {data.Sectors[s].Name}; expenditure shares are undefined ({data.Location}).");
                }

                for (var i = 0; i < n; i++)
                {
                    pi[row + i] /= total;
                }

                spending[(m * j) + s] = total;
            }
        }

        var valueAdded = new double[n];
        var vaShare = new double[n * j];
        var inputShare = new double[n * j * j];
        for (var c = 0; c < n; c++)
        {
            for (var s = 0; s < j; s++)
            {
                var grossOutput = flows.SalesOf(s, c);
                var va = data.ValueAdded[s, c];
                valueAdded[c] += va;
                if (grossOutput > 0)
                {
                    vaShare[(c * j) + s] = va / grossOutput;
                    for (var k = 0; k < j; k++)
                    {
                        inputShare[(((c * j) + k) * j) + s] = data.Intermediates[c, k, s] / grossOutput;
                    }
                }
                else
                {
                    vaShare[(c * j) + s] = 1; // no production: the cost shares never matter
                }
            }
        }

        var alpha = new double[n * j];
        var clipped = 0;
        for (var c = 0; c < n; c++)
        {
            var total = 0.0;
            for (var k = 0; k < j; k++)
            {
                var fd = data.FinalDemand[k, c];
                if (fd < 0)
                {
                    clipped++;
                    fd = 0;
                }

                alpha[(c * j) + k] = fd;
                total += fd;
            }

            if (!(total > 0))
            {
                throw new ArgumentException($"{data.Countries[c].Iso3} has no positive final demand in any sector ({data.Location}).");
            }

            for (var k = 0; k < j; k++)
            {
                alpha[(c * j) + k] /= total;
            }
        }

        return new CpBaseline(data)
        {
            Pi = pi,
            TariffFactor = tau,
            Spending = spending,
            ValueAdded = valueAdded,
            Surplus = data.Surplus.Values.ToArray(),
            ValueAddedShare = vaShare,
            InputShare = inputShare,
            FinalShare = alpha,
            Theta = data.Theta.ToArray(),
            Tradable = data.Tradable.ToArray(),
            ClippedFinalShares = clipped,
        };
    }

    /// <summary>
    /// The kernel's tariff factors 1 + τ at [(j·N + importer)·N + exporter] from typed rates; the one place the
    /// exporter-first tables are turned importer-first. The rates must be over this baseline's sectors and countries, in order.
    /// </summary>
    internal double[] FactorsOf(SectoralPairMatrix tariffs)
    {
        if (!tariffs.Unit.IsFraction)
        {
            throw new ArgumentException($"Tariffs must be rates (fractions); got {tariffs.Unit}.");
        }

        if (!ReferenceEquals(tariffs.Sectors, Data.Sectors) || !ReferenceEquals(tariffs.Countries, Countries))
        {
            if (tariffs.Sectors.Count != J || tariffs.Countries.Count != N
                || !tariffs.Countries.Select(c => c.Iso3).SequenceEqual(Countries.Select(c => c.Iso3))
                || !tariffs.Sectors.Select(s => s.Code).SequenceEqual(Sectors.Select(s => s.Code)))
            {
                throw new ArgumentException("The tariff table's countries and sectors must be those of the model, in the same order.");
            }
        }

        var result = new double[J * N * N];
        for (var s = 0; s < J; s++)
        {
            for (var m = 0; m < N; m++)
            {
                for (var i = 0; i < N; i++)
                {
                    result[(((s * N) + m) * N) + i] = 1 + tariffs[s, i, m];
                }
            }
        }

        return result;
    }

    /// <summary>Typed rates [sector, exporter, importer] from kernel-layout factors (the inverse of <see cref="FactorsOf"/>).</summary>
    internal SectoralPairMatrix RatesOf(ReadOnlySpan<double> factors)
    {
        var rates = new double[J * N * N];
        for (var s = 0; s < J; s++)
        {
            for (var m = 0; m < N; m++)
            {
                for (var i = 0; i < N; i++)
                {
                    rates[(((s * N) + i) * N) + m] = factors[(((s * N) + m) * N) + i] - 1;
                }
            }
        }

        return new SectoralPairMatrix(Data.Sectors, Countries, rates, PairUnit.Fraction);
    }
}
