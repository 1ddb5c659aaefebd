using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using MathNet.Numerics.Distributions;
using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Numerics;

namespace Tightrope.Gravity.Estimation;

/// <summary>
/// Estimates gravity equations: PPML (IRLS) or OLS with any number of absorbed fixed effects, weights and an offset, after
/// dropping missing values, singletons and separated observations; computes iid, robust or clustered standard errors.
/// </summary>
public static class GravityEstimator
{
    /// <summary>Name of the constant added when the formula has no fixed effects.</summary>
    public const string InterceptName = "(Intercept)";

    /// <summary>Parses <paramref name="formula"/> and fits it to <paramref name="data"/>.</summary>
    public static GravityFit Fit(ColumnarTable data, string formula, EstimationOptions? options = null, IProgress<FitProgress>? progress = null) =>
        Fit(data, GravityFormula.Parse(formula), options, progress);

    /// <summary>Fits <paramref name="formula"/> to <paramref name="data"/>. Bad input raises <see cref="DataFormatException"/> or
    /// <see cref="KeyNotFoundException"/> naming the file, row and variable; non-convergence raises <see cref="SolverDidNotConvergeException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static GravityFit Fit(ColumnarTable data, GravityFormula formula, EstimationOptions? options = null, IProgress<FitProgress>? progress = null)
    {
        options ??= new EstimationOptions();
        var clock = Stopwatch.StartNew();
        var n = data.RowCount;
        var ppml = options.Model == GravityModel.Ppml;
        var messages = new List<string>();
        var status = new ObservationStatus[n];
        if (options.Subset is { } subset)
        {
            if (subset.Count != n)
            {
                throw new ArgumentException($"the subset has {subset.Count} entries for {n} rows.");
            }

            for (var i = 0; i < n; i++)
            {
                if (!subset[i])
                {
                    status[i] = ObservationStatus.Excluded;
                }
            }
        }

        // Read every variable first so that a missing or non-numeric variable is reported before any work.
        var yAll = TermValues(data, formula.Outcome);
        var xAll = formula.Regressors.Select(t => TermValues(data, t)).ToList();
        var encoded = InParallel(formula.FixedEffects.Count, k => FactorEncoding.Encode(data, formula.FixedEffects[k]));
        var feCodes = encoded.Select(e => e.Codes).ToList();
        var feLevels = encoded.Select(e => e.FirstRow.Count).ToList();
        var feFirstRow = encoded.Select(e => e.FirstRow).ToList();

        var weights = options.Weights is null ? null : data.Numeric(options.Weights).Values;
        var offsetAll = options.Offset is null ? null : TermValues(data, ParseOffset(options.Offset));
        var clusterCodes = new List<(int[] Codes, int Levels)>();
        if (options.Vcov.Kind == VcovKind.Cluster)
        {
            foreach (var v in options.Vcov.ClusterVariables)
            {
                var (clusterCode, first) = FactorEncoding.Encode(data, [v]);
                clusterCodes.Add((clusterCode, first.Count));
            }
        }

        var clusterColumns = clusterCodes.ConvertAll(c => c.Codes);
        for (var i = 0; i < n; i++)
        {
            if (status[i] != ObservationStatus.Used)
            {
                continue;
            }

            var missing = double.IsNaN(yAll[i]) || AnyNaN(xAll, i) || AnyNegative(feCodes, i)
                          || (weights is not null && double.IsNaN(weights[i])) || (offsetAll is not null && double.IsNaN(offsetAll[i]))
                          || AnyNegative(clusterColumns, i);
            if (missing)
            {
                status[i] = ObservationStatus.Missing;
                continue;
            }

            if (ppml && yAll[i] < 0)
            {
                throw new DataFormatException(data.Source, data.RowLabel(i), formula.Outcome.Label, $"negative outcome {yAll[i]}; Poisson (PPML) needs a non-negative outcome");
            }

            if (weights is not null && weights[i] < 0)
            {
                throw new DataFormatException(data.Source, data.RowLabel(i), options.Weights, $"negative weight {weights[i]}");
            }
        }

        var missingCount = CountStatus(status, ObservationStatus.Missing);
        if (missingCount > 0)
        {
            messages.Add($"{missingCount} observations dropped: a model variable is missing or its log is undefined.");
        }

        var candidates = PositionsWith(status, ObservationStatus.Used);
        if (candidates.Length == 0)
        {
            throw new DataFormatException(data.Source, null, null, "no observation has every model variable");
        }

        if (ppml && candidates.All(i => yAll[i] == 0))
        {
            throw new DataFormatException(data.Source, null, formula.Outcome.Label, "the outcome is zero for every observation; PPML needs some positive values");
        }

        Trace(clock, "encoded");
        var (separationIterations, learnedSolver, checkedRows, checkedProjector) = SelectSample(candidates, status, yAll, xAll, feCodes, feLevels, ppml, options, clock);
        Trace(clock, "sample selected");
        var rows = Array.FindAll(candidates, i => status[i] == ObservationStatus.Used);
        var singletons = CountStatus(status, ObservationStatus.Singleton);
        var separated = CountStatus(status, ObservationStatus.Separated);
        if (singletons > 0)
        {
            messages.Add($"{singletons} singleton observations dropped.");
        }

        if (separated > 0)
        {
            messages.Add($"{separated} separated observations dropped.");
        }

        if (rows.Length == 0)
        {
            throw new DataFormatException(data.Source, null, null, "no observation left after dropping singletons and separated observations");
        }

        // Compact arrays over the estimation sample.
        var m = rows.Length;
        var y = Gather(yAll, rows);
        if (!ppml)
        {
            CheckOutcomeVaries(data, formula, y);
        }
        var terms = formula.Regressors.Select(r => r.Label).ToList();
        var x = xAll.Select(c => Gather(c, rows)).ToList();
        if (formula.FixedEffects.Count == 0)
        {
            terms.Insert(0, InterceptName);
            var ones = new double[m];
            Array.Fill(ones, 1.0);
            x.Insert(0, ones);
        }

        var wt = weights is null ? Ones(m) : Gather(weights, rows);
        var off = offsetAll is null ? new double[m] : Gather(offsetAll, rows);
        var compacted = InParallel(feCodes.Count, k => FactorEncoding.Compact(feCodes[k], rows, feLevels[k]));
        var codes = compacted.Select(c => c.Codes).ToArray();
        var levels = compacted.Select(c => c.OldCode.Length).ToArray();
        // Level labels are only needed for fixed-effect recovery; formatting them (hundreds of thousands of strings on large
        // panels) runs in the background during the fit.
        var labelsTask = Task.Run(() => compacted
            .Select((c, k) => c.OldCode.Select(o => FactorEncoding.Label(data, formula.FixedEffects[k], feFirstRow[k][o])).ToArray())
            .ToArray());

        Trace(clock, "compacted");
        // A separation check that had to switch to conjugate gradients has shown the design to be weakly connected: the fit
        // starts there instead of probing again.
        var solver = options.FixedEffectSolver == FixedEffectSolver.Auto && learnedSolver == FixedEffectSolver.ConjugateGradient
            ? FixedEffectSolver.ConjugateGradient
            : options.FixedEffectSolver;
        // The separation check's projector serves the fit when it saw exactly these observations: the codes are the same, so its
        // sorted layout and coarse space (built from the codes alone) need not be built again.
        var projector = checkedProjector is not null && checkedRows is not null && checkedRows.AsSpan().SequenceEqual(rows)
            ? checkedProjector
            : new FixedEffectProjector(m, codes, levels, solver);
        var passesBefore = projector.TotalIterations;
        var reg = new AbsorbedRegression(projector, [.. x]);
        double[] mu;
        double[] fePart;
        double[] score;
        double[] b;
        int iterations;
        double deviance;
        if (ppml)
        {
            (b, mu, iterations, deviance, fePart) = FitPoisson(reg, y, wt, off, x, options, progress, clock);
            score = new double[m];
            for (var i = 0; i < m; i++)
            {
                score[i] = wt[i] * (y[i] - mu[i]);
            }
        }
        else
        {
            reg.SetWeights(wt);
            var yt = new double[m];
            var dependent = new double[m];
            TensorPrimitives.Subtract(y, off, dependent);
            reg.Demean(dependent, yt, options.InnerTolerance);
            var e = new double[m];
            b = reg.Solve(yt, e);
            mu = new double[m];
            TensorPrimitives.Subtract(y, e, mu);
            fePart = FixedEffectPart(mu, off, x, reg.Kept, b);
            score = new double[m];
            TensorPrimitives.Multiply(wt, e, score);
            iterations = 1;
            deviance = 0;
            for (var i = 0; i < m; i++)
            {
                deviance += wt[i] * e[i] * e[i];
            }
        }

        Trace(clock, "fitted");
        var feIterations = projector.TotalIterations - passesBefore;
        var dropped = reg.Dropped.Select(j => new DroppedTerm(terms[j], reg.IsAbsorbed(j)
            ? $"absorbed by the fixed effects ({string.Join(" + ", formula.FixedEffects.Select(f => string.Join("^", f)))})"
            : "collinear with other regressors")).ToList();
        if (dropped.Count > 0 && dropped.Count == terms.Count)
        {
            throw new DegenerateModelException(
                $"every regressor was dropped ({string.Join("; ", dropped.Select(d => $"{d.Term}: {d.Reason}"))}); nothing is left to estimate");
        }

        if (!ppml && deviance <= 1e-24 * TotalSumOfSquares(y, wt))
        {
            throw new DegenerateModelException($"the fixed effects and regressors fit the outcome '{formula.Outcome.Label}' exactly (residual sum of squares {deviance:G3}); standard errors do not exist");
        }

        foreach (var d in dropped)
        {
            messages.Add($"{d.Term} dropped: {d.Reason}.");
        }

        var kept = reg.Kept.ToArray();
        var absorbed = AbsorbedDf(codes, levels);
        var bread = reg.InverseCrossProduct();
        var clusterSample = clusterCodes.Select(c => FactorEncoding.Compact(c.Codes, rows, c.Levels)).Select(c => (c.Codes, c.OldCode.Length)).ToList();
        var kCounted = Vcov.ParametersCounted(options.SmallSample, options.Vcov.Kind, kept.Length, absorbed, codes, levels, clusterSample);
        var (vcov, df) = Vcov.Compute(options.Vcov.Kind, ppml, kept.Select(j => reg.Xt[j]).ToArray(), bread, score, wt, m, kCounted, clusterSample, options.SmallSample);
        Trace(clock, "covariance");
        var coefficients = new List<CoefficientEstimate>();
        var cov = new double[kept.Length, kept.Length];
        for (var a = 0; a < kept.Length; a++)
        {
            var se = Math.Sqrt(vcov[(a * kept.Length) + a]);
            var stat = b[a] / se;
            var p = ppml || df <= 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(stat)) : 2 * StudentT.CDF(0, 1, df, -Math.Abs(stat));
            coefficients.Add(new CoefficientEstimate(terms[kept[a]], b[a], se, stat, p));
            for (var c = 0; c < kept.Length; c++)
            {
                cov[a, c] = vcov[(a * kept.Length) + c];
            }
        }

