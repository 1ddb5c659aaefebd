using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.CaliendoParro;

/// <summary>How <see cref="CpSolver"/> iterates.</summary>
public enum CpAlgorithm
{
    /// <summary>
    /// The nested loops of the spec with warm starts: Anderson-accelerated wage updates, the price loop restarted from the
    /// last prices, and the spending system (E4) solved by accelerated iteration instead of a dense factorisation.
    /// </summary>
    Accelerated,

    /// <summary>The spec's loops as written: plain wage steps of 0.2, prices restarted at 1, a dense LU solve of (E4) per step.</summary>
    Reference,
}

/// <summary>Tolerances and algorithm for <see cref="CpSolver"/>.</summary>
public sealed record CpSolverOptions
{
    /// <summary>Algorithm; <see cref="CpAlgorithm.Accelerated"/> unless comparing.</summary>
    public CpAlgorithm Algorithm { get; init; } = CpAlgorithm.Accelerated;

    /// <summary>Converged when Σ_n |Z_n| (trade-balance residuals over value added) is at most this.</summary>
    public double WageTolerance { get; init; } = 1e-9;

    /// <summary>Price loop tolerance: largest change of a sectoral price index between passes.</summary>
    public double PriceTolerance { get; init; } = 1e-11;

    /// <summary>Step of the wage update w ← w + step·Z (the authors use 0.2).</summary>
    public double WageStep { get; init; } = 0.2;

    /// <summary>Anderson depth of the accelerated wage iteration; 0 gives the authors' plain damped steps.</summary>
    public int AndersonDepth { get; init; } = 5;

    /// <summary>Wage iteration limit (an error when reached).</summary>
    public int MaxWageIterations { get; init; } = 2000;

    /// <summary>Default options.</summary>
    public static CpSolverOptions Default { get; } = new();
}

/// <summary>One solved equilibrium in changes relative to the 1993 data, for given tariffs and target surpluses.</summary>
/// <param name="WageHat">ŵ_n.</param>
/// <param name="PriceHat">P̂^j_n at [n·J + j].</param>
/// <param name="CostHat">ĉ^j_n at [n·J + j].</param>
/// <param name="Tariffs">The tariffs solved for, rates [sector, exporter, importer].</param>
/// <param name="Spending">X′^j_n (USD) at [n·J + j].</param>
/// <param name="ProducerShare">F′^j_n at [n·J + j].</param>
/// <param name="GrossOutput">Y′^j_n (USD) at [n·J + j].</param>
/// <param name="Income">I′_n = ŵ_n VA_n + tariff revenue − S′_n (USD).</param>
/// <param name="TariffRevenue">Σ_j (1 − F′^j_n) X′^j_n (USD).</param>
/// <param name="Surplus">S′_n imposed (USD).</param>
/// <param name="Diagnostics">Iterations, residual and time.</param>
public sealed record CpEquilibrium(
    double[] WageHat,
    double[] PriceHat,
    double[] CostHat,
    SectoralPairMatrix Tariffs,
    double[] Spending,
    double[] ProducerShare,
    double[] GrossOutput,
    double[] Income,
    double[] TariffRevenue,
    double[] Surplus,
    CpSolveDiagnostics Diagnostics)
{
    /// <summary>Kernel layout: π′^j_{ni} (importer n, exporter i) at [(j·N + n)·N + i].</summary>
    internal double[] Pi { get; init; } = [];

    /// <summary>Kernel layout: 1 + τ′^j_{ni} (importer n, exporter i) at [(j·N + n)·N + i].</summary>
    internal double[] TariffFactor { get; init; } = [];

    /// <summary>Producer-price flow (USD) of <paramref name="sector"/> from <paramref name="exporter"/> to <paramref name="importer"/>: π′ X′ / (1 + τ′).</summary>
    public double FlowOf(int sector, int exporter, int importer) => Flow(sector, importer, exporter, Tariffs.Countries.Count, Tariffs.Sectors.Count);

    /// <summary>Producer-price flows (USD) of every sector as a typed matrix.</summary>
    public SectoralPairMatrix Flows()
    {
        int n = Tariffs.Countries.Count, j = Tariffs.Sectors.Count;
        var values = new double[j * n * n];
        for (var s = 0; s < j; s++)
        {
            for (var e = 0; e < n; e++)
            {
                for (var i = 0; i < n; i++)
                {
                    values[(((s * n) + e) * n) + i] = Flow(s, i, e, n, j);
                }
            }
        }

        return new SectoralPairMatrix(Tariffs.Sectors, Tariffs.Countries, values, PairUnit.Of(MoneyUnit.Usd));
    }

    /// <summary>Kernel-layout flow: importer-first arguments, as the solver's arrays.</summary>
    internal double Flow(int sector, int importer, int exporter, int n, int j) =>
        Pi[(((sector * n) + importer) * n) + exporter] * Spending[(importer * j) + sector] / TariffFactor[(((sector * n) + importer) * n) + exporter];
}

