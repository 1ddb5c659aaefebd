using System.CommandLine;
using System.Globalization;
using System.Text;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;
using Tightrope.Numerics;

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
        var feSolver = new Option<string>("--fe-solver") { Description = "Fixed-effect solver: auto (default), ap (alternating projections) or cg (conjugate gradients).", DefaultValueFactory = _ => "auto" };
        var tolerance = new Option<double>("--tolerance") { Description = "Convergence tolerance of the IRLS deviance and of the fixed-effect solver (default 1e-12).", DefaultValueFactory = _ => 1e-12 };
        var ssc = new Option<string>("--ssc") { Description = "Small-sample conventions of the standard errors: stata (default) or fixest.", DefaultValueFactory = _ => "stata" };
        var command = new Command("estimate", "Estimate a gravity equation by PPML or OLS with high-dimensional fixed effects.")
        {
            data, formula, model, vcov, format, diagnostics, subset, derive, weights, offset, feSolver, tolerance, ssc,
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
            var solver = parse.GetValue(feSolver)!.ToLowerInvariant() switch
            {
                "auto" => FixedEffectSolver.Auto,
                "ap" or "alternating" => FixedEffectSolver.AlternatingProjections,
                "cg" or "krylov" => FixedEffectSolver.ConjugateGradient,
                var f => throw new ArgumentException($"--fe-solver '{f}': expected auto, ap or cg."),
            };
            var convention = parse.GetValue(ssc)!.ToLowerInvariant() switch
            {
                "stata" => SmallSampleConvention.Stata,
                "fixest" => SmallSampleConvention.Fixest,
                var c => throw new ArgumentException($"--ssc '{c}': expected stata or fixest."),
            };
            var tol = parse.GetValue(tolerance);
            if (!(tol > 0 && tol < 1))
            {
                throw new ArgumentException($"--tolerance {tol.ToString(CultureInfo.InvariantCulture)}: expected a number between 0 and 1, e.g. 1e-10.");
            }

            var table = TableReader.Read(parse.GetValue(data)!.FullName);
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
                FixedEffectSolver = solver,
                SmallSample = convention,
                Tolerance = tol,
                InnerTolerance = tol,
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
