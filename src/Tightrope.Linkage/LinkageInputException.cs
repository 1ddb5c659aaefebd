namespace Tightrope.Linkage;

/// <summary>Bad input to a linkage computation; names the field (e.g. <c>threat</c>, <c>conflictExpectation</c>) and what was expected.</summary>
public sealed class LinkageInputException(string field, string problem) : ArgumentException($"{field}: {problem}")
{
    /// <summary>The input field at fault.</summary>
    public string Field { get; } = field;

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; } = problem;
}