/// <summary>How a solve went.</summary>
/// <param name="Algorithm">Algorithm used.</param>
/// <param name="WageIterations">Outer (wage) iterations.</param>
/// <param name="PricePasses">Price-loop passes over all outer iterations.</param>
/// <param name="SpendingIterations">Iterations (or LU solves) of the spending system over all outer iterations.</param>
/// <param name="Residual">Σ_n |Z_n| at the solution.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record CpSolveDiagnostics(CpAlgorithm Algorithm, int WageIterations, int PricePasses, int SpendingIterations, double Residual, TimeSpan Elapsed);

/// <summary>Solves the Caliendo–Parro equilibrium in changes (spec §6) from a <see cref="CpBaseline"/>.</summary>
public static class CpSolver
{
    /// <summary>
    /// Solves for new <paramref name="tariffs"/> (rates over the baseline's sectors and countries, in its order) and target
    /// surpluses <paramref name="surplus"/> (USD per country, must sum to zero). Throws <see cref="SolverDidNotConvergeException"/> on failure.
    /// </summary>
    /// <param name="baseline">The calibrated starting point.</param>
    /// <param name="tariffs">Rates [sector, exporter, importer].</param>
    /// <param name="surplus">Target surpluses, USD per country.</param>
    /// <param name="options">Tolerances and algorithm.</param>
    /// <param name="warmStart">A solved equilibrium on the same baseline whose wages start the iteration (e.g. the previous point of a sweep).</param>
    public static CpEquilibrium Solve(CpBaseline baseline, SectoralPairMatrix tariffs, ReadOnlySpan<double> surplus, CpSolverOptions? options = null, CpEquilibrium? warmStart = null) =>
        Solve(baseline, baseline.FactorsOf(tariffs), surplus, options, tariffs, warmStart);

    /// <summary>Kernel entry: tariff factors <paramref name="tariffFactor"/> in the kernel layout [(j·N + n)·N + i], importer n, exporter i.</summary>
    internal static CpEquilibrium Solve(
        CpBaseline baseline, ReadOnlySpan<double> tariffFactor, ReadOnlySpan<double> surplus, CpSolverOptions? options = null, SectoralPairMatrix? tariffs = null, CpEquilibrium? warmStart = null)
    {
        options ??= CpSolverOptions.Default;
        int n = baseline.N, j = baseline.J;
        if (tariffFactor.Length != j * n * n || surplus.Length != n)
        {
            throw new ArgumentException($"Expected {j * n * n} tariff factors and {n} surpluses; got {tariffFactor.Length} and {surplus.Length}.");
        }

        var worldVa = baseline.ValueAdded.Sum();
        var surplusSum = 0.0;
        foreach (var s in surplus)
        {
            surplusSum += s;
        }

        if (Math.Abs(surplusSum) > 1e-9 * worldVa)
        {
            throw new ArgumentException($"Target surpluses must sum to zero over regions; they sum to {surplusSum:E3} USD.");
        }

        foreach (var t in tariffFactor)
        {
            if (!(t >= 1) || !double.IsFinite(t))
            {
                throw new ArgumentException($"Tariff factors must be finite and ≥ 1 (rates ≥ 0); found {t}.");
            }
        }

        var clock = Stopwatch.StartNew();
        var state = new State(baseline, tariffFactor, surplus, worldVa, options);
        var start = new double[n];
        if (warmStart is { } warm && warm.WageHat.Length == n && warm.WageHat.All(w => w > 0 && double.IsFinite(w)))
        {
            warm.WageHat.CopyTo(start, 0);
        }
        else
        {
            Array.Fill(start, 1.0);
        }

        var outer = options.Algorithm == CpAlgorithm.Accelerated
            ? new FixedPointOptions { Tolerance = options.WageTolerance, Norm = ResidualNorm.Sum, Damping = options.WageStep, AndersonDepth = options.AndersonDepth, MaxIterations = options.MaxWageIterations }
            : new FixedPointOptions { Tolerance = options.WageTolerance, Norm = ResidualNorm.Sum, Damping = options.WageStep, MaxIterations = options.MaxWageIterations };
        var result = FixedPointIterator.Solve(state.WageMap, start, outer);

        // Leave the state at the solution itself (the iterator's last evaluation was there, but be explicit).
        var z = new double[n];
        state.WageMap(result.Solution, z);
        clock.Stop();
        return state.Result(result.Solution, result.Iterations, result.ResidualNorm, clock.Elapsed, tariffs ?? baseline.RatesOf(tariffFactor));
    }

