using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The one-sector quantitative trade model of Ignatenko, Macedoni, Lashkaripour &amp; Simonovska (2025): tariffs with
/// revenue recycling, elastic employment and fixed deficits, solved in exact hat algebra from a zero-tariff baseline.
/// </summary>
public static class TariffModel
{
    /// <summary>
    /// Solver settings for this model: the paper's tolerances (residual 1e-12, step 1e-10) with each analytic Jacobian
    /// reused for up to three iterations, which halves the factorisations without loosening the stopping rule.
    /// </summary>
    public static SolverOptions DefaultSolverOptions { get; } = new() { MaxJacobianAge = 3 };

    /// <summary>Solves the counterfactual equilibrium for <paramref name="tariffs"/> (new levels; baseline tariffs are zero).</summary>
    public static TariffEquilibriumResult Solve(
        OneSectorBaseline baseline,
        BilateralTariffs tariffs,
        TariffModelParameters? parameters = null,
        SolverOptions? solverOptions = null)
    {
        parameters ??= TariffModelParameters.Default;
        parameters.Validate();
        if (!ReferenceEquals(tariffs.Countries, baseline.Countries) &&
            !tariffs.Countries.Select(c => c.Iso3).SequenceEqual(baseline.Countries.Select(c => c.Iso3)))
        {
            throw new ArgumentException("The tariff matrix and the baseline list different countries or orders.");
        }

        var clock = Stopwatch.StartNew();
        var n = baseline.Size;
        var system = new TariffEquilibriumSystem(baseline, tariffs, parameters);
        var start = new double[3 * n];
        Array.Fill(start, 1.0);
        var solution = NewtonSolver.Solve(system, start, solverOptions ?? DefaultSolverOptions);
        var residual = new double[3 * n];
        system.Evaluate(solution.Solution, residual);
        var residualNorm = residual.Max(Math.Abs);
        clock.Stop();
        return Summarise(baseline, tariffs, parameters, system, new SolveDiagnostics(solution, residualNorm, clock.Elapsed));
    }

    private static TariffEquilibriumResult Summarise(
        OneSectorBaseline baseline, BilateralTariffs tariffs, TariffModelParameters parameters,
        TariffEquilibriumSystem system, SolveDiagnostics diagnostics)
    {
        // system.State holds the solution: Evaluate was the last call.
        var s = system.State;
        var n = baseline.Size;
        var kappa = parameters.LaborSupplyElasticity;
        var x = baseline.Flows;
        var outcomes = new CountryOutcome[n];
        var changes = new CountryChanges[n];
        double tradeNew = 0, tradeOld = 0, employmentWeighted = 0, incomeSum = 0, incomeNewSum = 0;
        for (var i = 0; i < n; i++)
        {
            double exportsOld = 0, importsOld = 0, exportsNew = 0, importsNew = 0, deficitChange = 0;
            for (var k = 0; k < n; k++)
            {
                if (k == i)
                {
                    continue;
                }

                var outRatio = system.FlowRatio(i, k);
                var inRatio = system.FlowRatio(k, i);
                exportsOld += x[i, k];
                importsOld += x[k, i];
                exportsNew += x[i, k] * outRatio;
                importsNew += x[k, i] * inRatio;
                deficitChange += (x[k, i] * (inRatio - 1)) - (x[i, k] * (outRatio - 1));
                tradeOld += x[i, k];
                tradeNew += x[i, k] * outRatio * (1 + tariffs[i, k]);
            }

            var e = baseline.Expenditure[i];
            var y = baseline.Income[i];
            var tau = s.Tau[i];
            var delta = e / (e - (kappa / (1 + kappa) * (1 - tau) * y));
            var welfare = (delta * s.EHat[i] / s.P[i]) + ((1 - delta) * s.W[i] * s.L[i] / s.P[i]);
            var deficitOld = importsOld - exportsOld;
            var incomeChange = s.W[i] * s.L[i];
            outcomes[i] = new CountryOutcome(
                baseline.Countries[i],
                100 * (welfare - 1),
                100 * deficitChange / Math.Abs(deficitOld),
                100 * ((exportsNew / incomeChange / exportsOld) - 1),
                100 * ((importsNew / incomeChange / importsOld) - 1),
                100 * (s.L[i] - 1),
                100 * (s.P[i] - 1),
                s.Revenue[i] / e);
            changes[i] = new CountryChanges(baseline.Countries[i], s.W[i], s.EHat[i], s.L[i], s.P[i], welfare, tau, s.Revenue[i]);
            employmentWeighted += y * outcomes[i].EmploymentPct;
            incomeSum += y;
            incomeNewSum += s.IncomeNew[i];
        }

        var global = new GlobalOutcome(
            100 * ((tradeNew / tradeOld / (incomeNewSum / incomeSum)) - 1),
            employmentWeighted / incomeSum);
        return new TariffEquilibriumResult(baseline, tariffs, parameters, outcomes, changes, global, diagnostics);
    }
}