        var (ll, pseudo, r2) = Goodness(y, mu, wt, ppml, deviance);
        var stats = new FitStatistics
        {
            Rows = n,
            Observations = m,
            Excluded = CountStatus(status, ObservationStatus.Excluded),
            DroppedMissing = missingCount,
            DroppedSingletons = singletons,
            DroppedSeparated = separated,
            Iterations = iterations,
            Deviance = deviance,
            LogLikelihood = ll,
            PseudoR2 = pseudo,
            SquaredCorrelation = r2,
            AbsorbedDegreesOfFreedom = absorbed,
            Clusters = clusterSample.Select(c => c.Item2).ToList(),
            FixedEffectSolver = projector.ActiveSolver,
            FixedEffectIterations = feIterations,
            SeparationIterations = separationIterations,
            ParametersCounted = kCounted,
        };
        Trace(clock, "statistics");
        var warm = (double[])reg.AlphaZ.Clone();
        if (ppml)
        {
            for (var a = 0; a < kept.Length; a++)
            {
                TensorPrimitives.MultiplyAdd(reg.AlphaX[kept[a]], -b[a], warm, warm);
            }
        }

        var labels = labelsTask.GetAwaiter().GetResult();
        Trace(clock, "labels formatted");
        var state = new FitState(rows, mu, projector, codes, levels, labels, fePart, warm);
        return new GravityFit(formula, options, coefficients, cov, dropped, stats, status, messages, state);
    }

    // OLS on a constant outcome (all zero, or one value throughout) leaves nothing to explain: an error, not a fit with zero
    // standard errors. (PPML on a constant positive outcome is well defined: every coefficient is 0 with Poisson standard errors;
    // an all-zero PPML outcome is rejected before sample selection.)
    private static void CheckOutcomeVaries(ColumnarTable data, GravityFormula formula, double[] y)
    {
        var first = y[0];
        foreach (var v in y)
        {
            if (v != first)
            {
                return;
            }
        }

        var what = first == 0 ? "zero for every observation" : $"constant ({first.ToString("G10", System.Globalization.CultureInfo.InvariantCulture)} for every observation)";
        throw new DegenerateModelException($"the outcome '{formula.Outcome.Label}' is {what} in the estimation sample of {data.Source}; OLS has nothing to explain");
    }

    private static double TotalSumOfSquares(double[] y, double[] wt)
    {
        double sw = 0, sy = 0;
        for (var i = 0; i < y.Length; i++)
        {
            sw += wt[i];
            sy += wt[i] * y[i];
        }

        var mean = sy / sw;
        var tss = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            tss += wt[i] * (y[i] - mean) * (y[i] - mean);
        }

        return tss;
    }

    /// <summary>The values of a term for every row of <paramref name="data"/>; the log of a non-positive value is NaN (treated as missing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] TermValues(ColumnarTable data, FormulaTerm term)
    {
        var values = data.Numeric(term.Variable).Values;
        if (!term.Log)
        {
            return values;
        }

        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] > 0 ? Math.Log(values[i]) : double.NaN;
        }

        return result;
    }

    /// <summary>Parses an offset given as <c>var</c> or <c>log(var)</c>.</summary>
    public static FormulaTerm ParseOffset(string text) => GravityFormula.Parse($"__offset ~ {text}").Regressors.Single();

    private static (long SeparationIterations, FixedEffectSolver Solver, int[]? CheckedRows, FixedEffectProjector? Projector) SelectSample(int[] candidates, ObservationStatus[] status, double[] yAll, List<double[]> xAll,
        List<int[]> feCodes, List<int> feLevels, bool ppml, EstimationOptions options, Stopwatch clock)
    {
        var separationIterations = 0L;
        var solver = options.FixedEffectSolver;
        int[]? checkedRows = null;
        FixedEffectProjector? checkedProjector = null;
        var local = new ObservationStatus[candidates.Length];
        var yc = Gather(yAll, candidates);
        var codes = feCodes.ToArray();
        var levels = feLevels.ToArray();
        // Separation first (an observation with a zero outcome alone in its group is separated, not a singleton), then singletons;
        // repeated until neither changes the sample.
        for (var round = 0; round < 100; round++)
        {
            if (ppml && options.CheckSeparation)
            {
                Separation.DropSingletonsAndZeroGroups(candidates, yc, codes, levels, local, false, true);
            }

            // Drops by the all-zero-group rule alone do not call for another round: the rectifier below sees the sample without them.
            var before = local.Length - CountStatus(local, ObservationStatus.Used);
            if (ppml && options.CheckSeparation)
            {
                var active = PositionsWith(local, ObservationStatus.Used);
                var rows = new int[active.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i] = candidates[active[i]];
                }

                var ya = Gather(yAll, rows);
                var xa = xAll.Select(c => Gather(c, rows)).ToArray();
                if (codes.Length == 0)
                {
                    xa = [.. xa, Ones(rows.Length)];
                }

                var ca = new int[codes.Length][];
                var la = new int[codes.Length];
                for (var k = 0; k < codes.Length; k++)
                {
                    var (c, old) = FactorEncoding.Compact(codes[k], rows, levels[k]);
                    ca[k] = c;
                    la[k] = old.Length;
                }

                Trace(clock, "  zero groups dropped");
                var check = Separation.Rectifier(ya, xa, ca, la, solver);
                separationIterations += check.Iterations;
                (checkedRows, checkedProjector) = (rows, check.Projector);
                if (solver == FixedEffectSolver.Auto && check.Solver == FixedEffectSolver.ConjugateGradient)
                {
                    solver = FixedEffectSolver.ConjugateGradient;
                }

                foreach (var s in check.Separated)
                {
                    local[active[s]] = ObservationStatus.Separated;
                }
            }

            Trace(clock, "  separation checked");
            if (options.DropSingletons)
            {
                Separation.DropSingletonsAndZeroGroups(candidates, yc, codes, levels, local, true, ppml && options.CheckSeparation);
            }

            if (local.Length - CountStatus(local, ObservationStatus.Used) == before)
            {
                break;
            }
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            status[candidates[i]] = local[i];
        }

        return (separationIterations, solver, checkedRows, checkedProjector);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] B, double[] Mu, int Iterations, double Deviance, double[] FePart) FitPoisson(
        AbsorbedRegression reg, double[] y, double[] wt, double[] off, List<double[]> x, EstimationOptions options, IProgress<FitProgress>? progress, Stopwatch clock)
    {
        var m = y.Length;
        var mean = 0.0;
        var sw = 0.0;
        for (var i = 0; i < m; i++)
        {
            mean += wt[i] * y[i];
            sw += wt[i];
        }

        mean /= sw;
        var mu = new double[m];
        var eta = new double[m];
        for (var i = 0; i < m; i++)
        {
            mu[i] = (y[i] + mean) / 2;
        }

        for (var i = 0; i < m; i++)
        {
            eta[i] = Math.Log(mu[i]);
        }

        var dev = Deviance(y, mu, wt);
        var w = new double[m];
        var z = new double[m];
        // The regression's residual overwrites the demeaned outcome in place (it is not needed afterwards): one vector less.
        var zt = new double[m];
        var e = zt;
        var etaNew = new double[m];
        var muNew = new double[m];
        var b = Array.Empty<double>();
        var inner = Math.Max(options.InnerTolerance, 1e-4);
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            for (var i = 0; i < m; i++)
            {
                w[i] = wt[i] * mu[i];
                z[i] = eta[i] - off[i] + ((y[i] - mu[i]) / mu[i]);
            }

            var tPre = clock.Elapsed.TotalSeconds;
            reg.SetWeights(w);
            var tW = clock.Elapsed.TotalSeconds;

            // The first iteration projects more tightly: which regressors the fixed effects absorb is decided on it
            // (an absorbed column keeps a relative norm of about the tolerance, far below the 1e-9 relative pivot threshold squared).
            reg.Demean(z, zt, iteration == 1 ? Math.Min(inner, 1e-6) : inner);
            if (Environment.GetEnvironmentVariable("TIGHTROPE_TRACE") is not null)
            {
                Console.Error.WriteLine($"iteration {iteration}: inner {inner:E1} sweeps {reg.LastSweeps} weights {tW - tPre:F3} s demean {clock.Elapsed.TotalSeconds - tW:F3} s at {clock.Elapsed.TotalSeconds:F2} s (process cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} s)");
            }

            b = reg.Solve(zt, zt);
            LinearPredictor(off, z, e, etaNew, muNew);

            var devNew = Deviance(y, muNew, wt);
            for (var halving = 0; halving < 30 && !(devNew <= dev * (1 + 1e-12)) && iteration > 1; halving++)
            {
                for (var i = 0; i < m; i++)
                {
                    etaNew[i] = 0.5 * (eta[i] + etaNew[i]);
                    muNew[i] = Math.Exp(etaNew[i]);
                }

                devNew = Deviance(y, muNew, wt);
            }

            var change = Math.Abs(devNew - dev) / Math.Max(Math.Min(devNew, dev), 0.1);
            (eta, etaNew) = (etaNew, eta);
            (mu, muNew) = (muNew, mu);
            dev = devNew;
            progress?.Report(new FitProgress(iteration, dev, change, clock.Elapsed));
            if (!double.IsFinite(dev))
            {
                throw new SolverDidNotConvergeException("PPML deviance is not finite (overflow in exp); consider rescaling the outcome", iteration, dev);
            }

            if (change < options.Tolerance && inner <= options.InnerTolerance)
            {
                // Demean the regressors once more at the converged weights for the covariance.
                for (var i = 0; i < m; i++)
                {
                    w[i] = wt[i] * mu[i];
                }

                reg.SetWeights(w);
                reg.Demean(null, null, options.InnerTolerance);
                if (Environment.GetEnvironmentVariable("TIGHTROPE_TRACE") is not null)
                {
                    Console.Error.WriteLine($"final regressor projection: sweeps {reg.LastSweeps} at {clock.Elapsed.TotalSeconds:F2} s");
                }

                return (b, mu, iteration, dev, FixedEffectPart(eta, off, x, reg.Kept, b));
            }

            inner = Math.Max(options.InnerTolerance, Math.Min(inner, change * 1e-3));
        }

        throw new SolverDidNotConvergeException($"PPML (IRLS) did not converge in {options.MaxIterations} iterations", options.MaxIterations, dev);
    }

    // The fixed-effect part of the linear predictor: η − offset − x'b.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] FixedEffectPart(double[] fitted, double[] off, List<double[]> x, IReadOnlyList<int> kept, double[] b)
    {
        var fe = new double[fitted.Length];
        for (var i = 0; i < fe.Length; i++)
        {
            fe[i] = fitted[i] - off[i];
        }

        for (var a = 0; a < kept.Count; a++)
        {
            AddScaled(x[kept[a]], -b[a], fe);
        }

        return fe;
    }

    // η = offset + z − e and μ = exp(η) in one pass. Plain loops compiled optimised from the first call: the vectorised
    // library kernels start in unoptimised tier-0 code, which costs more than it saves for the few calls of one fit.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LinearPredictor(double[] off, double[] z, double[] e, double[] eta, double[] mu)
    {
        for (var i = 0; i < eta.Length; i++)
        {
            var v = off[i] + z[i] - e[i];
            eta[i] = v;
            mu[i] = Math.Exp(v);
        }
    }

    /// <summary>target += scale · source, as an optimised scalar loop (see <see cref="LinearPredictor"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddScaled(double[] source, double scale, double[] target)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Deviance(double[] y, double[] mu, double[] wt)
    {
        var d = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var t = y[i] > 0 ? (y[i] * Math.Log(y[i] / mu[i])) - (y[i] - mu[i]) : mu[i];
            d += wt[i] * t;
        }

        return 2 * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double LogLikelihood, double Pseudo, double SquaredCorrelation) Goodness(double[] y, double[] mu, double[] wt, bool ppml, double deviance)
    {
        var m = y.Length;
        double sw = 0, sy = 0;
        for (var i = 0; i < m; i++)
        {
            sw += wt[i];
            sy += wt[i] * y[i];
        }

        var ybar = sy / sw;
        var corr2 = SquaredCorrelation(y, mu);
        if (ppml)
        {
            double ll = 0, ll0 = 0;
            var logYbar = Math.Log(ybar);
            // ln Γ(y + 1) of the small integer counts most outcomes are, computed once per value (the same numbers, far fewer calls).
            var logFactorial = new double[4096];
            Array.Fill(logFactorial, double.NaN);
            for (var i = 0; i < m; i++)
            {
                var yi = y[i];
                double lg;
                if (yi == 0)
                {
                    lg = 0;
                }
                else if (yi < logFactorial.Length && yi == Math.Floor(yi))
                {
                    ref var cached = ref logFactorial[(int)yi];
                    if (double.IsNaN(cached))
                    {
                        cached = MathNet.Numerics.SpecialFunctions.GammaLn(yi + 1);
                    }

                    lg = cached;
                }
                else
                {
                    lg = MathNet.Numerics.SpecialFunctions.GammaLn(yi + 1);
                }

                ll += wt[i] * ((yi > 0 ? yi * Math.Log(mu[i]) : 0) - mu[i] - lg);
                ll0 += wt[i] * ((yi > 0 ? yi * logYbar : 0) - ybar - lg);
            }

            return (ll, 1 - (ll / ll0), corr2);
        }

        double tss = 0;
        for (var i = 0; i < m; i++)
        {
            tss += wt[i] * (y[i] - ybar) * (y[i] - ybar);
        }

        var llOls = -0.5 * sw * (Math.Log(2 * Math.PI * deviance / sw) + 1);
        return (llOls, 1 - (deviance / tss), corr2);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredCorrelation(double[] a, double[] b)
    {
        var n = a.Length;
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab * sab / (saa * sbb);
    }

    private static int AbsorbedDf(int[][] codes, int[] levels)
    {
        if (levels.Length == 0)
        {
            return 0;
        }

        var df = levels.Sum();
        for (var k = 1; k < levels.Length; k++)
        {
            ConnectedComponents.Label(codes[0], levels[0], codes[k], levels[k], out var components);
            df -= components;
        }

        return df;
    }

    // One job per fixed-effect dimension on the thread pool; an error is rethrown as itself (not wrapped), the first
    // dimension's first, so that the message the user sees does not depend on scheduling.
    private static T[] InParallel<T>(int count, Func<int, T> job)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        Parallel.For(0, count, k =>
        {
            try
            {
                results[k] = job(k);
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        });
        foreach (var e in errors)
        {
            if (e is not null)
            {
                ExceptionDispatchInfo.Throw(e);
            }
        }

        return results;
    }

    // Plain loops: these scans run over every row of the table, where LINQ's per-element delegate calls add up.
    private static int CountStatus(ObservationStatus[] status, ObservationStatus value)
    {
        var count = 0;
        foreach (var s in status)
        {
            if (s == value)
            {
                count++;
            }
        }

        return count;
    }

    private static int[] PositionsWith(ObservationStatus[] status, ObservationStatus value)
    {
        var result = new int[CountStatus(status, value)];
        var j = 0;
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == value)
            {
                result[j++] = i;
            }
        }

        return result;
    }

    // Per-row checks without closures: the missing-value scan runs over every row of the table.
    private static bool AnyNaN(List<double[]> columns, int i)
    {
        foreach (var c in columns)
        {
            if (double.IsNaN(c[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyNegative(List<int[]> columns, int i)
    {
        foreach (var c in columns)
        {
            if (c[i] < 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void Trace(Stopwatch clock, string what)
    {
        if (Environment.GetEnvironmentVariable("TIGHTROPE_TRACE") is not null)
        {
            Console.Error.WriteLine($"{what} at {clock.Elapsed.TotalSeconds:F2} s (process cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} s)");
        }
    }

    // Inputs are never written to, so when every row is kept the original array serves.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Gather(double[] values, int[] rows)
    {
        if (rows.Length == values.Length)
        {
            return values;
        }

        var r = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            r[i] = values[rows[i]];
        }

        return r;
    }

    private static double[] Ones(int m)
    {
        var r = new double[m];
        Array.Fill(r, 1.0);
        return r;
    }
}