    /// <summary>Working arrays of one solve; money is scaled so that world value added is 1.</summary>
    private sealed class State
    {
        private readonly CpBaseline _b;
        private readonly CpSolverOptions _options;
        private readonly int _n;
        private readonly int _j;
        private readonly double _scale;
        private readonly double[] _tau;
        private readonly double[] _va;
        private readonly double[] _surplus;
        private readonly double[] _piKappa;   // π^j_{ni} κ̂^{-θ_j}, fixed during a solve
        private readonly double[] _lnW;
        private readonly double[] _price;     // P̂ [n·J + j]
        private readonly double[] _lnCost;    // ln ĉ [n·J + j]
        private readonly double[] _weight;    // exp(−θ_j ln ĉ_ij) at [j·N + i]
        private readonly double[] _pi;
        private readonly double[] _f;
        private readonly double[] _x;
        private readonly double[] _y;
        private readonly double[] _wage;
        private int _pricePasses;
        private int _spendingIterations;

        public State(CpBaseline b, ReadOnlySpan<double> tau, ReadOnlySpan<double> surplus, double worldVa, CpSolverOptions options)
        {
            _b = b;
            _options = options;
            _n = b.N;
            _j = b.J;
            _scale = 1 / worldVa;
            _tau = tau.ToArray();
            _va = b.ValueAdded.Select(v => v * _scale).ToArray();
            _surplus = surplus.ToArray().Select(v => v * _scale).ToArray();
            _piKappa = new double[_j * _n * _n];
            for (var s = 0; s < _j; s++)
            {
                for (var k = s * _n * _n; k < (s + 1) * _n * _n; k++)
                {
                    var kappa = _tau[k] / b.TariffFactor[k];
                    _piKappa[k] = b.Pi[k] * Math.Pow(kappa, -b.Theta[s]);
                }
            }

            _lnW = new double[_n];
            _price = new double[_n * _j];
            Array.Fill(_price, 1.0);
            _lnCost = new double[_n * _j];
            _weight = new double[_j * _n];
            _pi = new double[_j * _n * _n];
            _f = new double[_n * _j];
            _x = b.Spending.Select(v => v * _scale).ToArray();
            _y = new double[_n * _j];
            _wage = new double[_n];
        }

        /// <summary>G(ŵ) = ŵ + Z(ŵ), rescaled so that world value added stays at its data value.</summary>
        public void WageMap(ReadOnlySpan<double> w, Span<double> result)
        {
            w.CopyTo(_wage);
            for (var c = 0; c < _n; c++)
            {
                if (!(w[c] > 0))
                {
                    throw new SolverDidNotConvergeException($"the wage of {_b.Countries[c].Iso3} became {w[c]:G4}", 0, double.NaN);
                }

                _lnW[c] = Math.Log(w[c]);
            }

            SolvePrices();
            UpdateShares();
            if (_options.Algorithm == CpAlgorithm.Accelerated)
            {
                SolveSpendingIteratively();
            }
            else
            {
                SolveSpendingDense();
            }

            ComputeOutput();
            double newVa = 0, oldVa = 0;
            for (var c = 0; c < _n; c++)
            {
                var sales = 0.0;
                var purchases = 0.0;
                for (var s = 0; s < _j; s++)
                {
                    sales += _y[(c * _j) + s];
                    purchases += _f[(c * _j) + s] * _x[(c * _j) + s];
                }

                var z = (sales - purchases - _surplus[c]) / _va[c];
                result[c] = w[c] + z;
                newVa += result[c] * _va[c];
                oldVa += _va[c];
            }

            // Σ_n VA_n Z_n = −Σ S′ = 0 identically, so this only removes rounding drift of the numeraire.
            var rescale = oldVa / newVa;
            for (var c = 0; c < _n; c++)
            {
                result[c] *= rescale;
            }
        }

