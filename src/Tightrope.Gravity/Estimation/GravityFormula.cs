using System.Text.RegularExpressions;

namespace Tightrope.Gravity.Estimation;

/// <summary>A variable in a formula, optionally transformed by the natural logarithm (<c>log(x)</c> or <c>ln(x)</c>).</summary>
public sealed record FormulaTerm(string Variable, bool Log)
{
    /// <summary>The term as written in output tables, e.g. <c>log(DIST)</c>.</summary>
    public string Label => Log ? $"log({Variable})" : Variable;
}

/// <summary>
/// A parsed estimation formula <c>y ~ x1 + log(x2) | fe1^fe2 + fe3</c>: outcome, regressors and fixed-effect dimensions
/// (each dimension the interaction of one or more categorical variables). Without fixed effects a constant is added.
/// </summary>
public sealed partial record GravityFormula(FormulaTerm Outcome, IReadOnlyList<FormulaTerm> Regressors, IReadOnlyList<IReadOnlyList<string>> FixedEffects)
{
    /// <summary>Parses the formula text; an <see cref="ArgumentException"/> says what is wrong.</summary>
    public static GravityFormula Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Split('~');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"formula '{text}': expected exactly one '~' separating the outcome from the regressors.");
        }

        var outcome = ParseTerm(parts[0], text);
        var rhs = parts[1].Split('|');
        if (rhs.Length > 2)
        {
            throw new ArgumentException($"formula '{text}': at most one '|' (before the fixed effects) is allowed.");
        }

        var regressors = new List<FormulaTerm>();
        var left = rhs[0].Trim();
        if (left.Length > 0 && left != "1" && left != "0")
        {
            foreach (var piece in left.Split('+'))
            {
                var term = ParseTerm(piece, text);
                if (regressors.Contains(term))
                {
                    throw new ArgumentException($"formula '{text}': '{term.Label}' appears twice.");
                }

                regressors.Add(term);
            }
        }

        var fixedEffects = new List<IReadOnlyList<string>>();
        if (rhs.Length == 2)
        {
            foreach (var piece in rhs[1].Split('+'))
            {
                var names = piece.Split('^', '#').Select(s => s.Trim()).ToList();
                if (names.Any(n => !Identifier().IsMatch(n)))
                {
                    throw new ArgumentException($"formula '{text}': fixed effect '{piece.Trim()}' must be a variable or an interaction like exporter^year.");
                }

                fixedEffects.Add(names);
            }
        }

        return new GravityFormula(outcome, regressors, fixedEffects);
    }

    /// <summary>The formula written back in canonical form.</summary>
    public override string ToString()
    {
        var rhs = Regressors.Count == 0 ? "1" : string.Join(" + ", Regressors.Select(r => r.Label));
        var fe = FixedEffects.Count == 0 ? string.Empty : " | " + string.Join(" + ", FixedEffects.Select(f => string.Join("^", f)));
        return $"{Outcome.Label} ~ {rhs}{fe}";
    }

    private static FormulaTerm ParseTerm(string piece, string text)
    {
        var s = piece.Trim();
        var m = LogCall().Match(s);
        if (m.Success)
        {
            return new FormulaTerm(m.Groups[1].Value, true);
        }

        if (Identifier().IsMatch(s))
        {
            return new FormulaTerm(s, false);
        }

        throw new ArgumentException($"formula '{text}': cannot read term '{s}'; expected a variable name or log(name).");
    }

    [GeneratedRegex(@"^(?:log|ln)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$")]
    private static partial Regex LogCall();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
