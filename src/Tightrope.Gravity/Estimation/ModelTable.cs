using System.Globalization;
using System.Net;
using System.Text;

namespace Tightrope.Gravity.Estimation;

/// <summary>
/// Several fits side by side, as published regression tables are laid out (fixest's <c>etable</c>, Stata's <c>esttab</c>): a column
/// per model "(1) (2) …", each coefficient with its standard error in parentheses and significance stars, rows saying which fixed
/// effects each model absorbs, then observations, (pseudo-)R², deviance, dropped observations and the standard-error type.
/// </summary>
public static class ModelTable
{
    /// <summary>Significance thresholds of the stars (two-sided p-values).</summary>
    public const string StarsNote = "*** p < 0.01, ** p < 0.05, * p < 0.1";

    /// <summary>The table's cells: header row, coefficient rows (estimate and standard error), fixed-effect rows, statistic rows.</summary>
    public sealed record Layout(IReadOnlyList<string> Header, IReadOnlyList<string[]> Coefficients, IReadOnlyList<string[]> FixedEffects, IReadOnlyList<string[]> Statistics);

    /// <summary>Lays out the fits.</summary>
    public static Layout Build(IReadOnlyList<GravityFit> fits)
    {
        var header = new List<string> { string.Empty };
        header.AddRange(fits.Select((_, i) => $"({i + 1})"));
        var terms = fits.SelectMany(f => f.Coefficients.Select(c => c.Term)).Distinct().ToList();
        var coefficients = new List<string[]>
        {
            Row("Dependent variable", fits.Select(f => f.Formula.Outcome.Label)),
            Row("Model", fits.Select(f => f.Options.Model == GravityModel.Ppml ? "PPML" : "OLS")),
        };
        foreach (var term in terms)
        {
            var estimates = fits.Select(f => f.Coefficients.FirstOrDefault(c => c.Term == term)).ToList();
            coefficients.Add(Row(term, estimates.Select(c => c is null ? string.Empty : Number(c.Estimate) + Stars(c.PValue))));
            coefficients.Add(Row(string.Empty, estimates.Select(c => c is null ? string.Empty : $"({Number(c.StdError)})")));
        }

        var dimensions = fits.SelectMany(f => f.Formula.FixedEffects.Select(d => string.Join("^", d))).Distinct().ToList();
        var fixedEffects = dimensions
            .Select(d => Row(d, fits.Select(f => f.Formula.FixedEffects.Any(x => string.Join("^", x) == d) ? "Yes" : "No")))
            .ToList();
        var statistics = new List<string[]>
        {
            Row("Observations", fits.Select(f => f.Statistics.Observations.ToString("N0", CultureInfo.InvariantCulture))),
            Row("Pseudo R² / R²", fits.Select(f => f.Statistics.PseudoR2.ToString("F4", CultureInfo.InvariantCulture))),
            Row("Deviance / RSS", fits.Select(f => Number(f.Statistics.Deviance))),
            Row("Dropped (missing, singl., separated)", fits.Select(f =>
                $"{f.Statistics.DroppedMissing:N0}, {f.Statistics.DroppedSingletons:N0}, {f.Statistics.DroppedSeparated:N0}")),
            Row("Standard errors", fits.Select(f => f.Options.Vcov.ToString())),
            Row("Small-sample conventions", fits.Select(f => f.Options.SmallSample.ToString().ToLowerInvariant())),
        };
        return new Layout(header, coefficients, fixedEffects, statistics);
    }

    /// <summary>Formats the fits in <paramref name="format"/>; CSV gives the coefficients only (see <see cref="CoefficientsCsv"/>).</summary>
    public static string Format(IReadOnlyList<GravityFit> fits, OutputFormat format)
    {
        if (format == OutputFormat.Csv)
        {
            return CoefficientsCsv(fits);
        }

        var layout = Build(fits);
        return format switch
        {
            OutputFormat.Markdown => Markdown(layout),
            OutputFormat.Latex => Latex(layout),
            OutputFormat.Html => Html(layout),
            _ => Plain(layout),
        };
    }

