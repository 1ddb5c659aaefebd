namespace Tightrope.Gravity.Estimation;

/// <summary>
/// The model cannot be estimated as specified: a constant outcome, a perfect fit, or no regressor left once the fixed effects
/// have absorbed what they can. The message names the cause. Derives from <see cref="ArgumentException"/> because it is a
/// problem with what was asked for, not a numerical failure.
/// </summary>
public sealed class DegenerateModelException(string message) : ArgumentException(message);
