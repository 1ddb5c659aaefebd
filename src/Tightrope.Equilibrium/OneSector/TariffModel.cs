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
    /// <param name="baseline">The observed economy.</param>
    /// <param name="tariffs">New tariff levels, exporter → importer.</param>
    /// <param name="parameters">Elasticities and recycling mode (the paper's defaults when null).</param>
    /// <param name="solverOptions">Solver settings (<see cref="DefaultSolverOptions"/> when null).</param>
    /// <param name="transfers">
    /// Counterfactual transfers T' replacing the baseline deficits in the budget constraint (thousand USD), or null to keep
    /// them. A change of transfers is reached by continuation: <paramref name="continuationSteps"/> solves along
    /// T + λ(T' − T), each warm-started from the previous one.
    /// </param>
    /// <param name="continuationSteps">Number of continuation steps when <paramref name="transfers"/> is given.</param>
    /// <param name="warmStart">
    /// A previous solution of the same baseline to start from (a nearby schedule converges in fewer iterations); the
    /// convergence test is unchanged, so the result does not depend on the start.
    /// </param>
    public static TariffEquilibriumResult Solve(
        OneSectorBaseline baseline,
        PairMatrix tariffs,
        TariffModelParameters? parameters = null,
        SolverOptions? solverOptions = null,
        IReadOnlyList<double>? transfers = null,
        int continuationSteps = 10,
        TariffEquilibriumResult? warmStart = null)
    {
        parameters ??= TariffModelParameters.Default;
        parameters.Validate();
        solverOptions ??= DefaultSolverOptions;
        if (!ReferenceEquals(tariffs.Countries, baseline.Countries) &&
            !tariffs.Countries.Select(c => c.Iso3).SequenceEqual(baseline.Countries.Select(c => c.Iso3)))
        {
            throw new ArgumentException("The tariff matrix and the baseline list different countries or orders.");
        }

        var n = baseline.Size;
        if (transfers is not null && transfers.Count != n)
        {
            throw new ArgumentException($"Expected {n} transfers, one per country, got {transfers.Count}.");
        }

        var solver = new TariffSolver(baseline);
        if (transfers is null)
        {
            return solver.Solve(tariffs, parameters, warmStart, solverOptions);
        }

        // Continuation in the transfers: T + λ(T' − T), each step warm-started from the previous one.
        var steps = Math.Max(1, continuationSteps);
        TariffEquilibriumResult? previous = null;
        for (var step = 1; step <= steps; step++)
        {
            var lambda = (double)step / steps;
            var t = baseline.Deficit.Select((d, i) => d + (lambda * (transfers[i] - d))).ToArray();
            try
            {
                previous = solver.Solve(tariffs, parameters, previous, solverOptions, t);
            }
            catch (SolverDidNotConvergeException e) when (steps > 1)
            {
                throw new SolverDidNotConvergeException($"continuation step {step} of {steps} failed ({e.Message})", e.Iterations, e.ResidualNorm);
            }
        }

        return previous!;
    }

    /// <summary>
    /// Solves with the full 3N system and the shared damped Newton method (analytic Jacobian reused up to three times,
    /// managed LU): the method <see cref="Solve"/> used before spending was substituted out. Kept as the baseline of
    /// the benchmark and as the fallback when the reduced method cannot make progress; same results to solver precision.
    /// </summary>
    public static TariffEquilibriumResult SolveFullSystem(
        OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters? parameters = null, SolverOptions? solverOptions = null,
        TariffEquilibriumResult? warmStart = null)
    {
        parameters ??= TariffModelParameters.Default;
        parameters.Validate();
        return new TariffSolver(baseline).Solve(tariffs, parameters, warmStart, solverOptions ?? DefaultSolverOptions, method: TariffSolverMethod.FullSystem);
    }

    /// <summary>
    /// Transfers under which every country's trade with the United States is balanced (Ignatenko et al. 2025, Appendix B):
    /// T_i − (X_US,i − X_i,US) for every other country and 0 for the United States.
    /// </summary>
    public static double[] TransfersBalancedWithUnitedStates(OneSectorBaseline baseline)
    {
        var us = baseline.UnitedStates;
        var x = baseline.Flows;
        return baseline.Deficit.Select((t, i) => i == us ? 0.0 : t - (x[us, i] - x[i, us])).ToArray();
    }

    /// <summary>
    /// The effect of <paramref name="tariffs"/> in a world with transfers <paramref name="transfers"/>: solves with zero
    /// tariffs and with the tariffs, both under those transfers, and returns the second result whose outcomes and world
    /// indicators are the column-by-column differences (percentage points) of the two.
    /// </summary>
    public static TariffEquilibriumResult SolveRelativeToTransfers(
        OneSectorBaseline baseline, PairMatrix tariffs, IReadOnlyList<double> transfers, TariffModelParameters? parameters = null, SolverOptions? solverOptions = null)
    {
        var reference = Solve(baseline, PairMatrix.Zero(baseline.Countries), parameters, solverOptions, transfers);
        var scenario = Solve(baseline, tariffs, parameters, solverOptions, transfers);
        var outcomes = scenario.Outcomes.Zip(reference.Outcomes, (b, a) => b with
        {
            WelfarePct = b.WelfarePct - a.WelfarePct,
            DeficitPct = b.DeficitPct - a.DeficitPct,
            ExportsToGdpPct = b.ExportsToGdpPct - a.ExportsToGdpPct,
            ImportsToGdpPct = b.ImportsToGdpPct - a.ImportsToGdpPct,
            EmploymentPct = b.EmploymentPct - a.EmploymentPct,
            PricesPct = b.PricesPct - a.PricesPct,
            RevenueShare = b.RevenueShare - a.RevenueShare,
        }).ToList();
        var global = new GlobalOutcome(
            scenario.Global.TradeToGdpPct - reference.Global.TradeToGdpPct,
            scenario.Global.EmploymentPct - reference.Global.EmploymentPct);
        return scenario with { Outcomes = outcomes, Global = global };
    }

    /// <summary>Share of value added in gross output in the input–output variant (Ignatenko et al. 2025, Appendix A).</summary>
    public const double DefaultValueAddedShare = 0.49;

    /// <summary>
    /// Solves the input–output ("roundabout") variant (Appendix A, Table 4): domestic sales are grossed up by 1/β,
    /// costs combine wages and the price index, and wages are the numeraire. Uses finite-difference Jacobians.
    /// </summary>
    public static TariffEquilibriumResult SolveInputOutput(
        OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters? parameters = null,
        double valueAddedShare = DefaultValueAddedShare, SolverOptions? solverOptions = null)
    {
        parameters ??= TariffModelParameters.Default;
        parameters.Validate();
        if (!(valueAddedShare > 0 && valueAddedShare <= 1))
        {
            throw new ArgumentException($"The value-added share must be in (0, 1], got {valueAddedShare}.");
        }

        var clock = Stopwatch.StartNew();
        var n = baseline.Size;
        var system = new InputOutputTariffSystem(baseline, tariffs, parameters, valueAddedShare);
        var start = new double[4 * n];
        Array.Fill(start, 1.0);
        var solution = NewtonSolver.Solve(system, start, solverOptions ?? DefaultSolverOptions);
        var residual = new double[4 * n];
        system.Evaluate(solution.Solution, residual);
        var diagnostics = new SolveDiagnostics(solution, residual.Max(Math.Abs), clock.Elapsed);
        var s = system.State;
        var kappa = parameters.LaborSupplyElasticity;
        var x = system.Flows;
        var ratios = new double[n * n];
        for (var k = 0; k < ratios.Length; k++)
        {
            ratios[k] = x[k] > 0 ? s.FlowsNew[k] / x[k] : 1;
        }

        return Assemble(
            baseline, tariffs, parameters, diagnostics, x, ratios,
            i =>
            {
                // Welfare uses consumption E^c = Y + T: gross expenditure also buys intermediates here.
                var y = system.Income[i];
                var t = system.Transfers[i];
                var consumption = y + t;
                var delta = consumption / (consumption - (kappa / (1 + kappa) * (1 - s.Tau[i]) * y));
                var consumptionHat = (s.Revenue[i] + s.IncomeNew[i] + (t * s.IncomeRatio)) / consumption;
                var welfare = (delta * consumptionHat / s.P[i]) + ((1 - delta) * s.W[i] * s.L[i] / s.P[i]);
                return new CountrySolution(s.W[i], s.EHat[i], s.L[i], s.P[i], welfare, s.Tau[i], s.Revenue[i], system.Expenditure[i], y);
            });
    }

    internal static TariffEquilibriumResult Summarise(
        OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters parameters,
        TariffEquilibriumSystem system, SolveDiagnostics diagnostics)
    {
        // system.State holds the solution: the last evaluation was at it.
        var s = system.State;
        var kappa = parameters.LaborSupplyElasticity;
        var ratios = system.FlowRatios();
        return Assemble(baseline, tariffs, parameters, diagnostics, baseline.Flows.Values, ratios, i =>
        {
            var e = baseline.Expenditure[i];
            var y = baseline.Income[i];
            var delta = e / (e - (kappa / (1 + kappa) * (1 - s.Tau[i]) * y));
            var welfare = (delta * s.EHat[i] / s.P[i]) + ((1 - delta) * s.W[i] * s.L[i] / s.P[i]);
            return new CountrySolution(s.W[i], s.EHat[i], s.L[i], s.P[i], welfare, s.Tau[i], s.Revenue[i], e, y);
        });
    }

    /// <summary>What the outcome table needs from one country's solution, whichever model variant produced it.</summary>
    private readonly record struct CountrySolution(
        double Wage, double Expenditure, double Employment, double Price, double Welfare, double TaxRate, double Revenue,
        double BaselineExpenditure, double BaselineIncome);

    /// <summary>
    /// The seven outcomes and world indicators from baseline flows and the ratio X'/X of every flow (both exporter × importer, row-major), and each country's
    /// solution. Trade changes are sums of X·(ratio − 1), so small differences such as deficits keep their precision.
    /// </summary>
    private static TariffEquilibriumResult Assemble(
        OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters parameters, SolveDiagnostics diagnostics,
        ReadOnlySpan<double> baselineFlows, double[] flowRatios, Func<int, CountrySolution> country)
    {
        var n = baseline.Size;
        var outcomes = new CountryOutcome[n];
        var changes = new CountryChanges[n];
        double tradeNew = 0, tradeOld = 0, employmentWeighted = 0, incomeSum = 0, incomeNewSum = 0;

        // One row-major pass over the pairs: each flow adds to its exporter's exports and its importer's imports.
        var exportsOld = new double[n];
        var importsOld = new double[n];
        var exportsNew = new double[n];
        var importsNew = new double[n];
        var deficitChange = new double[n];
        var rates = tariffs.Values;
        for (var i = 0; i < n; i++)
        {
            double exOld = 0, exNew = 0, exChange = 0;
            for (var k = 0; k < n; k++)
            {
                if (k == i)
                {
                    continue;
                }

                var p = (i * n) + k;
                var flow = baselineFlows[p];
                var ratio = flowRatios[p];
                var flowNew = flow * ratio;
                var change = flow * (ratio - 1);
                exOld += flow;
                exNew += flowNew;
                exChange += change;
                importsOld[k] += flow;
                importsNew[k] += flowNew;
                deficitChange[k] += change;
                tradeNew += flowNew * (1 + rates[p]);
            }

            exportsOld[i] = exOld;
            exportsNew[i] = exNew;
            deficitChange[i] -= exChange;
            tradeOld += exOld;
        }

        for (var i = 0; i < n; i++)
        {
            var c = country(i);
            var incomeChange = c.Wage * c.Employment;
            outcomes[i] = new CountryOutcome(
                baseline.Countries[i],
                100 * (c.Welfare - 1),
                100 * deficitChange[i] / Math.Abs(importsOld[i] - exportsOld[i]),
                100 * ((exportsNew[i] / incomeChange / exportsOld[i]) - 1),
                100 * ((importsNew[i] / incomeChange / importsOld[i]) - 1),
                100 * (c.Employment - 1),
                100 * (c.Price - 1),
                c.Revenue / c.BaselineExpenditure);
            changes[i] = new CountryChanges(baseline.Countries[i], c.Wage, c.Expenditure, c.Employment, c.Price, c.Welfare, c.TaxRate, c.Revenue);
            employmentWeighted += c.BaselineIncome * outcomes[i].EmploymentPct;
            incomeSum += c.BaselineIncome;
            incomeNewSum += c.BaselineIncome * incomeChange;
        }

        var global = new GlobalOutcome(
            100 * ((tradeNew / tradeOld / (incomeNewSum / incomeSum)) - 1),
            employmentWeighted / incomeSum);
        return new TariffEquilibriumResult(baseline, tariffs, parameters, outcomes, changes, global, diagnostics);
    }
}
