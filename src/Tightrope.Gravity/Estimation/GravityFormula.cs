using System.Text;
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
/// Names are letters (any script), digits, <c>_</c> and <c>.</c>, not starting with a digit; any other column name is written
/// between backticks, e.g. <c>`trade value` ~ log(`distance (km)`)</c>.
/// </summary>
public sealed partial record GravityFormula(FormulaTerm Outcome, IReadOnlyList<FormulaTerm> Regressors, IReadOnlyList<IReadOnlyList<string>> FixedEffects)
{
    /// <summary>Parses the formula text; an <see cref="ArgumentException"/> says what is wrong.</summary>
    public static GravityFormula Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Count(c => c == '`') % 2 != 0)
        {
            throw new ArgumentException($"formula '{text}': a backtick-quoted name is not closed.");
        }

        var parts = SplitTopLevel(text, '~');
        if (parts.Count != 2)
        {
            throw new ArgumentException($"formula '{text}': expected exactly one '~' separating the outcome from the regressors.");
        }

        var outcome = ParseTerm(parts[0], text);
        var rhs = SplitTopLevel(parts[1], '|');
        if (rhs.Count > 2)
        {
            throw new ArgumentException($"formula '{text}': at most one '|' (before the fixed effects) is allowed.");
        }

        var regressors = new List<FormulaTerm>();
        var left = rhs[0].Trim();
        if (left.Length > 0 && left != "1" && left != "0")
        {
            foreach (var piece in SplitTopLevel(left, '+'))
            {
                var term = ParseTerm(piece, text);
                if (regressors.Contains(term))
                {
                    throw new ArgumentException($"formula '{text}': '{term.Label}' appears twice.");
                }

                if (term.Variable == outcome.Variable)
                {
                    throw new ArgumentException($"formula '{text}': the outcome '{outcome.Variable}' is also a regressor ('{term.Label}'); a variable cannot explain itself.");
                }

                regressors.Add(term);
            }
        }

        var fixedEffects = new List<IReadOnlyList<string>>();
        if (rhs.Count == 2)
        {
            foreach (var piece in SplitTopLevel(rhs[1], '+'))
            {
                var names = SplitTopLevel(piece, '^', '#').Select(s => Name(s)).ToList();
                if (names.Any(n => n is null))
                {
                    throw new ArgumentException($"formula '{text}': fixed effect '{piece.Trim()}' must be a variable or an interaction like exporter^year.");
                }

                if (names.Contains(outcome.Variable))
                {
                    throw new ArgumentException($"formula '{text}': the outcome '{outcome.Variable}' is also a fixed effect; the fixed effects would absorb it entirely.");
                }

                fixedEffects.Add(names!);
            }
        }

        return new GravityFormula(outcome, regressors, fixedEffects);
    }

    /// <summary>The formula written back in canonical form (names that are not plain identifiers between backticks).</summary>
    public override string ToString()
    {
        var rhs = Regressors.Count == 0 ? "1" : string.Join(" + ", Regressors.Select(Write));
        var fe = FixedEffects.Count == 0 ? string.Empty : " | " + string.Join(" + ", FixedEffects.Select(f => string.Join("^", f.Select(Quote))));
        return $"{Write(Outcome)} ~ {rhs}{fe}";
    }

    /// <summary>A name as written in a formula: bare when it is an identifier, else between backticks.</summary>
    public static string Quote(string name) => Identifier().IsMatch(name) ? name : $"`{name}`";

    private static string Write(FormulaTerm t) => t.Log ? $"log({Quote(t.Variable)})" : Quote(t.Variable);

    // Splits on any of the separators outside backticks.
    private static List<string> SplitTopLevel(string s, params char[] separators)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in s)
        {
            if (c == '`')
            {
                quoted = !quoted;
            }

            if (!quoted && separators.Contains(c))
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    // A bare identifier or a backtick-quoted name; null if neither.
    private static string? Name(string piece)
    {
        var s = piece.Trim();
        if (s.Length >= 3 && s[0] == '`' && s[^1] == '`' && s.IndexOf('`', 1) == s.Length - 1)
        {
            return s[1..^1];
        }

        return Identifier().IsMatch(s) ? s : null;
    }

    private static FormulaTerm ParseTerm(string piece, string text)
    {
        var s = piece.Trim();
        var m = LogCall().Match(s);
        if (m.Success && Name(m.Groups[1].Value) is { } logged)
        {
            return new FormulaTerm(logged, true);
        }

        if (Name(s) is { } name)
        {
            return new FormulaTerm(name, false);
        }

        throw new ArgumentException($"formula '{text}': cannot read term '{s}'; expected a variable name, `any name` or log(name).");
    }

    [GeneratedRegex(@"^(?:log|ln)\(\s*(.+?)\s*\)$")]
    private static partial Regex LogCall();

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_.]*$")]
    private static partial Regex Identifier();
}
