using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.StructuralGravity;

/// <summary>
/// Fits a Poisson model with exporter and importer effects and offset ln t to pseudo-flows Z, returning the fitted
/// flows and the effects in levels (importer effect of the reference country = 1). The iterative PPML procedure calls
/// it once per step; <see cref="GravityGeModel.ResistanceSystemFit"/> solves it as the equivalent resistance system.
/// </summary>
public delegate (double[] ExporterEffects, double[] ImporterEffects, double[] Fitted) ConstrainedPoissonFit(double[] pseudoFlows, PairMatrix offset, int reference);

/// <summary>
/// Structural gravity general equilibrium (Yotov, Piermartini, Monteiro &amp; Larch 2016, ch. 2): baseline and
/// conditional multilateral resistances, and the full-endowment equilibrium by the direct fixed point (B) or the
/// book's iterative PPML procedure (A).
/// </summary>
public static class GravityGeModel
{
    /// <summary>Largest relative change of p̂ at which the direct fixed point stops.</summary>
    public const double DirectTolerance = 1e-13;

    /// <summary>Solves the counterfactual with trade costs <paramref name="counterfactual"/>.</summary>
    public static GravityGeResult Solve(
        GravityEconomy economy, PairMatrix counterfactual, FullEndowmentMethod method = FullEndowmentMethod.Direct,
        ConstrainedPoissonFit? fit = null, int maxIterations = 1000, IndicatorConvention convention = IndicatorConvention.EffectOfBaseline)
    {
        economy.Validate();
        var r = economy.Countries.Require(economy.Reference);
        var (y, e) = OutputAndExpenditure(economy);
        var baseline = MultilateralResistances.Solve(economy.BaselineCosts, y, e, r);
        var conditional = MultilateralResistances.Solve(counterfactual, y, e, r, warmImr: baseline.Imr);
        var phi = e.Select((v, j) => v / y[j]).ToArray();
        var full = method == FullEndowmentMethod.Direct
            ? Direct(counterfactual, baseline, y, phi, r, economy.Sigma, maxIterations)
            : IterativePpml(counterfactual, baseline, conditional, y, phi, r, economy.Sigma, fit ?? ResistanceSystemFit, maxIterations);
        var indicators = Indicators(economy, baseline, conditional, full, convention);
        var flows = new Data.PairMatrix(economy.Countries, full.Flows, economy.Flows.Unit);
        return new GravityGeResult(economy, counterfactual, method, indicators, full.Price, full.Output, flows, full.Iterations, full.Checks, convention);
    }

