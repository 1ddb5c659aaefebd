namespace Tightrope.Numerics;

/// <summary>A square system of non-linear equations F(x) = 0, as solved by <see cref="NewtonSolver"/>.</summary>
public interface INonlinearSystem
{
    /// <summary>Number of unknowns and of equations.</summary>
    int Dimension { get; }

    /// <summary>Writes F(x) into <paramref name="residual"/>. Residuals should be scaled so that 1 is a large error.</summary>
    void Evaluate(ReadOnlySpan<double> x, Span<double> residual);

    /// <summary>Writes the Jacobian ∂F/∂x (row = equation, column = unknown); returns false to request finite differences.</summary>
    bool TryJacobian(ReadOnlySpan<double> x, DenseMatrix jacobian) => false;
}

/// <summary>Stopping rules and limits for <see cref="NewtonSolver"/>.</summary>
public sealed record SolverOptions
{
    /// <summary>Converged when the largest absolute residual is below this …</summary>
    public double ResidualTolerance { get; init; } = 1e-12;

    /// <summary>… and the largest absolute component of the last step is below this.</summary>
    public double StepTolerance { get; init; } = 1e-10;

    /// <summary>Iteration limit; reaching it is an error, not a result.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>
    /// How many iterations a factorised Jacobian may be reused while the residual keeps falling fast (1 = pure Newton).
    /// Reuse trades quadratic for fast linear convergence near the solution and saves factorisations.
    /// </summary>
    public int MaxJacobianAge { get; init; } = 1;

    /// <summary>Ignore the system's analytic Jacobian and use forward differences (for checks and baselines).</summary>
    public bool ForceFiniteDifferences { get; init; }

    /// <summary>Default options: residual 1e-12, step 1e-10, 200 iterations.</summary>
    public static SolverOptions Default { get; } = new();
}

/// <summary>The outcome of a converged solve.</summary>
/// <param name="Solution">The root found.</param>
/// <param name="ResidualNorm">Largest absolute residual at <paramref name="Solution"/>.</param>
/// <param name="LastStepNorm">Largest absolute component of the final step.</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="JacobianEvaluations">Jacobians computed (analytic or finite-difference).</param>
/// <param name="ResidualEvaluations">Residual evaluations, including those inside line searches and finite differences.</param>
public sealed record SolverResult(
    double[] Solution,
    double ResidualNorm,
    double LastStepNorm,
    int Iterations,
    int JacobianEvaluations,
    int ResidualEvaluations);

/// <summary>Thrown when a solve stops without meeting its tolerances; carries the residual norm and iteration count.</summary>
public sealed class SolverDidNotConvergeException : Exception
{
    /// <summary>Creates the error.</summary>
    public SolverDidNotConvergeException(string reason, int iterations, double residualNorm)
        : base($"Solver did not converge: {reason} after {iterations} iterations (largest residual {residualNorm:E3}).")
    {
        Iterations = iterations;
        ResidualNorm = residualNorm;
    }

    /// <summary>Iterations taken before stopping.</summary>
    public int Iterations { get; }

    /// <summary>Largest absolute residual when stopping.</summary>
    public double ResidualNorm { get; }
}
