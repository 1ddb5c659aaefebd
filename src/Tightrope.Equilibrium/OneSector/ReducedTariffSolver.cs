using System.Diagnostics;
using System.Numerics.Tensors;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>Where a solve spent its time, and how often each step ran.</summary>
/// <param name="SetUp">Building the per-scenario constants (tariff factors).</param>
/// <param name="Residuals">Residual evaluations (including line-search trials).</param>
/// <param name="Jacobians">Analytic Jacobian builds.</param>
/// <param name="Factorisations">LU factorisations and the triangular solves with them.</param>
/// <param name="Total">The whole solve, outcome tables included.</param>
/// <param name="ResidualCount">Residual evaluations.</param>
/// <param name="FactorisationCount">LU factorisations.</param>
public sealed record SolveTimings(
    TimeSpan SetUp, TimeSpan Residuals, TimeSpan Jacobians, TimeSpan Factorisations, TimeSpan Total, int ResidualCount, int FactorisationCount);

/// <summary>
/// Quasi-Newton on the reduced 2N system (spending substituted out): one factorised Jacobian, improved after every
/// step by Broyden's rank-one update (applied to its inverse, so the factor is never recomputed), is reused while
/// each full step cuts the residual at least fourfold, and refreshed when it stops doing so; a fresh Jacobian's step
/// gets a backtracking line search. Each step costs one residual and one solve (Broyden's update gives the next
/// direction from the solve with the previous approximation). The factor is single precision: it is only the starting
/// approximation of the Jacobian, which the updates correct anyway, while residuals, steps, updates and the stopping
/// rule are double precision. The stopping rule is the full system's: the largest scaled residual of all 3N
/// equations below the residual tolerance and the largest change of ŵ, Ê or L̂ below the step tolerance.
/// </summary>
internal sealed class ReducedTariffSolver
{
    private readonly int _n;
    private readonly double[] _u;
    private readonly double[] _f;
    private readonly double[] _step;
    private readonly double[] _trial;
    private readonly double[] _trialF;
    private readonly double[] _eHatAccepted;
    private readonly DenseMatrix _jacobian;
    private readonly DenseLuSolver _lu;
    private bool _factorValid;

    // Broyden's update of the inverse: B⁻¹v = Π_j (I + c_j s_jᵀ) J⁻¹ v, with s_j the steps and c_j their corrections.
    private const int MaxUpdates = 40;
    private readonly double[][] _updateSteps;
    private readonly double[][] _updateCorrections;
    private readonly double[] _work;
    private int _updates;

    public ReducedTariffSolver(int countries)
    {
        _n = countries;
        var m = 2 * countries;
        _u = new double[m];
        _f = new double[m];
        _step = new double[m];
        _trial = new double[m];
        _trialF = new double[m];
        _eHatAccepted = new double[countries];
        _jacobian = new DenseMatrix(m, m);
        _lu = new DenseLuSolver(m, singlePrecision: true);
        _updateSteps = new double[MaxUpdates][];
        _updateCorrections = new double[MaxUpdates][];
        for (var k = 0; k < MaxUpdates; k++)
        {
            _updateSteps[k] = new double[m];
            _updateCorrections[k] = new double[m];
        }

        _work = new double[m];
    }

    /// <summary>Overwrites <paramref name="v"/> with B⁻¹v: the factor's solve, then the Broyden corrections in order.</summary>
    private void SolveWithUpdates(double[] v)
    {
        _lu.Solve(v);
        for (var j = 0; j < _updates; j++)
        {
            TensorPrimitives.MultiplyAdd(_updateCorrections[j], TensorPrimitives.Dot(_updateSteps[j], v), v, v);
        }
    }

