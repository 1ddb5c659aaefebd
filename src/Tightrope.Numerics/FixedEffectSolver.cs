namespace Tightrope.Numerics;

/// <summary>How <see cref="FixedEffectProjector"/> solves for the fixed effects.</summary>
public enum FixedEffectSolver
{
    /// <summary>Alternating projections while they converge quickly; a projection that needs more sweeps than the probe
    /// allows switches the projector to conjugate gradients for good (continuing from where the sweeps stopped).</summary>
    Auto,

    /// <summary>Gauss–Seidel sweeps over the factors with Irons–Tuck acceleration: fast on well-connected panels.</summary>
    AlternatingProjections,

    /// <summary>Conjugate gradients on the normal equations of the fixed-effect design, preconditioned by the level weights
    /// (Jacobi): far fewer passes over the data when the factors are weakly connected.</summary>
    ConjugateGradient,
}
