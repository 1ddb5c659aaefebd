using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>How the destination-paid cost share ν is set.</summary>
public enum CostShareMode
{
    /// <summary>ν calibrated on a US / rest-of-world aggregate to hit the target average shares (the paper's baseline).</summary>
    Calibrated,

    /// <summary>ν ≡ 0 with income equal to total sales: the Eaton–Kortum special case (Table 9, alternative 4).</summary>
    EatonKortum,
}

/// <summary>Targets and switches for building a <see cref="OneSectorBaseline"/>.</summary>
public sealed record BaselineOptions
{
    /// <summary>Sales-weighted average destination share of the non-US region (0.12 in Ignatenko et al. 2025).</summary>
    public double RestOfWorldTargetShare { get; init; } = 0.12;

    /// <summary>Sales-weighted average destination share of the United States (0.26 in Ignatenko et al. 2025).</summary>
    public double UnitedStatesTargetShare { get; init; } = 0.26;

    /// <summary>Calibrated ν or the Eaton–Kortum case.</summary>
    public CostShareMode CostShares { get; init; } = CostShareMode.Calibrated;

    /// <summary>The paper's defaults.</summary>
    public static BaselineOptions Default { get; } = new();
}

/// <summary>
/// The observed 2023 economy with domestic sales completed from GDP and zero tariffs: the point every counterfactual
/// is a change from. Money is in thousand USD; matrices are exporter × importer, row-major.
/// </summary>
public sealed class OneSectorBaseline
{
    private OneSectorBaseline(
        BilateralDataset data, double[] flows, double[] expenditure, double[] income, double[] deficit,
        double[] costShare, double restOfWorldShare, double usShare, int unitedStates, string[] clipped)
    {
        Data = data;
        Countries = data.Countries;
        Flows = new PairMatrix(data.Countries, flows, MoneyUnit.ThousandUsd);
        Expenditure = expenditure;
        Income = income;
        Deficit = deficit;
        CostShare = costShare;
        RestOfWorldCostShare = restOfWorldShare;
        UnitedStatesCostShare = usShare;
        UnitedStates = unitedStates;
        ClippedDomesticSales = clipped;
    }

    /// <summary>The raw data this baseline was built from.</summary>
    public BilateralDataset Data { get; }

    /// <summary>Row and column order.</summary>
    public CountrySet Countries { get; }

    /// <summary>Completed flows X (domestic sales on the diagonal), thousand USD.</summary>
    public PairMatrix Flows { get; }

    /// <summary>Gross expenditure E_j = Σ_k X_kj, thousand USD.</summary>
    public IReadOnlyList<double> Expenditure { get; }

    /// <summary>Model income Y_i, thousand USD.</summary>
    public IReadOnlyList<double> Income { get; }

    /// <summary>Transfer / trade-deficit term T_i = E_i − Y_i, thousand USD.</summary>
    public IReadOnlyList<double> Deficit { get; }

    /// <summary>Destination-paid cost share ν per country.</summary>
    public IReadOnlyList<double> CostShare { get; }

    /// <summary>Calibrated ν of the non-US region.</summary>
    public double RestOfWorldCostShare { get; }

    /// <summary>Calibrated ν of the United States.</summary>
    public double UnitedStatesCostShare { get; }

    /// <summary>Position of the United States.</summary>
    public int UnitedStates { get; }

    /// <summary>Countries whose constructed domestic sales were negative and set to zero.</summary>
    public IReadOnlyList<string> ClippedDomesticSales { get; }

    /// <summary>Number of countries.</summary>
    public int Size => Countries.Count;

    /// <summary>Expenditure share λ_ij = X_ij / E_j.</summary>
    public double Share(int exporter, int importer) => Flows[exporter, importer] / Expenditure[importer];