    /// <summary>
    /// Broyden's good update of the inverse after the step s = α d (d = −B⁻¹F_old), given z = B⁻¹F_new with the old B:
    /// B⁻¹y = z + d for y = F_new − F_old, so B_new⁻¹ = (I + c sᵀ) B⁻¹ with c = (s − z − d) / (sᵀ(z + d)), and the next
    /// direction −B_new⁻¹F_new = −(z + c (sᵀz)) needs no further solve. Overwrites <paramref name="z"/> with that
    /// direction; returns false when the update is unusable or the memory is full (then the caller solves afresh).
    /// </summary>
    private bool UpdateAndDirect(double[] step, double[] direction, double[] z)
    {
        if (_updates == MaxUpdates)
        {
            _updates = 0;
            return false;
        }

        TensorPrimitives.Add(z, direction, _work);
        var denominator = TensorPrimitives.Dot(step, _work);
        var scale = TensorPrimitives.Norm(step) * TensorPrimitives.Norm(_work);
        if (!(Math.Abs(denominator) > 1e-12 * scale) || !double.IsFinite(denominator))
        {
            return false;
        }

        var c = _updateCorrections[_updates];
        TensorPrimitives.Subtract(step, _work, c);
        TensorPrimitives.Multiply(c, 1 / denominator, c);
        step.AsSpan().CopyTo(_updateSteps[_updates]);
        _updates++;
        TensorPrimitives.MultiplyAdd(c, TensorPrimitives.Dot(step, z), z, z);
        TensorPrimitives.Negate(z, z);
        return true;
    }

    /// <summary>
    /// Start each solve with the factorised Jacobian the previous solve ended with (it is refreshed as soon as it stops
    /// contracting). Pays off in sweeps, where consecutive scenarios are neighbours.
    /// </summary>
    public bool ReuseFactorisation { get; init; }

    /// <summary>Forgets the kept factorisation: the next solve starts with a fresh Jacobian.</summary>
    public void DiscardFactorisation() => _factorValid = false;

    /// <summary>Timings of the last solve (set-up excluded: the caller measures it).</summary>
    public (long Residuals, long Jacobians, long Factorisations, int ResidualCount, int FactorisationCount) Ticks { get; private set; }