    /// <summary>Observed output Y_i = Σ_j X_ij and expenditure E_j = Σ_i X_ij, both including domestic sales.</summary>
    public static (double[] Output, double[] Expenditure) OutputAndExpenditure(GravityEconomy economy)
    {
        var n = economy.Countries.Count;
        var y = new double[n];
        var e = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                y[i] += economy.Flows[i, j];
                e[j] += economy.Flows[i, j];
            }
        }

        return (y, e);
    }

    /// <summary>The constrained Poisson fit solved as the multilateral-resistance system on the row and column sums of Z.</summary>
    public static (double[] ExporterEffects, double[] ImporterEffects, double[] Fitted) ResistanceSystemFit(double[] pseudoFlows, PairMatrix offset, int reference)
    {
        var n = offset.Countries.Count;
        var rows = new double[n];
        var columns = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rows[i] += pseudoFlows[(i * n) + j];
                columns[j] += pseudoFlows[(i * n) + j];
            }
        }

        var mr = MultilateralResistances.Solve(offset, rows, columns, reference);
        var a = Enumerable.Range(0, n).Select(i => mr.ExporterEffect(i, reference)).ToArray();
        var b = Enumerable.Range(0, n).Select(j => mr.ImporterEffect(j, reference)).ToArray();
        return (a, b, mr.FittedFlows);
    }

    private sealed record FullState(double[] Price, double[] Output, double[] Omr, double[] Imr, double[] Flows, int Iterations, IReadOnlyList<ConvergenceCheck> Checks);

    private static FullState Direct(PairMatrix costs, MultilateralResistances baseline, double[] y, double[] phi, int r, double sigma, int maxIterations)
    {
        var n = y.Length;
        var price = Enumerable.Repeat(1.0, n).ToArray();
        var warm = baseline.Imr;
        var lastChange = 1.0;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var (yNew, eNew) = FullIncomes(price, y, phi);
            // Inexact inner solves: far from the fixed point the resistances need not be exact; the tolerance tightens
            // with the outer change and reaches 1e-14 before the outer test can pass, and the final solve is exact.
            var inner = Math.Clamp(lastChange * 1e-4, 1e-14, 1e-6);
            var mr = MultilateralResistances.Solve(costs, yNew, eNew, r, inner, warm);
            warm = mr.Imr;
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                // p̂^(1−σ) = Ŷ/Ω̂ with Ŷ = p̂ gives p̂ = Ω̂^(1/σ).
                var updated = Math.Pow(mr.Omr[i] / baseline.Omr[i], 1 / sigma);
                change = Math.Max(change, Math.Abs((updated / price[i]) - 1));
                price[i] = updated;
            }

            if (change < DirectTolerance && inner <= 1e-14)
            {
                var (yFull, eFull) = FullIncomes(price, y, phi);
                var final = MultilateralResistances.Solve(costs, yFull, eFull, r, warmImr: warm);
                return new FullState(price, yFull, final.Omr, final.Imr, final.FittedFlows, iteration, []);
            }

            lastChange = change;
        }

        throw new SolverDidNotConvergeException("the full-endowment fixed point did not settle", maxIterations, double.NaN);
    }

    /// <summary>Y' = p̂Y and E' = φY' rescaled so that world expenditure equals world output.</summary>
    private static (double[] Output, double[] Expenditure) FullIncomes(double[] price, double[] y, double[] phi)
    {
        var n = y.Length;
        var yNew = new double[n];
        var eNew = new double[n];
        double sumY = 0, sumE = 0;
        for (var i = 0; i < n; i++)
        {
            yNew[i] = price[i] * y[i];
            eNew[i] = phi[i] * yNew[i];
            sumY += yNew[i];
            sumE += eNew[i];
        }

        for (var i = 0; i < n; i++)
        {
            eNew[i] *= sumY / sumE;
        }

        return (yNew, eNew);
    }

    private static FullState IterativePpml(
        PairMatrix costs, MultilateralResistances baseline, MultilateralResistances conditional, double[] y, double[] phi, int r, double sigma,
        ConstrainedPoissonFit fit, int maxIterations)
    {
        var n = y.Length;
        var exponent = 1 / (1 - sigma);
        var a0 = Enumerable.Range(0, n).Select(i => baseline.ExporterEffect(i, r)).ToArray();
        var eR0 = baseline.Expenditure[r];

        // State k−1 (starts at CDL, k = 1) and the price changes of the two previous states.
        var aPrev = Enumerable.Range(0, n).Select(i => conditional.ExporterEffect(i, r)).ToArray();
        var bPrev = Enumerable.Range(0, n).Select(j => conditional.ImporterEffect(j, r)).ToArray();
        var muPrev = conditional.FittedFlows;
        var yPrev = (double[])conditional.Output.Clone();
        var ePrev = (double[])conditional.Expenditure.Clone();
        var eRPrev = ePrev[r];
        var pricePrevPrev = new double[n];
        var pricePrev = Enumerable.Range(0, n).Select(i => Math.Pow(aPrev[i] / a0[i] / (eRPrev / eR0), exponent)).ToArray();
        var omrHat = Enumerable.Repeat(1.0, n).ToArray();
        var imrHat = Enumerable.Repeat(1.0, n).ToArray();
        var checks = new List<ConvergenceCheck>();
        for (var k = 2; k < maxIterations + 2; k++)
        {
            var z = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    z[(i * n) + j] = muPrev[(i * n) + j] * pricePrev[i] * pricePrev[j] / (omrHat[i] * imrHat[j]);
                }
            }

            var (a, b, mu) = fit(z, costs, r);
            var yK = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    yK[i] += mu[(i * n) + j];
                }
            }

            var eK = yK.Select((v, j) => phi[j] * v).ToArray();
            var eRK = eK[r];
            var price = Enumerable.Range(0, n).Select(i => Math.Pow(a[i] / aPrev[i] / (eRK / eRPrev), exponent)).ToArray();
            for (var i = 0; i < n; i++)
            {
                omrHat[i] = yK[i] * eRK / a[i] / (yPrev[i] * eRPrev / aPrev[i]);
                imrHat[i] = eK[i] / (b[i] * eRK) / (ePrev[i] / (bPrev[i] * eRPrev));
            }

            // The published stopping test is lagged one step and taken over all n² observations (each country n times).
            var delta = pricePrev.Select((p, i) => p - pricePrevPrev[i]).ToArray();
            var check = Statistics(k, delta);
            checks.Add(check);
            (aPrev, bPrev, muPrev, yPrev, ePrev, eRPrev) = (a, b, mu, yK, eK, eRK);
            (pricePrevPrev, pricePrev) = (pricePrev, price);
            if (check.StandardDeviation <= 0.01 && Math.Abs(check.Max) <= 0.01)
            {
                var priceFull = Enumerable.Range(0, n).Select(i => Math.Pow(aPrev[i] / a0[i] / (eRPrev / eR0), exponent)).ToArray();
                var yFull = priceFull.Select((p, i) => p * y[i]).ToArray();
                var eFull = yFull.Select((v, j) => phi[j] * v).ToArray();
                var omr = yFull.Select((v, i) => v * eRPrev / aPrev[i]).ToArray();
                var imr = ePrev.Select((v, j) => v / (bPrev[j] * eRPrev)).ToArray();
                var flows = new double[n * n];
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        flows[(i * n) + j] = yFull[i] * eFull[j] * costs[i, j] / (imr[j] * omr[i]);
                    }
                }

                return new FullState(priceFull, yFull, omr, imr, flows, k - 1, checks);
            }
        }

        throw new SolverDidNotConvergeException("the iterative PPML procedure did not meet its stopping rule", maxIterations, double.NaN);
    }

    /// <summary>Mean, standard deviation (n−1 divisor over n² observations), min and max of a per-country vector counted n times.</summary>
    private static ConvergenceCheck Statistics(int fit, double[] delta)
    {
        var n = delta.Length;
        var count = (double)n * n;
        var mean = delta.Average();
        var squares = delta.Sum(d => (d - mean) * (d - mean)) * n;
        return new ConvergenceCheck(fit, mean, Math.Sqrt(squares / (count - 1)), delta.Min(), delta.Max());
    }

    private static GravityIndicators[] Indicators(
        GravityEconomy economy, MultilateralResistances baseline, MultilateralResistances conditional, FullState full, IndicatorConvention convention)
    {
        var n = economy.Countries.Count;
        var e = 1 / (1 - economy.Sigma);
        var xiBln = baseline.Exports();
        var xiCdl = conditional.Exports();
        var xiFull = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    xiFull[i] += full.Flows[(i * n) + j];
                }
            }
        }

        // Effect of the baseline: (BLN − CFL)/CFL (Application 2); effect of the counterfactual: (CFL − BLN)/BLN (Application 1).
        var ofBaseline = convention == IndicatorConvention.EffectOfBaseline;
        double Pct(double withIt, double without) => ofBaseline ? 100 * (withIt - without) / without : 100 * (without - withIt) / withIt;
        double PowPct(double withIt, double without) => Pct(Math.Pow(withIt, e), Math.Pow(without, e));
        var result = new GravityIndicators[n];
        for (var i = 0; i < n; i++)
        {
            var rgdpBln = baseline.Output[i] / Math.Pow(baseline.Imr[i], e);
            var rgdpFull = full.Output[i] / Math.Pow(full.Imr[i], e);
            result[i] = new GravityIndicators(
                economy.Countries[i],
                Pct(xiBln[i], xiCdl[i]),
                Pct(xiBln[i], xiFull[i]),
                Pct(rgdpBln, rgdpFull),
                PowPct(baseline.Imr[i], conditional.Imr[i]),
                PowPct(baseline.Imr[i], full.Imr[i]),
                PowPct(baseline.Omr[i], conditional.Omr[i]),
                PowPct(baseline.Omr[i], full.Omr[i]),
                ofBaseline ? 100 * (1 - full.Price[i]) : 100 * (full.Price[i] - 1));
        }

        return result;
    }
}
