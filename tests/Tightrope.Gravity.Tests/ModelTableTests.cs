using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

/// <summary>Several fits in one table: a column per model, stars, fixed-effect indicators; LaTeX escapes every special character.</summary>
public sealed class ModelTableTests
{
    private static readonly Lazy<IReadOnlyList<GravityFit>> Fits = new(() =>
    {
        var data = FixestConventionTests.Panel(21);
        return
        [
            GravityEstimator.Fit(data, "y ~ x + z | a^b + c"),
            GravityEstimator.Fit(data, "y ~ x | a", new EstimationOptions { Model = GravityModel.Ols, Vcov = VcovSpec.Cluster("a") }),
        ];
    });

    [Fact]
    public void Plain_table_has_a_column_per_model_and_fixed_effect_indicators()
    {
        var text = ModelTable.Format(Fits.Value, OutputFormat.Table);
        var lines = text.Split('\n');
        lines[0].ShouldContain("(1)");
        lines[0].ShouldContain("(2)");
        lines.ShouldContain(l => l.StartsWith("a^b", StringComparison.Ordinal) && l.Contains("Yes") && l.TrimEnd().EndsWith("No", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("Observations", StringComparison.Ordinal));
        var x = Fits.Value[0]["x"];
        lines.ShouldContain(l => l.StartsWith("x ", StringComparison.Ordinal) && l.Contains(x.PValue < 0.01 ? "***" : string.Empty));
        // z is only in model (1): blank in column (2), its standard error in parentheses below it.
        var rows = ModelTable.Build(Fits.Value).Coefficients.ToList();
        var z = rows.FindIndex(r => r[0] == "z");
        rows[z][2].ShouldBeEmpty();
        rows[z + 1][1].ShouldStartWith("(");
    }

    [Fact]
    public void Csv_has_coefficients_only_and_statistics_go_to_their_own_table()
    {
        var csv = ModelTable.CoefficientsCsv(Fits.Value).TrimEnd().Split('\n');
        csv[0].ShouldBe("model,term,estimate,std_error,statistic,p_value");
        csv.Length.ShouldBe(1 + 2 + 1);
        csv.Skip(1).ShouldAllBe(l => l.StartsWith("1,", StringComparison.Ordinal) || l.StartsWith("2,", StringComparison.Ordinal));
        var stats = ModelTable.StatisticsCsv(Fits.Value);
        stats.ShouldStartWith("model,statistic,value\n1,model,ppml\n");
        stats.ShouldContain("2,model,ols");
    }

    [Fact]
    public void Latex_escapes_every_special_character()
    {
        ModelTable.LatexEscape(@"a_b^c & d|e % $f$ #g ~h {i} \j <k>").ShouldBe(
            @"a\_b\textasciicircum{}c \& d\textbar{}e \% \$f\$ \#g \textasciitilde{}h \{i\} \textbackslash{}j \textless{}k\textgreater{}");
        var tex = ModelTable.Format(Fits.Value, OutputFormat.Latex);
        tex.ShouldContain(@"a\textasciicircum{}b & Yes & No \\");
        tex.ShouldNotContain("|");
    }

    [Fact]
    public void Html_and_markdown_escape_their_markup()
    {
        ModelTable.Format(Fits.Value, OutputFormat.Html).ShouldContain("<th scope=\"row\">a^b</th><td>Yes</td><td>No</td>");
        ModelTable.Format(Fits.Value, OutputFormat.Markdown).ShouldContain("\\*\\*\\* p < 0.01");
    }
}
