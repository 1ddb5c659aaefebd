using System.Globalization;
using System.Text;

namespace Tightrope.Gravity.Estimation;

/// <summary>Output formats of an estimation.</summary>
public enum OutputFormat
{
    /// <summary>Aligned plain-text tables.</summary>
    Table,

    /// <summary>CSV of the coefficients only (the fit statistics go to a separate file, see <see cref="ModelTable.StatisticsCsv"/>).</summary>
    Csv,

    /// <summary>GitHub-flavoured Markdown tables.</summary>
    Markdown,

    /// <summary>LaTeX tabular environments, every special character escaped.</summary>
    Latex,

    /// <summary>An HTML table.</summary>
    Html,
}

/// <summary>Turns a <see cref="GravityFit"/> into the coefficient and statistics tables the CLI prints and writes.</summary>
public static class FitFormatter
{
    /// <summary>Header of the coefficient table.</summary>
    public static readonly string[] CoefficientColumns = ["term", "estimate", "std_error", "statistic", "p_value"];

    /// <summary>The fit statistics as (name, value) pairs, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Statistics(GravityFit fit)
    {
        var s = fit.Statistics;
        var list = new List<(string, string)>
        {
            ("model", fit.Options.Model.ToString().ToLowerInvariant()),
            ("formula", fit.Formula.ToString()),
            ("vcov", fit.Options.Vcov.ToString()),
            ("observations", Num(s.Observations)),
            ("rows", Num(s.Rows)),
            ("excluded", Num(s.Excluded)),
            ("dropped_missing", Num(s.DroppedMissing)),
            ("dropped_singleton", Num(s.DroppedSingletons)),
            ("dropped_separated", Num(s.DroppedSeparated)),
            ("dropped_terms", string.Join(" ", fit.DroppedTerms.Select(d => d.Term))),
            ("iterations", Num(s.Iterations)),
            (fit.Options.Model == GravityModel.Ppml ? "deviance" : "rss", Num(s.Deviance)),
            ("log_likelihood", Num(s.LogLikelihood)),
            (fit.Options.Model == GravityModel.Ppml ? "pseudo_r2" : "r2", Num(s.PseudoR2)),
            ("r2_corr", Num(s.SquaredCorrelation)),
            ("absorbed_df", Num(s.AbsorbedDegreesOfFreedom)),
            ("ssc", fit.Options.SmallSample.ToString().ToLowerInvariant()),
            ("k_counted", Num(s.ParametersCounted)),
            ("fe_solver", s.FixedEffectSolver == Numerics.FixedEffectSolver.ConjugateGradient ? "cg" : "ap"),
            ("fe_iterations", s.FixedEffectIterations.ToString(CultureInfo.InvariantCulture)),
            ("separation_iterations", s.SeparationIterations.ToString(CultureInfo.InvariantCulture)),
        };
        if (s.Clusters.Count > 0)
        {
            list.Add(("clusters", string.Join(" ", s.Clusters.Select(Num))));
        }

        return list;
    }

    /// <summary>Formats the fit in <paramref name="format"/>.</summary>
    public static string Format(GravityFit fit, OutputFormat format)
    {
        var coef = fit.Coefficients.Select(c => new[] { c.Term, Num(c.Estimate), Num(c.StdError), Num(c.Statistic), Num(c.PValue) }).ToList();
        var stats = Statistics(fit).Select(s => new[] { s.Name, s.Value }).ToList();
        return format switch
        {
            OutputFormat.Csv => Csv(CoefficientColumns, coef),
            OutputFormat.Html => ModelTable.Format([fit], OutputFormat.Html),
            OutputFormat.Markdown => Markdown(CoefficientColumns, coef) + "\n" + Markdown(["statistic", "value"], stats),
            OutputFormat.Latex => Latex(CoefficientColumns, coef) + "\n" + Latex(["statistic", "value"], stats),
            _ => Plain(CoefficientColumns, coef, fit) + "\n" + Plain(["statistic", "value"], stats, null),
        };
    }

    private static string Num(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private static string Num(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string[] header, List<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", header.Select(Quote)));
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(",", r.Select(Quote)));
        }

        return sb.ToString();
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Markdown(string[] header, List<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", header) + " |");
        sb.AppendLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var r in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return sb.ToString();
    }

    private static string Latex(string[] header, List<string[]> rows)
    {
        static string Esc(string s) => ModelTable.LatexEscape(s);
        var sb = new StringBuilder();
        sb.AppendLine("\\begin{tabular}{l" + new string('r', header.Length - 1) + "}");
        sb.AppendLine("\\hline");
        sb.AppendLine(string.Join(" & ", header.Select(Esc)) + " \\\\");
        sb.AppendLine("\\hline");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(" & ", r.Select(Esc)) + " \\\\");
        }

        sb.AppendLine("\\hline");
        sb.AppendLine("\\end{tabular}");
        return sb.ToString();
    }

    private static string Plain(string[] header, List<string[]> rows, GravityFit? fit)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        sb.AppendLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join("  ", r.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        }

        if (fit is not null)
        {
            foreach (var m in fit.Messages)
            {
                sb.AppendLine("note: " + m);
            }
        }

        return sb.ToString();
    }
}