    /// <summary>
    /// Solves from <paramref name="start"/> (3N: ŵ, Ê, L̂; Ê is ignored and recomputed). Returns null when the quasi-Newton
    /// method cannot make progress (no descent from a fresh Jacobian, singular Jacobian, or no positive spending),
    /// so the caller can fall back to the full system; throws when the iteration limit is reached.
    /// </summary>
    public SolverResult? Solve(TariffEquilibriumSystem system, ReadOnlySpan<double> start, SolverOptions options)
    {
        var n = _n;
        long tRes = 0, tJac = 0, tLu = 0;
        int residuals = 0, factorisations = 0, jacobians = 0;
        start[..n].CopyTo(_u);
        start.Slice(2 * n, n).CopyTo(_u.AsSpan(n));

        bool Eval(double[] u, double[] f, out double merit, out double maxRes)
        {
            var t0 = Stopwatch.GetTimestamp();
            var ok = system.EvaluateReduced(u, f);
            residuals++;
            merit = ok ? 0.5 * TensorPrimitives.Dot(f, f) : double.NaN;
            maxRes = ok ? Math.Max(Math.Abs(TensorPrimitives.MaxMagnitude(f)), system.BudgetResidual) : double.NaN;
            tRes += Stopwatch.GetTimestamp() - t0;
            return ok && double.IsFinite(merit);
        }

        SolverResult Done(double residual, double step, int iterations)
        {
            Ticks = (tRes, tJac, tLu, residuals, factorisations);
            var x = new double[3 * n];
            _u.AsSpan(0, n).CopyTo(x);
            _eHatAccepted.CopyTo(x.AsSpan(n));
            _u.AsSpan(n, n).CopyTo(x.AsSpan(2 * n));
            return new SolverResult(x, residual, step, iterations, jacobians, residuals);
        }

        if (!Eval(_u, _f, out var merit, out var maxResidual))
        {
            Ticks = (tRes, tJac, tLu, residuals, factorisations);
            return null;
        }

        system.State.EHat.AsSpan().CopyTo(_eHatAccepted);
        if (maxResidual < options.ResidualTolerance)
        {
            return Done(maxResidual, 0.0, 0);
        }

        var haveFactor = ReuseFactorisation && _factorValid;
        _factorValid = false;
        _updates = 0;
        var haveDirection = false;
        var lastStep = double.PositiveInfinity;
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var fresh = false;
            if (!haveFactor)
            {
                // The state holds the current point: the last evaluation was the accepted one.
                var t0 = Stopwatch.GetTimestamp();
                system.ReducedJacobian(_jacobian);
                jacobians++;
                var t1 = Stopwatch.GetTimestamp();
                tJac += t1 - t0;
                var ok = _lu.Factor(_jacobian);
                factorisations++;
                tLu += Stopwatch.GetTimestamp() - t1;
                if (!ok)
                {
                    Ticks = (tRes, tJac, tLu, residuals, factorisations);
                    return null;
                }

                haveFactor = true;
                fresh = true;
                haveDirection = false;
                _updates = 0;
            }

            if (!haveDirection)
            {
                var ts = Stopwatch.GetTimestamp();
                TensorPrimitives.Negate(_f, _step);
                SolveWithUpdates(_step);
                tLu += Stopwatch.GetTimestamp() - ts;
            }

            var accepted = false;
            var refresh = false;
            var alpha = 1.0;
            var trialMerit = double.NaN;
            var trialMax = double.NaN;
            for (var attempt = 0; attempt < 30; attempt++)
            {
                TensorPrimitives.MultiplyAdd(_step, alpha, _u, _trial);
                var finite = Eval(_trial, _trialF, out trialMerit, out trialMax);
                // Armijo on ½‖F‖² along the Newton direction; a reused Jacobian must cut the merit fourfold with the
                // full step. Near the root a full step that lands inside the tolerance is accepted as it stands.
                var atRoundoff = finite && alpha == 1.0 && trialMax < options.ResidualTolerance;
                var sufficient = finite && (fresh ? trialMerit <= (1 - (2e-4 * alpha)) * merit : trialMerit <= 0.25 * merit);
                if (sufficient || atRoundoff)
                {
                    accepted = true;
                    break;
                }

                if (!fresh)
                {
                    // A reused factor that still lowers the merit, but less than fourfold, has its step kept: the
                    // fresh Jacobian is then built at the better point.
                    if (finite && trialMerit < merit)
                    {
                        accepted = true;
                        refresh = true;
                    }

                    break;
                }

                var predicted = finite ? merit * alpha * alpha / (trialMerit - merit + (2 * alpha * merit)) : 0.1 * alpha;
                alpha = Math.Clamp(predicted, 0.1 * alpha, 0.5 * alpha);
                if (alpha < 1e-10)
                {
                    break;
                }
            }

            if (!accepted && !fresh)
            {
                // The reused factor stopped contracting: refresh it and retry this iteration. The state was left at
                // the rejected trial, so bring it back to the current point before the Jacobian is built there.
                Eval(_u, _f, out merit, out _);
                haveFactor = false;
                iteration--;
                continue;
            }

            if (!accepted)
            {
                Ticks = (tRes, tJac, tLu, residuals, factorisations);
                return null;
            }

            // The accepted trial was the last evaluation, so the state (and Ê) belong to it.
            var eHat = system.State.EHat;
            var stepNorm = 0.0;
            for (var i = 0; i < n; i++)
            {
                stepNorm = Math.Max(stepNorm, Math.Abs(eHat[i] - _eHatAccepted[i]));
            }

            for (var i = 0; i < _u.Length; i++)
            {
                stepNorm = Math.Max(stepNorm, Math.Abs(_trial[i] - _u[i]));
            }

            _trial.AsSpan().CopyTo(_u);
            _trialF.AsSpan().CopyTo(_f);
            eHat.AsSpan().CopyTo(_eHatAccepted);
            merit = trialMerit;
            lastStep = stepNorm;
            if (trialMax < options.ResidualTolerance && stepNorm < options.StepTolerance)
            {
                _factorValid = true;
                return Done(trialMax, stepNorm, iteration);
            }

            if (refresh)
            {
                haveFactor = false;
                continue;
            }

            // Broyden with one solve: z = B⁻¹F_new, then the update gives the next direction from z directly.
            var tb = Stopwatch.GetTimestamp();
            _f.AsSpan().CopyTo(_trialF);
            SolveWithUpdates(_trialF);
            TensorPrimitives.Multiply(_step, alpha, _trial);
            haveDirection = UpdateAndDirect(_trial, _step, _trialF);
            if (haveDirection)
            {
                _trialF.AsSpan().CopyTo(_step);
            }

            tLu += Stopwatch.GetTimestamp() - tb;
        }

        Ticks = (tRes, tJac, tLu, residuals, factorisations);
        throw new SolverDidNotConvergeException(
            $"iteration limit {options.MaxIterations} reached (last step {lastStep:E3})", options.MaxIterations, Math.Abs(TensorPrimitives.MaxMagnitude(_f)));
    }
}
