using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tightrope.Sweeps;

/// <summary>One <c>--grid PATH=FROM:TO:STEP</c> axis: the values FROM, FROM+STEP, … up to TO (inclusive).</summary>
public sealed record GridAxis(string Path, double From, double To, double Step)
{
    /// <summary>The grid values, computed as FROM + k·STEP so that no rounding accumulates.</summary>
    public IReadOnlyList<double> Values
    {
        get
        {
            var count = (int)Math.Floor(((To - From) / Step) + 1e-9) + 1;
            return Enumerable.Range(0, count).Select(k => From + (k * Step)).ToArray();
        }
    }

    /// <summary>Parses <c>PATH=FROM:TO:STEP</c>.</summary>
    public static GridAxis Parse(string text)
    {
        var (path, spec) = SweepText.SplitAssignment(text, "--grid", "PATH=FROM:TO:STEP, e.g. parameters.tradeElasticity=3:6:0.5");
        var parts = spec.Split(':');
        if (parts.Length != 3)
        {
            throw new SweepInputException($"--grid {text}: expected FROM:TO:STEP after '=', e.g. {path}=3:6:0.5.");
        }

        var from = SweepText.Number(parts[0], $"--grid {path}: FROM");
        var to = SweepText.Number(parts[1], $"--grid {path}: TO");
        var step = SweepText.Number(parts[2], $"--grid {path}: STEP");
        if (!(step > 0))
        {
            throw new SweepInputException($"--grid {path}: STEP must be > 0, got {parts[2]}.");
        }

        if (to < from)
        {
            throw new SweepInputException($"--grid {path}: TO ({parts[1]}) is below FROM ({parts[0]}).");
        }

        var axis = new GridAxis(path, from, to, step);
        if ((to - from) / step > 1_000_000)
        {
            throw new SweepInputException($"--grid {path}: {(to - from) / step:F0} steps is too many; use a larger STEP.");
        }

        return axis;
    }

    /// <summary>The axis as written on the command line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path}={From:R}:{To:R}:{Step:R}");
}

/// <summary>A distribution of <c>--vary PATH=…</c>: uniform(a,b), normal(m,s) or choice(v1,v2,…).</summary>
public abstract partial record Distribution
{
    /// <summary>Draws one value from two independent uniforms in [0, 1).</summary>
    public abstract JsonNode Sample(double u1, double u2);

    /// <summary>A scale for distances between draws (for warm starts from the nearest solved draw).</summary>
    public abstract double Scale { get; }

    /// <summary>Parses <c>uniform(a,b)</c>, <c>normal(m,s)</c> or <c>choice(v1,…)</c>; <paramref name="path"/> is used in errors.</summary>
    public static Distribution Parse(string path, string text)
    {
        var match = Call().Match(text.Trim());
        if (!match.Success)
        {
            throw new SweepInputException($"--vary {path}: '{text}' is not uniform(a,b), normal(m,s) or choice(v1,v2,…).");
        }

        var name = match.Groups[1].Value;
        var args = match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
        switch (name)
        {
            case "uniform":
                {
                    Arity(path, name, args, 2);
                    var a = SweepText.Number(args[0], $"--vary {path}: uniform lower bound");
                    var b = SweepText.Number(args[1], $"--vary {path}: uniform upper bound");
                    return a < b ? new Uniform(a, b) : throw new SweepInputException($"--vary {path}: uniform(a,b) needs a < b, got uniform({args[0]},{args[1]}).");
                }

            case "normal":
                {
                    Arity(path, name, args, 2);
                    var m = SweepText.Number(args[0], $"--vary {path}: normal mean");
                    var s = SweepText.Number(args[1], $"--vary {path}: normal standard deviation");
                    return s > 0 ? new Normal(m, s) : throw new SweepInputException($"--vary {path}: normal(m,s) needs s > 0, got normal({args[0]},{args[1]}).");
                }

            case "choice":
                {
                    if (args.Length == 0 || args.Any(a => a.Length == 0))
                    {
                        throw new SweepInputException($"--vary {path}: choice(v1,v2,…) needs at least one non-empty value, got '{text}'.");
                    }

                    return new Choice(args.Select(SweepText.Value).ToArray());
                }

            default:
                throw new SweepInputException($"--vary {path}: unknown distribution '{name}'; use uniform(a,b), normal(m,s) or choice(v1,v2,…).");
        }
    }