    /// <summary>Builds the baseline from raw data (spec §4): calibrate ν, construct domestic sales with the clip, recompute E, Y, T.</summary>
    public static OneSectorBaseline Build(BilateralDataset data, BaselineOptions? options = null)
    {
        options ??= BaselineOptions.Default;
        var n = data.Countries.Count;
        var us = data.Countries.IndexOf("USA");
        if (us < 0)
        {
            throw new ArgumentException("The data set has no USA row; the cost-share calibration needs it.");
        }

        var raw = data.Trade.In(MoneyUnit.ThousandUsd).Values;
        var y0 = data.Gdp.In(MoneyUnit.ThousandUsd).Values.ToArray();
        var (nuR, nuU) = CalibrateCostShares(raw, y0, n, us, options);
        var nu = new double[n];
        for (var i = 0; i < n; i++)
        {
            nu[i] = i == us ? nuU : nuR;
        }

        // Provisional deficits and domestic sales, clipped at zero (spec §4 steps 3–4).
        var flows = raw.ToArray();
        var clipped = new List<string>();
        for (var j = 0; j < n; j++)
        {
            double imports = 0, exportsNet = 0;
            for (var k = 0; k < n; k++)
            {
                imports += raw[(k * n) + j];
                exportsNet += (1 - nu[k]) * raw[(j * n) + k];
            }

            var t0 = (1 - nu[j]) * (imports - exportsNet);
            var domestic = y0[j] + t0 - imports;
            if (domestic < 0)
            {
                clipped.Add(data.Countries[j].Iso3);
                domestic = 0;
            }

            flows[(j * n) + j] = domestic;
        }

        if (options.CostShares == CostShareMode.EatonKortum)
        {
            Array.Clear(nu);
        }

        // Everything downstream is recomputed from the completed matrix (spec §4 step 5).
        var e = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                e[j] += flows[(i * n) + j];
            }
        }

        var y = new double[n];
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sales = 0.0;
            for (var j = 0; j < n; j++)
            {
                sales += (1 - nu[j]) * flows[(i * n) + j];
            }

            y[i] = sales + (nu[i] * e[i]);
            t[i] = e[i] - y[i];
        }

        for (var j = 0; j < n; j++)
        {
            if (!(e[j] > 0))
            {
                throw new ArgumentException($"{data.Countries[j].Iso3} has no expenditure (no imports and no domestic sales); the model needs E > 0.");
            }
        }

        return new OneSectorBaseline(data, flows, e, y, t, nu, nuR, nuU, us, clipped.ToArray());
    }

    private static (double RestOfWorld, double UnitedStates) CalibrateCostShares(
        ReadOnlySpan<double> raw, double[] y0, int n, int us, BaselineOptions options)
    {
        // Two-region aggregates: R = every non-US country, U = the United States.
        double xRR = 0, xRU = 0, xUR = 0, xUU = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var v = raw[(i * n) + j];
                if (i == us && j == us)
                {
                    xUU += v;
                }
                else if (i == us)
                {
                    xUR += v;
                }
                else if (j == us)
                {
                    xRU += v;
                }
                else
                {
                    xRR += v;
                }
            }
        }

        var yU = y0[us];
        var yR = y0.Sum() - yU;
        var system = new CostShareCalibration(xRR, xRU, xUR, xUU, yR, yU, options.RestOfWorldTargetShare, options.UnitedStatesTargetShare);
        var solution = NewtonSolver.Solve(system, [0.10, 0.24]).Solution;
        return (Math.Max(0, solution[0]), Math.Max(0, solution[1]));
    }

    /// <summary>The 2×2 system whose root makes each region's sales-weighted average destination share hit its target.</summary>
    private sealed class CostShareCalibration(double xRR, double xRU, double xUR, double xUU, double yR, double yU, double targetR, double targetU)
        : INonlinearSystem
    {
        public int Dimension => 2;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> residual)
        {
            var (nuR, nuU) = (x[0], x[1]);
            var eR = yR + ((1 - nuR) * ((xRR + xUR) - (((1 - nuR) * xRR) + ((1 - nuU) * xRU))));
            var eU = yU + ((1 - nuU) * ((xRU + xUU) - (((1 - nuR) * xUR) + ((1 - nuU) * xUU))));
            var rR = (eR - xUR) / (eR - xUR + xRU);
            var rU = (eU - xRU) / (eU - xRU + xUR);
            // Scaled by the targets so both equations have unit-size residuals.
            residual[0] = ((rR * nuR) + ((1 - rR) * nuU) - targetR) / targetR;
            residual[1] = ((rU * nuU) + ((1 - rU) * nuR) - targetU) / targetU;
        }
    }
}
