using Tightrope.Data;

namespace Tightrope.Equilibrium.CaliendoParro;

/// <summary>Which trade surpluses both runs of an experiment hold fixed.</summary>
public enum DeficitCase
{
    /// <summary>Every region's surplus is zero (S′ = 0).</summary>
    Zero,

    /// <summary>Every region keeps its 1993 surplus (S′ = S).</summary>
    Data,
}

/// <summary>Per-region outcome of an experiment, all in percent of the reference run.</summary>
/// <param name="Country">The region.</param>
/// <param name="TermsOfTradePct">Terms-of-trade term of the welfare decomposition.</param>
/// <param name="VolumeOfTradePct">Volume-of-trade term.</param>
/// <param name="WelfarePct">Terms of trade + volume of trade (+ technology, zero here): the paper's welfare measure.</param>
/// <param name="RealWagePct">100 (ŵ/P̂ − 1).</param>
/// <param name="RealIncomePct">Exact real-income change 100 (Î/P̂ − 1), income including tariff revenue and the deficit.</param>
/// <param name="WageHat">ŵ, counterfactual over reference.</param>
/// <param name="PriceIndexHat">P̂ = Π_j (P̂^j)^{α^j}.</param>
/// <param name="RevenueShareReference">Tariff revenue over income in the reference run.</param>
/// <param name="RevenueShareCounterfactual">Tariff revenue over income in the counterfactual run.</param>
public sealed record CpCountryOutcome(
    Country Country,
    double TermsOfTradePct,
    double VolumeOfTradePct,
    double WelfarePct,
    double RealWagePct,
    double RealIncomePct,
    double WageHat,
    double PriceIndexHat,
    double RevenueShareReference,
    double RevenueShareCounterfactual);

/// <summary>Per region × sector: gross output, exports and imports (producer prices, USD) in the reference run and % changes.</summary>
public sealed record CpSectorOutcome(
    Country Country,
    Sector Sector,
    bool Tradable,
    double OutputReference,
    double OutputPct,
    double ExportsReference,
    double ExportsPct,
    double ImportsReference,
    double ImportsPct);

/// <summary>One bilateral sectoral flow, exporter → importer, producer prices (USD), in both runs.</summary>
public sealed record CpFlowOutcome(Sector Sector, Country Exporter, Country Importer, double Reference, double Counterfactual, double ChangePct);

/// <summary>An experiment: two solves from the same 1993 data (reference and counterfactual tariffs) and their comparison (spec §7–§8).</summary>
public sealed record CpComparison(
    CpBaseline Baseline,
    DeficitCase Deficits,
    CpEquilibrium Reference,
    CpEquilibrium Counterfactual,
    IReadOnlyList<CpCountryOutcome> Countries,
    IReadOnlyList<CpSectorOutcome> Sectors,
    IReadOnlyList<CpFlowOutcome> Flows)
{
    /// <summary>The outcome of one region by ISO3 code.</summary>
    public CpCountryOutcome For(string iso3) => Countries[Baseline.Countries.Require(iso3)];
}

/// <summary>Runs experiments: reference and counterfactual solves, then the welfare decomposition and trade changes.</summary>
public static class CpExperiment
{
    /// <summary>Added to reference flows before dividing, as in the authors' code, so zero flows do not divide by zero.</summary>
    public const double FlowGuard = 1e-8;

    /// <summary>
    /// Solves the reference run with <paramref name="reference"/> and the counterfactual with <paramref name="counterfactual"/>
    /// (rates [sector, exporter, importer] over the baseline's labels) under the same surpluses, and compares them.
    /// </summary>
    public static CpComparison Run(
        CpBaseline baseline,
        SectoralPairMatrix reference,
        SectoralPairMatrix counterfactual,
        DeficitCase deficits,
        CpSolverOptions? options = null)
    {
        var surplus = Surplus(baseline, deficits);
        return Compare(baseline, deficits, CpSolver.Solve(baseline, reference, surplus, options), CpSolver.Solve(baseline, counterfactual, surplus, options));
    }

    /// <summary>Kernel entry: as <see cref="Run(CpBaseline, SectoralPairMatrix, SectoralPairMatrix, DeficitCase, CpSolverOptions?)"/> with kernel-layout factors.</summary>
    internal static CpComparison Run(
        CpBaseline baseline,
        double[] referenceFactors,
        double[] counterfactualFactors,
        DeficitCase deficits,
        CpSolverOptions? options = null)
    {
        var surplus = Surplus(baseline, deficits);
        var reference = CpSolver.Solve(baseline, referenceFactors, surplus, options);
        var counterfactual = CpSolver.Solve(baseline, counterfactualFactors, surplus, options);
        return Compare(baseline, deficits, reference, counterfactual);
    }

    /// <summary>The surpluses both runs hold: zero, or the data's with their rounding residue removed.</summary>
    public static double[] Surplus(CpBaseline baseline, DeficitCase deficits)
    {
        var surplus = deficits == DeficitCase.Data ? baseline.Surplus.ToArray() : new double[baseline.N];
        if (deficits == DeficitCase.Data)
        {
            // The data surpluses sum to zero up to rounding in the files; remove that residue so the world adds up.
            var mean = surplus.Sum() / surplus.Length;
            for (var c = 0; c < surplus.Length; c++)
            {
                surplus[c] -= mean;
            }
        }

        return surplus;
    }