    private static void Arity(string path, string name, string[] args, int count)
    {
        if (args.Length != count)
        {
            throw new SweepInputException($"--vary {path}: {name} takes {count} parameters, got {args.Length}.");
        }
    }

    [GeneratedRegex(@"^([a-z]+)\((.*)\)$")]
    private static partial Regex Call();
}

/// <summary>Uniform on [A, B).</summary>
public sealed record Uniform(double A, double B) : Distribution
{
    /// <inheritdoc />
    public override JsonNode Sample(double u1, double u2) => JsonValue.Create(A + ((B - A) * u1));

    /// <inheritdoc />
    public override double Scale => B - A;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uniform({A:R},{B:R})");
}

/// <summary>Normal with mean M and standard deviation S (Box–Muller).</summary>
public sealed record Normal(double M, double S) : Distribution
{
    /// <inheritdoc />
    public override JsonNode Sample(double u1, double u2) =>
        JsonValue.Create(M + (S * Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2)));

    /// <inheritdoc />
    public override double Scale => S;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"normal({M:R},{S:R})");
}

/// <summary>One of the listed values with equal probability; values are JSON (numbers, strings, booleans).</summary>
public sealed record Choice(IReadOnlyList<JsonNode> Options) : Distribution
{
    /// <inheritdoc />
    public override JsonNode Sample(double u1, double u2) => Options[Math.Min(Options.Count - 1, (int)(u1 * Options.Count))].DeepClone();

    /// <inheritdoc />
    public override double Scale => 1;

    /// <inheritdoc />
    public override string ToString() => $"choice({string.Join(",", Options.Select(o => o.GetValueKind() == System.Text.Json.JsonValueKind.String ? o.GetValue<string>() : o.ToJsonString()))})";
}

/// <summary>One <c>--vary PATH=DISTRIBUTION</c>.</summary>
public sealed record VaryAxis(string Path, Distribution Distribution)
{
    /// <summary>Parses <c>PATH=uniform(a,b)</c> and the like.</summary>
    public static VaryAxis Parse(string text)
    {
        var (path, spec) = SweepText.SplitAssignment(text, "--vary", "PATH=uniform(a,b)|normal(m,s)|choice(v1,…)");
        return new VaryAxis(path, Distribution.Parse(path, spec));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path}={Distribution}";
}

/// <summary>Small parsing helpers shared by the sweep options.</summary>
internal static partial class SweepText
{
    public static (string Path, string Spec) SplitAssignment(string text, string option, string form)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0)
        {
            throw new SweepInputException($"{option} '{text}': expected {form}.");
        }

        var path = text[..eq].Trim();
        if (!PathPattern().IsMatch(path))
        {
            throw new SweepInputException($"{option} '{text}': '{path}' is not a field path such as parameters.tradeElasticity or tariffs[0].rate.");
        }

        return (path, text[(eq + 1)..].Trim());
    }

    public static double Number(string text, string what) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new SweepInputException($"{what}: '{text}' is not a finite number.");

    /// <summary>A choice value: JSON when it parses (numbers, true/false, quoted strings), else text.</summary>
    public static JsonNode Value(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?)*$")]
    private static partial Regex PathPattern();
}

/// <summary>
/// Counter-based random numbers (SplitMix64 of seed, draw and variable): a draw's values depend only on those three,
/// so any split of the draws across cores or cluster tasks sees the same numbers.
/// </summary>
public static class SweepRandom
{
    /// <summary>A uniform in [0, 1) for (seed, draw, variable, stream).</summary>
    public static double Uniform(long seed, long draw, int variable, int stream)
    {
        var z = Mix((ulong)seed);
        z = Mix(z ^ (ulong)draw);
        z = Mix(z ^ ((ulong)variable << 32) ^ (uint)stream);
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
