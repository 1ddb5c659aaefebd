using System.Numerics.Tensors;

namespace Tightrope.Numerics;

/// <summary>
/// Damped Newton method for square non-linear systems: a backtracking (Armijo) line search on ½‖F‖², and a
/// Levenberg–Marquardt step when the Newton direction fails. Uses the system's analytic Jacobian when it
/// provides one and forward differences otherwise. The one non-linear solver every model shares.
/// </summary>
public static class NewtonSolver
{
    /// <summary>Solves F(x) = 0 from <paramref name="initialGuess"/>; throws <see cref="SolverDidNotConvergeException"/> on failure.</summary>
    public static SolverResult Solve(INonlinearSystem system, ReadOnlySpan<double> initialGuess, SolverOptions? options = null)
    {
        options ??= SolverOptions.Default;
        var n = system.Dimension;
        if (initialGuess.Length != n)
        {
            throw new ArgumentException($"Initial guess has {initialGuess.Length} entries; the system has {n} unknowns.");
        }

        var work = new Workspace(n);
        initialGuess.CopyTo(work.X);
        var counters = new Counters();
        Evaluate(system, work.X, work.F, counters);
        var merit = Merit(work.F);
        if (MaxAbs(work.F) < options.ResidualTolerance)
        {
            // The starting point already solves the system: no step is taken.
            return Result(work, MaxAbs(work.F), 0.0, 0, counters);
        }

        var lastStep = double.PositiveInfinity;
        LuDecomposition? lu = null;
        var jacobianAge = int.MaxValue;

        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            if (!double.IsFinite(merit))
            {
                throw new SolverDidNotConvergeException("the residual is not finite", iteration - 1, MaxAbs(work.F));
            }

            var fresh = false;
            if (lu is null || jacobianAge >= options.MaxJacobianAge)
            {
                ComputeJacobian(system, work, counters, options.ForceFiniteDifferences);
                work.Jacobian.CopyTo(work.Factor);
                lu = LuDecomposition.FactorInPlace(work.Factor);
                jacobianAge = 0;
                fresh = true;
            }

            jacobianAge++;
            var accepted = false;
            if (!lu.IsSingular)
            {
                for (var i = 0; i < n; i++)
                {
                    work.Step[i] = -work.F[i];
                }

                lu.Solve(work.Step);
                accepted = LineSearch(system, work, counters, ref merit, options, requireFastDecrease: !fresh);
            }

            if (!accepted && !fresh)
            {
                // A reused Jacobian stopped paying off: refresh it and retry this iteration.
                jacobianAge = int.MaxValue;
                iteration--;
                continue;
            }

            if (!accepted)
            {
                accepted = LevenbergMarquardtStep(system, work, counters, ref merit);
                lu = null;
            }

            if (!accepted)
            {
                var res = MaxAbs(work.F);
                if (res < options.ResidualTolerance)
                {
                    return Result(work, res, 0.0, iteration, counters);
                }

                throw new SolverDidNotConvergeException("no step reduces the residual", iteration, res);
            }

            lastStep = MaxAbs(work.Step);
            var residual = MaxAbs(work.F);
            if (residual < options.ResidualTolerance && lastStep < options.StepTolerance)
            {
                return Result(work, residual, lastStep, iteration, counters);
            }
        }