        private void SolvePrices()
        {
            if (_options.Algorithm == CpAlgorithm.Reference)
            {
                Array.Fill(_price, 1.0);
            }

            var start = _price.ToArray();
            var depth = _options.Algorithm == CpAlgorithm.Accelerated ? 3 : 0;
            var r = FixedPointIterator.Solve(PriceMap, start, new FixedPointOptions { Tolerance = _options.PriceTolerance, AndersonDepth = depth, MaxIterations = 5000 });
            _pricePasses += r.Iterations;
            r.Solution.CopyTo(_price, 0);
            Costs(_price);
        }

        /// <summary>(E1) then (E2): new sectoral prices from the current ones at the current wages.</summary>
        private void PriceMap(ReadOnlySpan<double> price, Span<double> result)
        {
            Costs(price);
            for (var s = 0; s < _j; s++)
            {
                var theta = _b.Theta[s];
                for (var m = 0; m < _n; m++)
                {
                    var row = _piKappa.AsSpan(((s * _n) + m) * _n, _n);
                    var weights = _weight.AsSpan(s * _n, _n);
                    var sum = 0.0;
                    for (var i = 0; i < _n; i++)
                    {
                        sum += row[i] * weights[i];
                    }

                    result[(m * _j) + s] = sum > 0 ? Math.Pow(sum, -1 / theta) : 1.0;
                }
            }
        }

        /// <summary>ln ĉ^j_n = γ^j_n ln ŵ_n + Σ_k γ^{k,j}_n ln P̂^k_n, and the weights ĉ^{−θ_j}.</summary>
        private void Costs(ReadOnlySpan<double> price)
        {
            Span<double> lnP = stackalloc double[_j];
            for (var c = 0; c < _n; c++)
            {
                for (var k = 0; k < _j; k++)
                {
                    lnP[k] = Math.Log(price[(c * _j) + k]);
                }

                var lnCost = _lnCost.AsSpan(c * _j, _j);
                for (var s = 0; s < _j; s++)
                {
                    lnCost[s] = _b.ValueAddedShare[(c * _j) + s] * _lnW[c];
                }

                for (var k = 0; k < _j; k++)
                {
                    var shares = _b.InputShare.AsSpan(((c * _j) + k) * _j, _j);
                    var lp = lnP[k];
                    for (var s = 0; s < _j; s++)
                    {
                        lnCost[s] += shares[s] * lp;
                    }
                }

                for (var s = 0; s < _j; s++)
                {
                    _weight[(s * _n) + c] = Math.Exp(-_b.Theta[s] * lnCost[s]);
                }
            }
        }

        /// <summary>(E3) new expenditure shares and F′, the producer-price share of spending.</summary>
        private void UpdateShares()
        {
            for (var s = 0; s < _j; s++)
            {
                for (var m = 0; m < _n; m++)
                {
                    var at = ((s * _n) + m) * _n;
                    var sum = 0.0;
                    for (var i = 0; i < _n; i++)
                    {
                        var v = _piKappa[at + i] * _weight[(s * _n) + i];
                        _pi[at + i] = v;
                        sum += v;
                    }

                    var f = 0.0;
                    for (var i = 0; i < _n; i++)
                    {
                        _pi[at + i] = sum > 0 ? _pi[at + i] / sum : _b.Pi[at + i];
                        f += _pi[at + i] / _tau[at + i];
                    }

                    _f[(m * _j) + s] = f;
                }
            }
        }

        /// <summary>(E4) as X = A X + b, iterated from the last spending with acceleration; A has column sums below one.</summary>
        private void SolveSpendingIteratively()
        {
            var options = new FixedPointOptions { Tolerance = 1e-15, AndersonDepth = 8, MaxIterations = 5000 };
            var r = FixedPointIterator.Solve(SpendingMap, _x, options);
            _spendingIterations += r.Iterations;
            r.Solution.CopyTo(_x, 0);
        }

