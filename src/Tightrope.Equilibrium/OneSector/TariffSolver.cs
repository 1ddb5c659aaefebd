using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>How <see cref="TariffSolver"/> solves the equilibrium.</summary>
public enum TariffSolverMethod
{
    /// <summary>Quasi-Newton (one factorised Jacobian with Broyden updates) on the reduced 2N system (spending substituted out), falling back to the full system.</summary>
    Reduced,

    /// <summary>Damped Newton on the full 3N system (the method before the reduction; the benchmark's baseline).</summary>
    FullSystem,
}

/// <summary>
/// Solves many tariff scenarios on one baseline, reusing the baseline's constants and every buffer (a sweep's
/// solves allocate only their results). Not thread-safe: use one instance per thread.
/// </summary>
public sealed class TariffSolver
{
    private readonly OneSectorBaseline _baseline;
    private TariffEquilibriumSystem? _system;
    private ReducedTariffSolver? _reduced;

    /// <summary>Creates a solver for scenarios on <paramref name="baseline"/>.</summary>
    public TariffSolver(OneSectorBaseline baseline)
    {
        _baseline = baseline;
    }

    /// <summary>
    /// Let a solve start with the factorised Jacobian the previous one ended with (refreshed as soon as it stops
    /// contracting): for sweeps of neighbouring scenarios. The result then depends on the order of solves to rounding
    /// level, within the convergence tolerances.
    /// </summary>
    public bool ReuseFactorisation { get; init; }

    /// <summary>
    /// Forgets the factorised Jacobian kept by <see cref="ReuseFactorisation"/>: the next solve computes its own, so its
    /// result does not depend on what was solved before.
    /// </summary>
    public void DiscardFactorisation() => _reduced?.DiscardFactorisation();

    /// <summary>The baseline every solve starts from.</summary>
    public OneSectorBaseline Baseline => _baseline;

    /// <summary>
    /// Solves the counterfactual for <paramref name="tariffs"/>; see <see cref="TariffModel.Solve"/>. A
    /// <paramref name="warmStart"/> from the same baseline is used as the starting point (the convergence test is
    /// unchanged). <paramref name="transfers"/> replaces the baseline deficits directly (no continuation).
    /// </summary>
    public TariffEquilibriumResult Solve(
        PairMatrix tariffs, TariffModelParameters? parameters = null, TariffEquilibriumResult? warmStart = null, SolverOptions? solverOptions = null,
        double[]? transfers = null, TariffSolverMethod method = TariffSolverMethod.Reduced)
    {
        parameters ??= TariffModelParameters.Default;
        parameters.Validate();
        solverOptions ??= TariffModel.DefaultSolverOptions;
        var baseline = _baseline;
        if (!ReferenceEquals(tariffs.Countries, baseline.Countries) &&
            !tariffs.Countries.Select(c => c.Iso3).SequenceEqual(baseline.Countries.Select(c => c.Iso3)))
        {
            throw new ArgumentException("The tariff matrix and the baseline list different countries or orders.");
        }

        var n = baseline.Size;
        var clock = Stopwatch.StartNew();
        if (_system is null)
        {
            _system = new TariffEquilibriumSystem(baseline, tariffs, parameters, transfers);
        }
        else
        {
            _system.Reset(tariffs, parameters, transfers);
        }

        var setUp = clock.Elapsed;
        var x = new double[3 * n];
        if (warmStart is not null && ReferenceEquals(warmStart.Baseline, baseline) && warmStart.Diagnostics.Solver.Solution.Length == x.Length)
        {
            warmStart.Diagnostics.Solver.Solution.CopyTo(x, 0);
        }
        else
        {
            Array.Fill(x, 1.0);
        }

        SolverResult? solution = null;
        var usedMethod = "full 3N Newton";
        (long Residuals, long Jacobians, long Factorisations, int ResidualCount, int FactorisationCount) ticks = default;
        if (method == TariffSolverMethod.Reduced && !solverOptions.ForceFiniteDifferences)
        {
            _reduced ??= new ReducedTariffSolver(n) { ReuseFactorisation = ReuseFactorisation };
            solution = _reduced.Solve(_system, x, solverOptions);
            ticks = _reduced.Ticks;
            usedMethod = solution is null ? "full 3N Newton (the reduced method made no progress)" : "reduced 2N quasi-Newton (Broyden)";
        }

        // The reduced solver's last evaluation was at its solution and its residual is the full system's there (every
        // one of the 3N equations, the budgets with the substituted Ê); the full system is re-evaluated at its own.
        // The full system's split is not instrumented: its time is in Total.
        double residualNorm;
        if (solution is not null)
        {
            residualNorm = solution.ResidualNorm;
        }
        else
        {
            solution = NewtonSolver.Solve(_system, x, solverOptions);
            var residual = new double[3 * n];
            _system.Evaluate(solution.Solution, residual);
            residualNorm = residual.Max(Math.Abs);
        }
        var result = TariffModel.Summarise(baseline, tariffs, parameters, _system, new SolveDiagnostics(solution, residualNorm, clock.Elapsed));
        clock.Stop();
        var timings = new SolveTimings(
            setUp,
            Stopwatch.GetElapsedTime(0, ticks.Residuals),
            Stopwatch.GetElapsedTime(0, ticks.Jacobians),
            Stopwatch.GetElapsedTime(0, ticks.Factorisations),
            clock.Elapsed,
            ticks.ResidualCount,
            ticks.FactorisationCount);
        return result with { Diagnostics = result.Diagnostics with { Timings = timings, Method = usedMethod, Elapsed = clock.Elapsed } };
    }
}