    /// <summary>One row per model and coefficient: <c>model,term,estimate,std_error,statistic,p_value</c> (model = column number).</summary>
    public static string CoefficientsCsv(IReadOnlyList<GravityFit> fits)
    {
        var sb = new StringBuilder("model,term,estimate,std_error,statistic,p_value\n");
        for (var m = 0; m < fits.Count; m++)
        {
            foreach (var c in fits[m].Coefficients)
            {
                sb.Append(m + 1).Append(',').Append(CsvField(c.Term)).Append(',').Append(R(c.Estimate)).Append(',').Append(R(c.StdError))
                    .Append(',').Append(R(c.Statistic)).Append(',').Append(R(c.PValue)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>Fit statistics of every model, one row per model and statistic: <c>model,statistic,value</c>.</summary>
    public static string StatisticsCsv(IReadOnlyList<GravityFit> fits)
    {
        var sb = new StringBuilder("model,statistic,value\n");
        for (var m = 0; m < fits.Count; m++)
        {
            foreach (var (name, value) in FitFormatter.Statistics(fits[m]))
            {
                sb.Append(m + 1).Append(',').Append(name).Append(',').Append(CsvField(value)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>Escapes every character LaTeX treats specially (\ { } $ &amp; # ^ _ ~ % | &lt; &gt;).</summary>
    public static string LatexEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '$' => @"\$",
                '&' => @"\&",
                '#' => @"\#",
                '^' => @"\textasciicircum{}",
                '_' => @"\_",
                '~' => @"\textasciitilde{}",
                '%' => @"\%",
                '|' => @"\textbar{}",
                '<' => @"\textless{}",
                '>' => @"\textgreater{}",
                '²' => @"\textsuperscript{2}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string[] Row(string label, IEnumerable<string> cells) => [label, .. cells];

    private static string Stars(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : string.Empty;

    // Four significant digits without exponent for ordinary magnitudes.
    private static string Number(double v)
    {
        if (!double.IsFinite(v))
        {
            return v.ToString(CultureInfo.InvariantCulture);
        }

        var a = Math.Abs(v);
        if (a == 0)
        {
            return "0";
        }

        if (a < 1e-4 || a >= 1e7)
        {
            return v.ToString("0.###E+0", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
        return v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string CsvField(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static IEnumerable<string[]> AllRows(Layout t) => t.Coefficients.Concat(t.FixedEffects).Concat(t.Statistics);

    private static string Plain(Layout t)
    {
        var columns = t.Header.Count;
        var widths = Enumerable.Range(0, columns).Select(i => AllRows(t).Append([.. t.Header]).Max(r => r[i].Length)).ToArray();
        var rule = new string('-', widths.Sum() + (2 * (columns - 1)));
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> r) =>
            sb.AppendLine(string.Join("  ", r.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        Line(t.Header);
        sb.AppendLine(rule);
        foreach (var r in t.Coefficients)
        {
            Line(r);
        }

        if (t.FixedEffects.Count > 0)
        {
            sb.AppendLine(rule);
            sb.AppendLine("Fixed effects");
            foreach (var r in t.FixedEffects)
            {
                Line(r);
            }
        }

        sb.AppendLine(rule);
        foreach (var r in t.Statistics)
        {
            Line(r);
        }

        sb.AppendLine(rule);
        sb.AppendLine(StarsNote);
        return sb.ToString();
    }

    private static string Markdown(Layout t)
    {
        static string Cell(string c) => c.Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", t.Header.Select(Cell)) + " |");
        sb.AppendLine("|" + string.Join("|", t.Header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var r in t.Coefficients)
        {
            sb.AppendLine("| " + string.Join(" | ", r.Select(Cell)) + " |");
        }

        if (t.FixedEffects.Count > 0)
        {
            sb.AppendLine("| **Fixed effects** |" + string.Concat(Enumerable.Repeat(" |", t.Header.Count - 1)));
            foreach (var r in t.FixedEffects)
            {
                sb.AppendLine("| " + string.Join(" | ", r.Select(Cell)) + " |");
            }
        }

        foreach (var r in t.Statistics)
        {
            sb.AppendLine("| " + string.Join(" | ", r.Select(Cell)) + " |");
        }

        sb.AppendLine();
        sb.AppendLine(Cell(StarsNote));
        return sb.ToString();
    }

    private static string Latex(Layout t)
    {
        var sb = new StringBuilder();
        sb.AppendLine(@"\begin{tabular}{l" + new string('c', t.Header.Count - 1) + "}");
        sb.AppendLine(@"\hline");
        void Line(IEnumerable<string> r) => sb.AppendLine(string.Join(" & ", r.Select(LatexEscape)) + @" \\");
        Line(t.Header);
        sb.AppendLine(@"\hline");
        foreach (var r in t.Coefficients)
        {
            Line(r);
        }

        if (t.FixedEffects.Count > 0)
        {
            sb.AppendLine(@"\hline");
            sb.AppendLine(@"\multicolumn{" + t.Header.Count.ToString(CultureInfo.InvariantCulture) + "}{l}{Fixed effects}" + @" \\");
            foreach (var r in t.FixedEffects)
            {
                Line(r);
            }
        }

        sb.AppendLine(@"\hline");
        foreach (var r in t.Statistics)
        {
            Line(r);
        }

        sb.AppendLine(@"\hline");
        sb.AppendLine(@"\multicolumn{" + t.Header.Count.ToString(CultureInfo.InvariantCulture) + "}{l}{" + LatexEscape(StarsNote) + "}" + @" \\");
        sb.AppendLine(@"\end{tabular}");
        return sb.ToString();
    }

    private static string Html(Layout t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<table class=\"regression-table\">");
        sb.AppendLine("<thead><tr>" + string.Concat(t.Header.Select(h => $"<th>{WebUtility.HtmlEncode(h)}</th>")) + "</tr></thead>");
        sb.AppendLine("<tbody>");
        void Line(string[] r) => sb.AppendLine("<tr>" + string.Concat(r.Select((c, i) => i == 0 ? $"<th scope=\"row\">{WebUtility.HtmlEncode(c)}</th>" : $"<td>{WebUtility.HtmlEncode(c)}</td>")) + "</tr>");
        foreach (var r in t.Coefficients)
        {
            Line(r);
        }

        if (t.FixedEffects.Count > 0)
        {
            sb.AppendLine($"<tr><th colspan=\"{t.Header.Count}\">Fixed effects</th></tr>");
            foreach (var r in t.FixedEffects)
            {
                Line(r);
            }
        }

        foreach (var r in t.Statistics)
        {
            Line(r);
        }

        sb.AppendLine("</tbody>");
        sb.AppendLine($"<tfoot><tr><td colspan=\"{t.Header.Count}\">{WebUtility.HtmlEncode(StarsNote)}</td></tr></tfoot>");
        sb.AppendLine("</table>");
        return sb.ToString();
    }
}