        private void SpendingMap(ReadOnlySpan<double> x, Span<double> result)
        {
            Output(x, _y);
            for (var c = 0; c < _n; c++)
            {
                var income = (_wage[c] * _va[c]) - _surplus[c];
                for (var s = 0; s < _j; s++)
                {
                    income += (1 - _f[(c * _j) + s]) * x[(c * _j) + s];
                }

                var target = result.Slice(c * _j, _j);
                for (var k = 0; k < _j; k++)
                {
                    target[k] = _b.FinalShare[(c * _j) + k] * income;
                }

                for (var k = 0; k < _j; k++)
                {
                    var shares = _b.InputShare.AsSpan(((c * _j) + k) * _j, _j);
                    var sum = 0.0;
                    for (var s = 0; s < _j; s++)
                    {
                        sum += shares[s] * _y[(c * _j) + s];
                    }

                    target[k] += sum;
                }
            }
        }

        /// <summary>(E4) as the dense system (I − A) X = b, factorised with LU (the spec's reference method).</summary>
        private void SolveSpendingDense()
        {
            var size = _n * _j;
            var a = new DenseMatrix(size, size);
            for (var c = 0; c < _n; c++)
            {
                for (var k = 0; k < _j; k++)
                {
                    var row = a.Row((c * _j) + k);
                    for (var m = 0; m < _n; m++)
                    {
                        for (var s = 0; s < _j; s++)
                        {
                            var at = (((s * _n) + m) * _n) + c;
                            var v = _b.InputShare[(((c * _j) + k) * _j) + s] * _pi[at] / _tau[at];
                            if (m == c)
                            {
                                v += _b.FinalShare[(c * _j) + k] * (1 - _f[(c * _j) + s]);
                            }

                            row[(m * _j) + s] = -v;
                        }
                    }

                    row[(c * _j) + k] += 1;
                }
            }

            var rhs = new double[size];
            for (var c = 0; c < _n; c++)
            {
                for (var k = 0; k < _j; k++)
                {
                    rhs[(c * _j) + k] = _b.FinalShare[(c * _j) + k] * ((_wage[c] * _va[c]) - _surplus[c]);
                }
            }

            var lu = LuDecomposition.FactorInPlace(a);
            if (lu.IsSingular)
            {
                throw new SolverDidNotConvergeException("the spending system (E4) is singular", _spendingIterations, double.NaN);
            }

            lu.Solve(rhs);
            _spendingIterations++;
            rhs.CopyTo(_x, 0);
        }

        private void ComputeOutput() => Output(_x, _y);

        /// <summary>Y′^j_n = Σ_m π′^j_{mn} X′^j_m / (1 + τ′^j_{mn}).</summary>
        private void Output(ReadOnlySpan<double> x, Span<double> y)
        {
            y.Clear();
            for (var s = 0; s < _j; s++)
            {
                for (var m = 0; m < _n; m++)
                {
                    var at = ((s * _n) + m) * _n;
                    var spend = x[(m * _j) + s];
                    for (var c = 0; c < _n; c++)
                    {
                        y[(c * _j) + s] += _pi[at + c] * spend / _tau[at + c];
                    }
                }
            }
        }

        public CpEquilibrium Result(double[] w, int iterations, double residual, TimeSpan elapsed, SectoralPairMatrix tariffs)
        {
            var unscale = 1 / _scale;
            var revenue = new double[_n];
            var income = new double[_n];
            for (var c = 0; c < _n; c++)
            {
                for (var s = 0; s < _j; s++)
                {
                    revenue[c] += (1 - _f[(c * _j) + s]) * _x[(c * _j) + s];
                }

                income[c] = ((w[c] * _va[c]) + revenue[c] - _surplus[c]) * unscale;
                revenue[c] *= unscale;
            }

            return new CpEquilibrium(
                w.ToArray(),
                _price.ToArray(),
                _lnCost.Select(Math.Exp).ToArray(),
                tariffs,
                _x.Select(v => v * unscale).ToArray(),
                _f.ToArray(),
                _y.Select(v => v * unscale).ToArray(),
                income,
                revenue,
                _surplus.Select(v => v * unscale).ToArray(),
                new CpSolveDiagnostics(_options.Algorithm, iterations, _pricePasses, _spendingIterations, residual, elapsed))
            {
                Pi = _pi.ToArray(),
                TariffFactor = _tau.ToArray(),
            };
        }
    }
}
