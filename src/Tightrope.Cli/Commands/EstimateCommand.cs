using System.CommandLine;
using System.Globalization;
using System.Text;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope estimate --data FILE --formula "y ~ x | fe1 + fe2"</c>: PPML or OLS with absorbed fixed effects on a .dta or CSV file.</summary>
public static class EstimateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Data file: Stata .dta or CSV with a header line.", Required = true };
        var formula = new Option<string>("--formula") { Description = "Formula, e.g. \"trade ~ log(DIST) + CNTG | exporter^year + importer^year\".", Required = true };
        var model = new Option<string>("--model") { Description = "Estimator: ppml (default) or ols.", DefaultValueFactory = _ => "ppml" };
        var vcov = new Option<string>("--vcov") { Description = "Standard errors: iid, hetero (default) or cluster:VAR[,VAR].", DefaultValueFactory = _ => "hetero" };
        var format = new Option<string>("--format") { Description = "Output: table (default), csv, markdown or latex.", DefaultValueFactory = _ => "table" };
        var diagnostics = new Option<FileInfo?>("--diagnostics") { Description = "Write row,status (used, singleton, separated, missing, excluded) for every input row to this CSV file." };
        var subset = new Option<string?>("--subset") { Description = "Keep only rows where this condition holds, e.g. \"year in (1986, 1990) & exporter != importer\"." };
        var derive = new Option<string[]>("--let") { Description = "Add a derived column NAME = EXPRESSION before estimating (repeatable), e.g. \"INTL = exporter != importer\".", AllowMultipleArgumentsPerToken = false };
        var weights = new Option<string?>("--weights") { Description = "Variable holding observation weights." };
        var offset = new Option<string?>("--offset") { Description = "Offset variable (coefficient fixed at 1), e.g. log(tij)." };
        var command = new Command("estimate", "Estimate a gravity equation by PPML or OLS with high-dimensional fixed effects.")
        {
            data, formula, model, vcov, format, diagnostics, subset, derive, weights, offset,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var outputFormat = parse.GetValue(format)!.ToLowerInvariant() switch
            {
                "table" => OutputFormat.Table,
                "csv" => OutputFormat.Csv,
                "markdown" or "md" => OutputFormat.Markdown,
                "latex" or "tex" => OutputFormat.Latex,
                var f => throw new ArgumentException($"--format '{f}': expected table, csv, markdown or latex."),
            };
            var estimator = parse.GetValue(model)!.ToLowerInvariant() switch
            {
                "ppml" or "poisson" => GravityModel.Ppml,
                "ols" => GravityModel.Ols,
                var m => throw new ArgumentException($"--model '{m}': expected ppml or ols."),
            };
            var dataFile = parse.GetValue(data)!.FullName;
            if (Directory.Exists(dataFile))
            {
                throw new ArgumentException($"--data {dataFile}: is a folder; expected a Stata .dta or CSV file.");
            }

            var table = TableReader.Read(dataFile);
            foreach (var definition in parse.GetValue(derive) ?? [])
            {
                table = RowExpression.Derive(table, definition);
            }

            var options = new EstimationOptions
            {
                Model = estimator,
                Vcov = VcovSpec.Parse(parse.GetValue(vcov)!),
                Weights = parse.GetValue(weights),
                Offset = parse.GetValue(offset),
                Subset = parse.GetValue(subset) is { } s ? RowExpression.Parse(s).EvaluateCondition(table) : null,
            };
            var progress = new Progress();
            var fit = GravityEstimator.Fit(table, parse.GetValue(formula)!, options, progress);
            progress.Finish();
            Console.Out.Write(FitFormatter.Format(fit, outputFormat));
            if (parse.GetValue(diagnostics) is { } file)
            {
                var sb = new StringBuilder("row,status\n");
                for (var i = 0; i < fit.Status.Count; i++)
                {
                    sb.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(fit.Status[i].ToString().ToLowerInvariant()).Append('\n');
                }

                File.WriteAllText(file.FullName, sb.ToString());
                Console.Error.WriteLine($"wrote {file.FullName}");
            }

            return 0;
        }));
        return command;
    }

    // Prints one updating progress line on standard error once a fit has run for more than a second.
    private sealed class Progress : IProgress<FitProgress>
    {
        private bool _shown;

        public void Report(FitProgress value)
        {
            if (value.Elapsed.TotalSeconds < 1)
            {
                return;
            }

            _shown = true;
            Console.Error.Write($"\rIRLS iteration {value.Iteration}: deviance {value.Deviance:G10}, relative change {value.RelativeChange:E2}, {value.Elapsed.TotalSeconds:F1} s   ");
        }

        public void Finish()
        {
            if (_shown)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
