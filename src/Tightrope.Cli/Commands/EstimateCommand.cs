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
        var formula = new Option<string[]>("--formula")
        {
            Description = "Formula, e.g. \"trade ~ log(DIST) + CNTG | exporter^year + importer^year\"; repeat for several models side by side. Names that are not identifiers go between backticks.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var model = new Option<string[]>("--model") { Description = "Estimator: ppml (default) or ols; once for every model, or once per --formula.", AllowMultipleArgumentsPerToken = false };
        var vcov = new Option<string[]>("--vcov") { Description = "Standard errors: iid, hetero (default) or cluster:VAR[,VAR]; once for every model, or once per --formula.", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "Output: table (default), markdown, latex, html or csv (coefficients only; see --stats).", DefaultValueFactory = _ => "table" };
        var statsFile = new Option<FileInfo?>("--stats") { Description = "Write the fit statistics of every model (model,statistic,value) to this CSV file." };
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
            data, formula, model, vcov, format, statsFile, diagnostics, subset, derive, weights, offset, feSolver, tolerance, ssc,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var outputFormat = parse.GetValue(format)!.ToLowerInvariant() switch
            {
                "table" => OutputFormat.Table,
                "csv" => OutputFormat.Csv,
                "markdown" or "md" => OutputFormat.Markdown,
                "latex" or "tex" => OutputFormat.Latex,
                "html" => OutputFormat.Html,
                var f => throw new ArgumentException($"--format '{f}': expected table, markdown, latex, html or csv."),
            };
            var formulas = parse.GetValue(formula) ?? [];
            var parsed = formulas.Select(GravityFormula.Parse).ToList();
            var estimators = PerModel(parse.GetValue(model), "ppml", formulas.Length, "--model").Select(m => m.ToLowerInvariant() switch
            {
                "ppml" or "poisson" => GravityModel.Ppml,
                "ols" => GravityModel.Ols,
                _ => throw new ArgumentException($"--model '{m}': expected ppml or ols."),
            }).ToList();
            var vcovs = PerModel(parse.GetValue(vcov), "hetero", formulas.Length, "--vcov").Select(VcovSpec.Parse).ToList();
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

            var mask = parse.GetValue(subset) is { } s ? RowExpression.Parse(s).EvaluateCondition(table) : null;
            var fits = new List<GravityFit>();
            for (var f = 0; f < parsed.Count; f++)
            {
                var options = new EstimationOptions
                {
                    Model = estimators[f],
                    Vcov = vcovs[f],
                    Weights = parse.GetValue(weights),
                    Offset = parse.GetValue(offset),
                    Subset = mask,
                    FixedEffectSolver = solver,
                    SmallSample = convention,
                    Tolerance = tol,
                    InnerTolerance = tol,
                };
                var progress = new Progress(parsed.Count > 1 ? $"({f + 1}) " : string.Empty);
                fits.Add(GravityEstimator.Fit(table, parsed[f], options, progress));
                progress.Finish();
            }

            // One model: the detailed coefficient and statistics tables; several: one table with a column per model.
            // CSV is data: the coefficients only, notes on standard error, statistics in --stats.
            var notes = fits.SelectMany((fit, f) => fit.Messages.Select(m => (fits.Count > 1 ? $"({f + 1}) " : string.Empty) + "note: " + m)).ToList();
            if (outputFormat == OutputFormat.Csv)
            {
                Console.Out.Write(ModelTable.CoefficientsCsv(fits));
                notes.ForEach(Console.Error.WriteLine);
            }
            else if (fits.Count == 1 && outputFormat != OutputFormat.Html)
            {
                Console.Out.Write(FitFormatter.Format(fits[0], outputFormat));
                if (outputFormat != OutputFormat.Table)
                {
                    notes.ForEach(Console.Error.WriteLine);
                }
            }
            else
            {
                Console.Out.Write(ModelTable.Format(fits, outputFormat));
                if (outputFormat == OutputFormat.Table)
                {
                    notes.ForEach(Console.Out.WriteLine);
                }
                else
                {
                    notes.ForEach(Console.Error.WriteLine);
                }
            }

            if (parse.GetValue(statsFile) is { } statsPath)
            {
                File.WriteAllText(statsPath.FullName, ModelTable.StatisticsCsv(fits));
                Console.Error.WriteLine($"wrote {statsPath.FullName}");
            }

            if (parse.GetValue(diagnostics) is { } file)
            {
                var sb = new StringBuilder(fits.Count == 1 ? "row,status\n" : "row," + string.Join(",", fits.Select((_, f) => $"status_{f + 1}")) + "\n");
                for (var i = 0; i < table.RowCount; i++)
                {
                    sb.Append((i + 1).ToString(CultureInfo.InvariantCulture));
                    foreach (var fit in fits)
                    {
                        sb.Append(',').Append(fit.Status[i].ToString().ToLowerInvariant());
                    }

                    sb.Append('\n');
                }

                File.WriteAllText(file.FullName, sb.ToString());
                Console.Error.WriteLine($"wrote {file.FullName}");
            }

            return 0;
        }));
        return command;
    }

    // An option given once applies to every model; given several times, once per --formula.
    private static string[] PerModel(string[]? values, string fallback, int models, string option)
    {
        values = values is { Length: > 0 } ? values : [fallback];
        if (values.Length == 1)
        {
            return Enumerable.Repeat(values[0], models).ToArray();
        }

        return values.Length == models
            ? values
            : throw new ArgumentException($"{option} given {values.Length} times for {models} formulas: give it once (for every model) or once per --formula.");
    }

    // Prints one updating progress line on standard error once a fit has run for more than a second.
    private sealed class Progress(string prefix) : IProgress<FitProgress>
    {
        private bool _shown;

        public void Report(FitProgress value)
        {
            if (value.Elapsed.TotalSeconds < 1)
            {
                return;
            }

            _shown = true;
            Console.Error.Write($"\r{prefix}IRLS iteration {value.Iteration}: deviance {value.Deviance:G10}, relative change {value.RelativeChange:E2}, {value.Elapsed.TotalSeconds:F1} s   ");
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