        throw new SolverDidNotConvergeException($"iteration limit {options.MaxIterations} reached (last step {lastStep:E3})", options.MaxIterations, MaxAbs(work.F));
    }

    private static SolverResult Result(Workspace work, double residual, double step, int iterations, Counters counters) =>
        new(work.X.ToArray(), residual, step, iterations, counters.Jacobians, counters.Residuals);

    private static bool LineSearch(INonlinearSystem system, Workspace work, Counters counters, ref double merit, SolverOptions options, bool requireFastDecrease)
    {
        var n = work.X.Length;
        var alpha = 1.0;
        var baseMerit = merit;
        for (var attempt = 0; attempt < 30; attempt++)
        {
            for (var i = 0; i < n; i++)
            {
                work.Trial[i] = work.X[i] + (alpha * work.Step[i]);
            }

            Evaluate(system, work.Trial, work.TrialF, counters);
            var trialMerit = Merit(work.TrialF);
            // Armijo on ½‖F‖² along the Newton direction, whose slope is −2·merit. Near the root the residual is
            // at rounding level and cannot fall further: a full step that lands inside the tolerance is accepted.
            var sufficient = trialMerit <= (1 - (2e-4 * alpha)) * baseMerit;
            var atRoundoff = alpha == 1.0 && MaxAbs(work.TrialF) < options.ResidualTolerance;
            if (requireFastDecrease)
            {
                sufficient = alpha == 1.0 && trialMerit <= 0.25 * baseMerit;
            }

            if (double.IsFinite(trialMerit) && (sufficient || atRoundoff))
            {
                for (var i = 0; i < n; i++)
                {
                    work.Step[i] *= alpha;
                }

                work.Trial.AsSpan().CopyTo(work.X);
                work.TrialF.AsSpan().CopyTo(work.F);
                merit = trialMerit;
                return true;
            }

            if (requireFastDecrease)
            {
                return false;
            }

            // Quadratic interpolation of the merit along the step, kept within [0.1, 0.5]·alpha.
            var predicted = double.IsFinite(trialMerit) ? baseMerit * alpha * alpha / (trialMerit - baseMerit + (2 * alpha * baseMerit)) : 0.1 * alpha;
            alpha = Math.Clamp(predicted, 0.1 * alpha, 0.5 * alpha);
            if (alpha < 1e-10)
            {
                break;
            }
        }

        return false;
    }

    private static bool LevenbergMarquardtStep(INonlinearSystem system, Workspace work, Counters counters, ref double merit)
    {
        var n = work.X.Length;
        var j = work.Jacobian;
        var jtj = new DenseMatrix(n, n);
        var g = new double[n];
        for (var r = 0; r < n; r++)
        {
            var row = j.Row(r);
            for (var c = 0; c < n; c++)
            {
                g[c] += row[c] * work.F[r];
            }
        }

        for (var r = 0; r < n; r++)
        {
            var rowR = j.Row(r);
            for (var a = 0; a < n; a++)
            {
                var v = rowR[a];
                if (v == 0)
                {
                    continue;
                }

                TensorPrimitives.MultiplyAdd(rowR, v, jtj.Row(a), jtj.Row(a));
            }
        }

        var maxDiag = 0.0;
        for (var i = 0; i < n; i++)
        {
            maxDiag = Math.Max(maxDiag, jtj[i, i]);
        }

        var mu = 1e-3 * Math.Max(maxDiag, 1e-12);
        var damped = new DenseMatrix(n, n);
        for (var attempt = 0; attempt < 40; attempt++, mu *= 10)
        {
            jtj.CopyTo(damped);
            for (var i = 0; i < n; i++)
            {
                damped[i, i] += mu * Math.Max(jtj[i, i], 1e-12);
            }

            var lu = LuDecomposition.FactorInPlace(damped);
            if (lu.IsSingular)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                work.Step[i] = -g[i];
            }

            lu.Solve(work.Step);
            for (var i = 0; i < n; i++)
            {
                work.Trial[i] = work.X[i] + work.Step[i];
            }

            Evaluate(system, work.Trial, work.TrialF, counters);
            var trialMerit = Merit(work.TrialF);
            if (double.IsFinite(trialMerit) && trialMerit < merit)
            {
                work.Trial.AsSpan().CopyTo(work.X);
                work.TrialF.AsSpan().CopyTo(work.F);
                merit = trialMerit;
                return true;
            }
        }

        return false;
    }

    private static void ComputeJacobian(INonlinearSystem system, Workspace work, Counters counters, bool finiteDifferences)
    {
        counters.Jacobians++;
        if (!finiteDifferences && system.TryJacobian(work.X, work.Jacobian))
        {
            return;
        }

        // Forward differences, one column per unknown, step scaled to the unknown's magnitude.
        var n = work.X.Length;
        var x = work.Trial;
        work.X.AsSpan().CopyTo(x);
        for (var c = 0; c < n; c++)
        {
            var h = 1.5e-8 * Math.Max(1.0, Math.Abs(x[c]));
            var saved = x[c];
            x[c] = saved + h;
            h = x[c] - saved;
            Evaluate(system, x, work.TrialF, counters);
            x[c] = saved;
            for (var r = 0; r < n; r++)
            {
                work.Jacobian[r, c] = (work.TrialF[r] - work.F[r]) / h;
            }
        }
    }

    private static void Evaluate(INonlinearSystem system, ReadOnlySpan<double> x, Span<double> f, Counters counters)
    {
        counters.Residuals++;
        system.Evaluate(x, f);
    }

    private static double Merit(ReadOnlySpan<double> f) => 0.5 * TensorPrimitives.Dot(f, f);

    private static double MaxAbs(ReadOnlySpan<double> v) => v.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(v));

    private sealed class Counters
    {
        public int Jacobians;
        public int Residuals;
    }

    private sealed class Workspace(int n)
    {
        public double[] X { get; } = new double[n];
        public double[] F { get; } = new double[n];
        public double[] Step { get; } = new double[n];
        public double[] Trial { get; } = new double[n];
        public double[] TrialF { get; } = new double[n];
        public DenseMatrix Jacobian { get; } = new(n, n);
        public DenseMatrix Factor { get; } = new(n, n);
    }
}