    /// <summary>The NAFTA experiment of the paper: 1993 tariffs against 2005 tariffs on the six CAN/MEX/USA pairs.</summary>
    public static CpComparison Nafta(CpBaseline baseline, DeficitCase deficits, CpSolverOptions? options = null) =>
        Run(baseline, baseline.Tariffs, NaftaTariffs(baseline), deficits, options);

    /// <summary>1993 tariffs with the 2005 rates on every tradable sector between CAN, MEX and USA.</summary>
    public static SectoralPairMatrix NaftaTariffs(CpBaseline baseline)
    {
        var latest = baseline.Data.Tariffs2005;
        var members = new[] { "CAN", "MEX", "USA" }.Select(baseline.Countries.Require).ToArray();
        return baseline.Tariffs.With(rates =>
        {
            for (var s = 0; s < baseline.J; s++)
            {
                if (!baseline.Tradable[s])
                {
                    continue;
                }

                foreach (var importer in members)
                {
                    foreach (var exporter in members.Where(e => e != importer))
                    {
                        rates[latest.At(s, exporter, importer)] = latest[s, exporter, importer];
                    }
                }
            }
        });
    }

    /// <summary>Kernel-layout factors of <see cref="NaftaTariffs"/>.</summary>
    internal static double[] NaftaFactors(CpBaseline baseline) => baseline.FactorsOf(NaftaTariffs(baseline));

    /// <summary>Compares two solved runs from the same baseline (counterfactual over reference).</summary>
    public static CpComparison Compare(CpBaseline baseline, DeficitCase deficits, CpEquilibrium reference, CpEquilibrium counterfactual)
    {
        int n = baseline.N, j = baseline.J;
        var costHat = new double[n * j];
        for (var k = 0; k < costHat.Length; k++)
        {
            costHat[k] = counterfactual.CostHat[k] / reference.CostHat[k];
        }

        double FlowR(int s, int importer, int exporter) => reference.Flow(s, importer, exporter, n, j);
        double FlowC(int s, int importer, int exporter) => counterfactual.Flow(s, importer, exporter, n, j);

        var countries = new List<CpCountryOutcome>(n);
        for (var c = 0; c < n; c++)
        {
            var income = reference.Income[c];
            double tot = 0, vot = 0;
            for (var s = 0; s < j; s++)
            {
                for (var i = 0; i < n; i++)
                {
                    var exports = FlowR(s, i, c);
                    var imports = FlowR(s, c, i);
                    tot += (exports * (costHat[(c * j) + s] - 1)) - (imports * (costHat[(i * j) + s] - 1));
                    var rate = reference.TariffFactor[(((s * n) + c) * n) + i] - 1;
                    if (rate != 0)
                    {
                        vot += rate * imports * ((FlowC(s, c, i) / (imports + FlowGuard)) - costHat[(i * j) + s]);
                    }
                }
            }

            var logPrice = 0.0;
            for (var s = 0; s < j; s++)
            {
                logPrice += baseline.FinalShare[(c * j) + s] * Math.Log(counterfactual.PriceHat[(c * j) + s] / reference.PriceHat[(c * j) + s]);
            }

            var priceHat = Math.Exp(logPrice);
            var wageHat = counterfactual.WageHat[c] / reference.WageHat[c];
            var totPct = 100 * tot / income;
            var votPct = 100 * vot / income;
            countries.Add(new CpCountryOutcome(
                baseline.Countries[c],
                totPct,
                votPct,
                totPct + votPct,
                100 * ((wageHat / priceHat) - 1),
                100 * ((counterfactual.Income[c] / income / priceHat) - 1),
                wageHat,
                priceHat,
                reference.TariffRevenue[c] / income,
                counterfactual.TariffRevenue[c] / counterfactual.Income[c]));
        }

        var sectors = new List<CpSectorOutcome>(n * j);
        for (var c = 0; c < n; c++)
        {
            for (var s = 0; s < j; s++)
            {
                double exR = 0, exC = 0, imR = 0, imC = 0;
                for (var i = 0; i < n; i++)
                {
                    if (i == c)
                    {
                        continue;
                    }

                    exR += FlowR(s, i, c);
                    exC += FlowC(s, i, c);
                    imR += FlowR(s, c, i);
                    imC += FlowC(s, c, i);
                }

                var yR = reference.GrossOutput[(c * j) + s];
                var yC = counterfactual.GrossOutput[(c * j) + s];
                sectors.Add(new CpSectorOutcome(baseline.Countries[c], baseline.Sectors[s], baseline.Tradable[s],
                    yR, Pct(yC, yR), exR, Pct(exC, exR), imR, Pct(imC, imR)));
            }
        }

        var flows = new List<CpFlowOutcome>();
        for (var s = 0; s < j; s++)
        {
            if (!baseline.Tradable[s])
            {
                continue;
            }

            for (var exporter = 0; exporter < n; exporter++)
            {
                for (var importer = 0; importer < n; importer++)
                {
                    if (exporter == importer)
                    {
                        continue;
                    }

                    var r = FlowR(s, importer, exporter);
                    var k = FlowC(s, importer, exporter);
                    flows.Add(new CpFlowOutcome(baseline.Sectors[s], baseline.Countries[exporter], baseline.Countries[importer], r, k, Pct(k, r)));
                }
            }
        }

        return new CpComparison(baseline, deficits, reference, counterfactual, countries, sectors, flows);
    }

    private static double Pct(double now, double before) => before > 0 ? 100 * ((now / before) - 1) : double.NaN;
}
