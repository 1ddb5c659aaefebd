using System.Numerics.Tensors;
using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The equilibrium in changes of the one-sector tariff model (spec §5) as a 3N system in x = (ŵ, Ê, L̂), with
/// scaled residuals and an analytic Jacobian. The model is evaluated at |x| (spec P8). One instance per solve.
/// </summary>
/// <summary>
/// The equilibrium in changes of the one-sector tariff model (spec §5) as a 3N system in x = (ŵ, Ê, L̂), with
/// scaled residuals and an analytic Jacobian. The model is evaluated at |x| (spec P8).
/// <para>
/// Spending enters the budget equations only through its own Ê_i, so the budgets can be solved for Ê exactly:
/// Ê_i = (ŵ_i L̂_i Y_i + T_i ΣY'/ΣY) / (E_i (1 − ρ_i)), with ρ_i the tariff-revenue share of i's spending, which
/// depends on (ŵ, L̂) only. The reduced system in u = (ŵ, L̂) (2N unknowns: income rows with the numeraire, and
/// labour rows) has the same roots; <see cref="EvaluateReduced"/> and <see cref="ReducedJacobian"/> implement it.
/// </para>
/// One instance is reused across solves on one baseline: <see cref="Reset"/> changes tariffs, parameters and
/// transfers without reallocating.
/// </summary>
internal sealed class TariffEquilibriumSystem : INonlinearSystem
{
    private readonly int _n;
    private readonly double[] _e;
    private readonly double[] _y;
    private readonly double[] _baselineDeficit;
    private readonly double[] _nu;
    private readonly double[] _oneMinusNu;
    private readonly double _ySum;
    private readonly double _eSum;

    // Baseline shares λ_ij (exporter × importer) and their column sums Σ_k λ_kj, formed exactly as the counterfactual
    // ones: they are 1 up to rounding, and dividing by them makes every change exactly zero when nothing changes.
    private readonly double[] _shares;
    private readonly double[] _baseColumnSum;

    private double _eps;
    private double _psi;
    private double _kappa;
    private bool _taxRelief;
    private double[] _t;
    private readonly double[] _phi;

    // Per-scenario constants: b = λ (1+t)^(−εφ_j), g = 1/(1+t), h = t/(1+t); all exporter × importer; hT = hᵀ.
    private readonly double[] _b;
    private readonly double[] _g;
    private readonly double[] _h;
    private readonly double[] _hT;

    // (1+t)^(−εφ_j) / (1+t): the tariff part of X'_ij / X_ij.
    private readonly double[] _tariffFactor;

    // bh = b∘h and bg = b∘g: with b they give every column sum the residuals need in one pass over the rows.
    private readonly double[] _bh;
    private readonly double[] _bg;

    // bᵀ and gᵀ (importer × exporter): the Jacobian's importer rows read them contiguously.
    private readonly double[] _bT;
    private readonly double[] _gT;
    private readonly double[] _oneMinusPhi;

    // The scenario the per-pair constants were last built for: a new one rebuilds only the pairs whose rate changed.
    private readonly double[] _builtRates;
    private double _builtEps = double.NaN;
    private double[]? _flowRatios;

    /// <summary>Creates the system for one tariff matrix on one baseline.</summary>
    public TariffEquilibriumSystem(OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters parameters, double[]? baselineDeficitOverride = null)
    {
        _n = baseline.Size;
        var n = _n;
        _e = baseline.Expenditure.ToArray();
        _y = baseline.Income.ToArray();
        _baselineDeficit = baseline.Deficit.ToArray();
        _t = _baselineDeficit;
        _nu = baseline.CostShare.ToArray();
        _oneMinusNu = _nu.Select(v => 1 - v).ToArray();
        _ySum = _y.Sum();
        _eSum = _e.Sum();
        _phi = new double[n];
        _shares = new double[n * n];
        _baseColumnSum = new double[n];
        for (var i = 0; i < n; i++)
        {
            var row = _shares.AsSpan(i * n, n);
            for (var j = 0; j < n; j++)
            {
                row[j] = baseline.Share(i, j);
            }

            TensorPrimitives.Add(_baseColumnSum, row, _baseColumnSum);
        }

        _b = new double[n * n];
        _g = new double[n * n];
        _h = new double[n * n];
        _hT = new double[n * n];
        _tariffFactor = new double[n * n];
        _bh = new double[n * n];
        _bg = new double[n * n];
        _bT = new double[n * n];
        _gT = new double[n * n];
        _oneMinusPhi = new double[n];
        _builtRates = new double[n * n];
        State = new EquilibriumState(n);
        Baseline = baseline;
        Reset(tariffs, parameters, baselineDeficitOverride);
    }

    /// <summary>The baseline this system was built on.</summary>
    public OneSectorBaseline Baseline { get; }

    /// <summary>Sets the scenario: tariffs, parameters and (optionally) the transfers replacing the baseline deficits.</summary>
    public void Reset(PairMatrix tariffs, TariffModelParameters parameters, double[]? baselineDeficitOverride = null)
    {
        var n = _n;
        _eps = parameters.TradeElasticity;
        _psi = parameters.ScaleElasticity;
        _kappa = parameters.LaborSupplyElasticity;
        _taxRelief = parameters.Recycling == RevenueRecycling.IncomeTaxRelief;
        _t = baselineDeficitOverride ?? _baselineDeficit;
        var phiChanged = false;
        for (var j = 0; j < n; j++)
        {
            var phi = parameters.DemandExponent(_nu[j]);
            phiChanged |= phi != _phi[j];
            _phi[j] = phi;
            _oneMinusPhi[j] = 1 - phi;
        }

        // Same elasticities as the last build: only pairs whose rate changed need new constants (and pow).
        var all = phiChanged || _eps != _builtEps;
        _builtEps = _eps;
        var rates = tariffs.Values;
        for (var i = 0; i < n; i++)
        {
            var row = rates.Slice(i * n, n);
            if (!all && row.SequenceEqual(_builtRates.AsSpan(i * n, n)))
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                var tij = rates[k];
                if (!all && tij == _builtRates[k])
                {
                    continue;
                }

                _builtRates[k] = tij;
                if (tij == 0)
                {
                    // (1+0)^x is exactly 1: most pairs carry no tariff, and skipping pow there changes no bit.
                    _b[k] = _shares[k];
                    _g[k] = 1;
                    _h[k] = 0;
                    _tariffFactor[k] = 1;
                    _hT[(j * n) + i] = 0;
                    _bh[k] = 0;
                    _bg[k] = _shares[k];
                    _bT[(j * n) + i] = _shares[k];
                    _gT[(j * n) + i] = 1;
                    continue;
                }

                var demand = Math.Pow(1 + tij, -_eps * _phi[j]);
                _b[k] = _shares[k] * demand;
                _g[k] = 1 / (1 + tij);
                _h[k] = tij / (1 + tij);
                _tariffFactor[k] = demand / (1 + tij);
                _hT[(j * n) + i] = _h[k];
                _bh[k] = _b[k] * _h[k];
                _bg[k] = _b[k] * _g[k];
                _bT[(j * n) + i] = _b[k];
                _gT[(j * n) + i] = _g[k];
            }
        }
    }

    public int Dimension => 3 * _n;

    /// <summary>Intermediate quantities at the last evaluated point.</summary>
    public EquilibriumState State { get; }

    /// <summary>Demand exponents φ_j.</summary>
    public IReadOnlyList<double> DemandExponents => _phi;

    public void Evaluate(ReadOnlySpan<double> x, Span<double> residual)
    {
        Compute(x);
        var s = State;
        var n = _n;
        for (var i = 0; i < n; i++)
        {
            residual[i] = i < n - 1
                ? (s.SalesIncome[i] + s.DestinationIncome[i] - s.IncomeNew[i]) / _y[i]
                : 0.0;
            residual[n + i] = (s.Revenue[i] + s.IncomeNew[i] + (_t[i] * s.IncomeRatio) - s.ExpenditureNew[i]) / _e[i];
            residual[(2 * n) + i] = s.L[i] - s.LaborSupply[i];
        }

        // Numeraire: the baseline-expenditure-weighted CPI is unchanged (replaces the last income equation).
        var cpi = 0.0;
        for (var j = 0; j < n; j++)
        {
            cpi += _e[j] * (s.P[j] - 1);
        }

        residual[n - 1] = cpi / _eSum;
    }

    /// <summary>
    /// X'_ij / X_ij at the last computed point, as a product of change factors so that it is exactly 1 when nothing
    /// changes (summing recomputed levels instead would leave rounding noise in small differences such as deficits).
    /// </summary>
    public double FlowRatio(int exporter, int importer)
    {
        var s = State;
        var k = (exporter * _n) + importer;
        return s.A[exporter] * _tariffFactor[k] * s.EHat[importer] * _baseColumnSum[importer] / s.ColumnSum[importer];
    }

    /// <summary>
    /// <see cref="FlowRatio"/> of every pair (exporter × importer, row-major) in a buffer the system owns: valid until
    /// the next evaluation.
    /// </summary>
    public double[] FlowRatios()
    {
        var n = _n;
        var s = State;
        var ratios = _flowRatios ??= new double[n * n];
        var importer = s.SpendingOverSum;
        TensorPrimitives.Multiply(s.EHat, _baseColumnSum, importer);
        TensorPrimitives.Divide(importer, s.ColumnSum, importer);
        for (var i = 0; i < n; i++)
        {
            var row = ratios.AsSpan(i * n, n);
            TensorPrimitives.Multiply(_tariffFactor.AsSpan(i * n, n), s.A[i], row);
            TensorPrimitives.Multiply(row, importer, row);
        }

        return ratios;
    }

    /// <summary>Computes every intermediate at |x| into <see cref="State"/>.</summary>
    public void Compute(ReadOnlySpan<double> x)
    {
        var n = _n;
        var s = State;
        for (var i = 0; i < n; i++)
        {
            s.W[i] = Math.Abs(x[i]);
            s.EHat[i] = Math.Abs(x[n + i]);
            s.L[i] = Math.Abs(x[(2 * n) + i]);
            s.Sign[i] = x[i] < 0 ? -1 : 1;
            s.Sign[n + i] = x[n + i] < 0 ? -1 : 1;
            s.Sign[(2 * n) + i] = x[(2 * n) + i] < 0 ? -1 : 1;
            // a_i = (ŵ_i L̂_i^−ψ)^−ε, the exporter's cost shifter.
            s.A[i] = Math.Pow(s.W[i] * Math.Pow(s.L[i], -_psi), -_eps);
            s.ExpenditureNew[i] = s.EHat[i] * _e[i];
            s.IncomeNew[i] = s.W[i] * s.L[i] * _y[i];
        }

        DemandAllocation.Allocate(n, s.A, _b, _g, _h, _oneMinusNu, s.ExpenditureNew, s.ColumnSum, s.Lambda, s.Flows, s.RevenueShare, s.ImportsNew, s.SalesIncome);

        var incomeSum = 0.0;
        for (var i = 0; i < n; i++)
        {
            incomeSum += s.IncomeNew[i];
        }

        s.IncomeRatio = incomeSum / _ySum;
        for (var j = 0; j < n; j++)
        {
            s.DestinationIncome[j] = _nu[j] * s.ImportsNew[j];
            s.Revenue[j] = s.ExpenditureNew[j] * s.RevenueShare[j];
            s.P[j] = Math.Pow(s.EHat[j] / s.W[j], 1 - _phi[j]) * Math.Pow(s.ColumnSum[j] / _baseColumnSum[j], -1 / _eps);
            s.Tau[j] = _taxRelief ? s.Revenue[j] / s.IncomeNew[j] : 0.0;
            s.LaborSupply[j] = Math.Pow(s.W[j] / ((1 - s.Tau[j]) * s.P[j]), _kappa);
        }
    }

    public bool TryJacobian(ReadOnlySpan<double> x, DenseMatrix jac)
    {
        Compute(x);
        var s = State;
        var n = _n;
        var eps = _eps;
        jac.Clear();

        // M1_ik = Σ_j (1−ν_j) X'_ij λ'_kj: the only O(N³) piece. C holds (1−ν_j) X'_ij row-major.
        var c = s.Scratch;
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Multiply(s.Flows.AsSpan(i * n, n), _oneMinusNu, c.AsSpan(i * n, n));
        }

        // dR'_j/dθ_k = E'_j λ'_kj (h_kj − ρ_j), shared by budget and labour rows.
        for (var i = 0; i < n; i++)
        {
            var rowIncome = jac.Row(i);
            var rowBudget = jac.Row(n + i);
            var rowLabor = jac.Row((2 * n) + i);
            var isNumeraire = i == n - 1;
            var ci = c.AsSpan(i * n, n);
            var q = s.LaborSupply[i];
            var oneMinusTau = 1 - s.Tau[i];
            for (var k = 0; k < n; k++)
            {
                var lamKi = s.Lambda[(k * n) + i];
                var dRevenue = s.ExpenditureNew[i] * lamKi * (_h[(k * n) + i] - s.RevenueShare[i]);

                // Derivatives with respect to θ_k = ln a_k.
                double dIncome = 0;
                if (!isNumeraire)
                {
                    var m1 = TensorPrimitives.Dot(ci, s.Lambda.AsSpan(k * n, n));
                    dIncome = (k == i ? s.SalesIncome[i] : 0) - m1 + (_nu[i] * (s.Flows[(k * n) + i] - (lamKi * s.ImportsNew[i])));
                    dIncome /= _y[i];
                }

                var dBudget = dRevenue / _e[i];
                var dLogTau = _taxRelief ? dRevenue / (s.IncomeNew[i] * oneMinusTau) : 0;
                var dLabor = -_kappa * q * (dLogTau + (lamKi / eps));

                var dThetaDw = -eps / s.W[k];
                var dThetaDl = eps * _psi / s.L[k];
                rowBudget[k] += dBudget * dThetaDw;
                rowBudget[(2 * n) + k] += dBudget * dThetaDl;
                rowLabor[k] += dLabor * dThetaDw;
                rowLabor[(2 * n) + k] += dLabor * dThetaDl;
                if (!isNumeraire)
                {
                    rowIncome[k] += dIncome * dThetaDw;
                    rowIncome[(2 * n) + k] += dIncome * dThetaDl;
                    // Income rows depend on every Ê_j through X'_ij.
                    rowIncome[n + k] += (1 - _nu[k]) * s.Flows[(i * n) + k] / s.EHat[k] / _y[i];
                }

                // Budget rows: world income ratio s = ΣY'/ΣY moves with every ŵ_k, L̂_k.
                rowBudget[k] += _t[i] * s.L[k] * _y[k] / _ySum / _e[i];
                rowBudget[(2 * n) + k] += _t[i] * s.W[k] * _y[k] / _ySum / _e[i];
            }

            if (!isNumeraire)
            {
                rowIncome[n + i] += _nu[i] * s.ImportsNew[i] / s.EHat[i] / _y[i];
                rowIncome[i] -= s.L[i];
                rowIncome[(2 * n) + i] -= s.W[i];
            }

            rowBudget[i] += s.L[i] * _y[i] / _e[i];
            rowBudget[(2 * n) + i] += s.W[i] * _y[i] / _e[i];
            rowBudget[n + i] += s.RevenueShare[i] - 1;

            // Labour rows: direct effects of Ê_i (price index, revenue), ŵ_i (wage, price index, tax rate), L̂_i.
            var tauTerm = _taxRelief ? s.Tau[i] / oneMinusTau : 0;
            var dLogTauDe = _taxRelief ? _e[i] * s.RevenueShare[i] / (s.IncomeNew[i] * oneMinusTau) : 0;
            rowLabor[n + i] += -_kappa * q * (dLogTauDe - ((1 - _phi[i]) / s.EHat[i]));
            rowLabor[i] += -_kappa * q * ((-tauTerm / s.W[i]) + (1 / s.W[i]) + ((1 - _phi[i]) / s.W[i]));
            rowLabor[(2 * n) + i] += 1 - (_kappa * q * (-tauTerm / s.L[i]));
        }

        // Numeraire row: Σ_j E_j P̂_j d ln P̂_j / ΣE.
        var rowNum = jac.Row(n - 1);
        for (var j = 0; j < n; j++)
        {
            var weight = _e[j] * s.P[j] / _eSum;
            rowNum[n + j] += weight * (1 - _phi[j]) / s.EHat[j];
            rowNum[j] += -weight * (1 - _phi[j]) / s.W[j];
        }

        for (var k = 0; k < n; k++)
        {
            double dTheta = 0;
            for (var j = 0; j < n; j++)
            {
                dTheta += _e[j] * s.P[j] * s.Lambda[(k * n) + j];
            }

            dTheta *= -1 / eps / _eSum;
            rowNum[k] += dTheta * (-eps / s.W[k]);
            rowNum[(2 * n) + k] += dTheta * (eps * _psi / s.L[k]);
        }

        // Chain rule through |x|.
        for (var r = 0; r < 3 * n; r++)
        {
            TensorPrimitives.Multiply(jac.Row(r), s.Sign, jac.Row(r));
        }

        return true;
    }
    /// <summary>Unknowns of the reduced system, u = (ŵ, L̂).</summary>
    public int ReducedDimension => 2 * _n;

    /// <summary>Largest scaled budget residual at the last <see cref="EvaluateReduced"/> point (rounding level by construction).</summary>
    public double BudgetResidual { get; private set; }

    /// <summary>
    /// Residuals of the reduced system at u = (ŵ, L̂) with Ê substituted from the budgets: rows 0..N−2 income,
    /// row N−1 the numeraire, rows N..2N−1 labour supply (the same scaling as the full system). Fills
    /// <see cref="State"/> (including Ê) and <see cref="BudgetResidual"/>. Returns false when the point has no
    /// positive spending solution (then the residual is not usable).
    /// </summary>
    public bool EvaluateReduced(ReadOnlySpan<double> u, Span<double> residual)
    {
        var n = _n;
        var s = State;
        var incomeSum = 0.0;
        var lnW = s.LogW;
        var lnL = s.LogL;
        for (var i = 0; i < n; i++)
        {
            s.W[i] = Math.Abs(u[i]);
            s.L[i] = Math.Abs(u[n + i]);
            s.Sign[i] = u[i] < 0 ? -1 : 1;
            s.Sign[(2 * n) + i] = u[n + i] < 0 ? -1 : 1;
            s.Sign[n + i] = 1;
            s.IncomeNew[i] = s.W[i] * s.L[i] * _y[i];
            incomeSum += s.IncomeNew[i];
        }

        // a_i = (ŵ_i L̂_i^−ψ)^−ε = exp(−ε ln ŵ_i + εψ ln L̂_i): logarithms and exponentials of whole vectors.
        TensorPrimitives.Log(s.W, lnW);
        TensorPrimitives.Log(s.L, lnL);
        TensorPrimitives.Multiply(lnW, -_eps, s.A);
        TensorPrimitives.MultiplyAdd(lnL, _eps * _psi, s.A, s.A);
        TensorPrimitives.Exp(s.A, s.A);
        s.IncomeRatio = incomeSum / _ySum;

        // λ'_ij = a_i b_ij / S_j is never formed here: with bh = b∘h and bg = b∘g, the column sums S_j = Σ_i a_i b_ij,
        // ρ_j S_j = Σ_i a_i bh_ij and Σ_i a_i bg_ij (imports per unit of spending) come from one pass over the rows.
        var colSum = s.ColumnSum;
        var colRevenue = s.ColumnRevenue;
        var colProducer = s.ColumnProducer;
        Array.Clear(colSum);
        Array.Clear(colRevenue);
        Array.Clear(colProducer);
        for (var i = 0; i < n; i++)
        {
            var a = s.A[i];
            TensorPrimitives.MultiplyAdd(_b.AsSpan(i * n, n), a, colSum, colSum);
            TensorPrimitives.MultiplyAdd(_bh.AsSpan(i * n, n), a, colRevenue, colRevenue);
            TensorPrimitives.MultiplyAdd(_bg.AsSpan(i * n, n), a, colProducer, colProducer);
        }

        TensorPrimitives.Divide(colRevenue, colSum, s.RevenueShare);
        var perSpending = s.SalesWeight;
        for (var j = 0; j < n; j++)
        {
            var spending = s.IncomeNew[j] + (_t[j] * s.IncomeRatio);
            s.BudgetIncome[j] = spending;
            s.EHat[j] = spending / (_e[j] * (1 - s.RevenueShare[j]));
            if (!(s.EHat[j] > 0) || !double.IsFinite(s.EHat[j]))
            {
                return false;
            }

            s.ExpenditureNew[j] = s.EHat[j] * _e[j];
            var spendingOverSum = s.ExpenditureNew[j] / colSum[j];
            s.ImportsNew[j] = colProducer[j] * spendingOverSum;
            perSpending[j] = _oneMinusNu[j] * spendingOverSum;
        }

        // Origin sales Σ_j (1−ν_j) X'_ij = a_i Σ_j bg_ij (1−ν_j) E'_j / S_j.
        for (var i = 0; i < n; i++)
        {
            s.SalesIncome[i] = s.A[i] * TensorPrimitives.Dot(_bg.AsSpan(i * n, n), perSpending);
        }

        // P̂_j = (Ê_j/ŵ_j)^(1−φ_j) (S_j/S⁰_j)^(−1/ε) and (ŵ_j / ((1−τ_j) P̂_j))^κ through logarithms.
        var lnP = s.LogP;
        TensorPrimitives.Divide(colSum, _baseColumnSum, lnP);
        TensorPrimitives.Log(lnP, lnP);
        TensorPrimitives.Multiply(lnP, -1 / _eps, lnP);
        TensorPrimitives.Log(s.EHat, s.LogE);
        TensorPrimitives.Subtract(s.LogE, lnW, s.LogE);
        TensorPrimitives.MultiplyAdd(s.LogE, _oneMinusPhi, lnP, lnP);
        TensorPrimitives.Exp(lnP, s.P);
        TensorPrimitives.Multiply(s.ExpenditureNew, s.RevenueShare, s.Revenue);
        if (_taxRelief)
        {
            TensorPrimitives.Divide(s.Revenue, s.IncomeNew, s.Tau);
        }
        else
        {
            Array.Clear(s.Tau);
        }

        var lnQ = s.LogQ;
        for (var j = 0; j < n; j++)
        {
            lnQ[j] = lnW[j] - Math.Log(1 - s.Tau[j]) - lnP[j];
        }

        TensorPrimitives.Multiply(lnQ, _kappa, lnQ);
        TensorPrimitives.Exp(lnQ, s.LaborSupply);

        var budget = 0.0;
        var cpi = 0.0;
        for (var j = 0; j < n; j++)
        {
            s.DestinationIncome[j] = _nu[j] * s.ImportsNew[j];
            residual[j] = (s.SalesIncome[j] + s.DestinationIncome[j] - s.IncomeNew[j]) / _y[j];
            residual[n + j] = s.L[j] - s.LaborSupply[j];
            budget = Math.Max(budget, Math.Abs((s.Revenue[j] + s.IncomeNew[j] + (_t[j] * s.IncomeRatio) - s.ExpenditureNew[j]) / _e[j]));
            cpi += _e[j] * (s.P[j] - 1);
        }

        residual[n - 1] = cpi / _eSum;
        BudgetResidual = budget;
        return double.IsFinite(cpi);
    }

    /// <summary>
    /// The analytic Jacobian of the reduced system at the last <see cref="EvaluateReduced"/> point (2N × 2N, columns
    /// ŵ then L̂). Every row is written as coefficients on θ_k = ln a_k (the exporter cost shifters) and on income
    /// changes dI_k = d(ŵ_k L̂_k Y_k), plus a few diagonal terms; the one O(N³) piece is a single matrix product,
    /// M = C·Gᵀ with C_ij = (1−ν_j) X'_ij and G_kj = λ'_kj / ((1+t_kj)(1−ρ_j)), formed as a symmetric product.
    /// </summary>
    public void ReducedJacobian(DenseMatrix jac)
    {
        var s = State;
        var n = _n;
        var eps = _eps;
        var ySum = _ySum;
        var c = s.Scratch;
        var gm = s.Scratch2;
        var m = s.Product;
        var lamT = s.LambdaT;
        var oneMinusRho = s.OneMinusRho;
        var invSpending = s.InvSpending;
        var invSum = s.InvColumnSum;
        TensorPrimitives.Reciprocal(s.ColumnSum, invSum);
        for (var j = 0; j < n; j++)
        {
            oneMinusRho[j] = 1 - s.RevenueShare[j];
            invSpending[j] = 1 / (s.EHat[j] * _e[j] * oneMinusRho[j]);
            s.InvOneMinusRho[j] = 1 / oneMinusRho[j];
        }

        // Everything below comes from the per-pair constants and per-country vectors, never from λ' or X' themselves:
        // C_ij = (1−ν_j) X'_ij = a_i bg_ij (1−ν_j) E'_j / S_j, G_ij = a_i bg_ij / (S_j (1−ρ_j)), and λ'ᵀ_ji = a_i bᵀ_ji / S_j.
        // M = C·Gᵀ = D_a H Hᵀ D_a with H_ij = bg_ij √(cw_j gw_j) (both weights are positive): a symmetric product.
        var cWeight = s.SalesWeight;
        var gWeight = s.SpendingOverSum;
        var root = s.RootWeight;
        TensorPrimitives.Multiply(invSum, s.InvOneMinusRho, gWeight);
        TensorPrimitives.Multiply(cWeight, gWeight, root);
        TensorPrimitives.Sqrt(root, root);
        for (var i = 0; i < n; i++)
        {
            var bg = _bg.AsSpan(i * n, n);
            var a = s.A[i];
            var ci = c.AsSpan(i * n, n);
            TensorPrimitives.Multiply(bg, a, ci);
            TensorPrimitives.Multiply(ci, cWeight, ci);
            TensorPrimitives.Multiply(bg, root, gm.AsSpan(i * n, n));
            var lamRow = lamT.AsSpan(i * n, n);
            TensorPrimitives.Multiply(_bT.AsSpan(i * n, n), s.A, lamRow);
            TensorPrimitives.Multiply(lamRow, invSum[i], lamRow);
        }

        SymmetricKernels.MultiplyBySelfTranspose(gm, m, n, n);
        for (var i = 0; i < n; i++)
        {
            var mi = m.AsSpan(i * n, n);
            TensorPrimitives.Multiply(mi, s.A, mi);
            TensorPrimitives.Multiply(mi, s.A[i], mi);
        }

        // Column factors: θ_k = −ε ln ŵ_k + εψ ln L̂_k, I_k = ŵ_k L̂_k Y_k.
        var dThetaDw = s.ColW;
        var dThetaDl = s.ColL;
        var dIncomeDw = s.ColIw;
        var dIncomeDl = s.ColIl;
        for (var k = 0; k < n; k++)
        {
            dThetaDw[k] = -eps / s.W[k];
            dThetaDl[k] = eps * _psi / s.L[k];
            dIncomeDw[k] = s.L[k] * _y[k];
            dIncomeDl[k] = s.W[k] * _y[k];
        }

        var alpha = s.RowAlpha;
        var beta = s.RowBeta;
        var q = s.RowQ;

        // Income rows (the last one is replaced by the numeraire below).
        var tOverSpending = s.TOverSpending(_t, invSpending);
        for (var i = 0; i < n - 1; i++)
        {
            var invY = 1 / _y[i];
            var imports = s.ImportsNew[i];
            var nu = _nu[i];
            var ci = c.AsSpan(i * n, n);
            RowQ(i, q);
            var rankOne = (TensorPrimitives.Dot(ci, tOverSpending) + (nu * imports * _t[i] * invSpending[i])) / ySum;
            var mi = m.AsSpan(i * n, n);
            var lamCol = lamT.AsSpan(i * n, n);
            var viaSpending = nu * imports * s.InvOneMinusRho[i];
            // α_k = (ν_i (X'_ki − λ'_ki M_i) − M1_ik + ν_i M_i/(1−ρ_i) Q_ik) / Y_i, with X'_ki = λ'_ki E'_i / (1+t_ki).
            TensorPrimitives.Multiply(_gT.AsSpan(i * n, n), s.ExpenditureNew[i], alpha);
            TensorPrimitives.Subtract(alpha, imports, alpha);
            TensorPrimitives.Multiply(alpha, lamCol, alpha);
            TensorPrimitives.Multiply(alpha, nu, alpha);
            TensorPrimitives.Subtract(alpha, mi, alpha);
            TensorPrimitives.MultiplyAdd(q, viaSpending, alpha, alpha);
            TensorPrimitives.Multiply(alpha, invY, alpha);
            TensorPrimitives.Multiply(ci, invSpending, beta);
            TensorPrimitives.Add(beta, rankOne, beta);
            TensorPrimitives.Multiply(beta, invY, beta);

            alpha[i] += s.SalesIncome[i] * invY;
            beta[i] += ((nu * imports * invSpending[i]) - 1) * invY;
            WriteRow(jac.Row(i), alpha, beta);
        }

        // Numeraire: Σ_j E_j P̂_j d ln P̂_j / ΣE.
        {
            var pi = s.RowPi;
            var cj = s.RowCj;
            var rankOne = 0.0;
            for (var j = 0; j < n; j++)
            {
                pi[j] = _e[j] * s.P[j] / _eSum;
                cj[j] = pi[j] * (1 - _phi[j]) * s.InvOneMinusRho[j];
                rankOne += pi[j] * (1 - _phi[j]) * _t[j] * invSpending[j];
            }

            rankOne /= ySum;

            // α_k = Σ_j λ'_kj (c_j (h_kj − ρ_j) − π_j/ε) = a_k (Σ_j bh_kj c_j/S_j − Σ_j b_kj (c_j ρ_j + π_j/ε)/S_j).
            var onRevenue = s.RowOnRevenue;
            var onShare = s.RowOnShare;
            TensorPrimitives.Multiply(cj, invSum, onRevenue);
            TensorPrimitives.Multiply(cj, s.RevenueShare, onShare);
            TensorPrimitives.MultiplyAdd(pi, 1 / eps, onShare, onShare);
            TensorPrimitives.Multiply(onShare, invSum, onShare);
            for (var k = 0; k < n; k++)
            {
                alpha[k] = s.A[k] * (TensorPrimitives.Dot(_bh.AsSpan(k * n, n), onRevenue) - TensorPrimitives.Dot(_b.AsSpan(k * n, n), onShare));
                beta[k] = (pi[k] * (1 - _phi[k]) * invSpending[k]) + rankOne;
            }

            var row = jac.Row(n - 1);
            WriteRow(row, alpha, beta);
            for (var k = 0; k < n; k++)
            {
                row[k] -= pi[k] * (1 - _phi[k]) / s.W[k];
            }
        }

        // Labour rows: L̂_i − (τ̂_i ŵ_i / P̂_i)^κ.
        var tr = _taxRelief ? 1.0 : 0.0;
        for (var i = 0; i < n; i++)
        {
            var supply = s.LaborSupply[i];
            var oneMinusTau = 1 - s.Tau[i];
            var income = s.IncomeNew[i];
            var dSpending = -_kappa * supply * ((tr * _e[i] * s.RevenueShare[i] / (income * oneMinusTau)) - ((1 - _phi[i]) / s.EHat[i]));
            var onQ = (-_kappa * supply * tr * s.EHat[i] * _e[i] / (income * oneMinusTau)) + (dSpending * s.EHat[i] * s.InvOneMinusRho[i]);
            var onLambda = -_kappa * supply / eps;
            RowQ(i, q);
            var lamCol = lamT.AsSpan(i * n, n);
            var rankOne = dSpending * s.EHat[i] * _t[i] * invSpending[i] / ySum;
            TensorPrimitives.Multiply(q, onQ, alpha);
            TensorPrimitives.MultiplyAdd(lamCol, onLambda, alpha, alpha);
            Array.Fill(beta, rankOne);

            beta[i] += (dSpending * s.EHat[i] * invSpending[i]) + (_kappa * supply * tr * s.Tau[i] / (oneMinusTau * income));
            var row = jac.Row(n + i);
            WriteRow(row, alpha, beta);
            row[i] -= _kappa * supply * (2 - _phi[i]) / s.W[i];
            row[n + i] += 1;
        }

        // Chain rule through |u|.
        for (var r = 0; r < 2 * n; r++)
        {
            var row = jac.Row(r);
            TensorPrimitives.Multiply(row[..n], s.Sign.AsSpan(0, n), row[..n]);
            TensorPrimitives.Multiply(row[n..], s.Sign.AsSpan(2 * n, n), row[n..]);
        }

        void WriteRow(Span<double> row, double[] a, double[] bt)
        {
            var w = row[..n];
            var l = row[n..];
            TensorPrimitives.Multiply(a, dThetaDw, w);
            TensorPrimitives.MultiplyAdd(bt, dIncomeDw, w, w);
            TensorPrimitives.Multiply(a, dThetaDl, l);
            TensorPrimitives.MultiplyAdd(bt, dIncomeDl, l, l);
        }

        // Q_ik = λ'_ki (h_ki − ρ_i) = dρ_i/dθ_k, over exporters k for importer i.
        void RowQ(int i, double[] target)
        {
            var lamCol = lamT.AsSpan(i * n, n);
            TensorPrimitives.Subtract(_hT.AsSpan(i * n, n), s.RevenueShare[i], target);
            TensorPrimitives.Multiply(target, lamCol, target);
        }
    }
}

/// <summary>Intermediate quantities of the tariff equilibrium at one point; all money in thousand USD.</summary>
internal sealed class EquilibriumState(int n)
{
    public double[] W { get; } = new double[n];
    public double[] EHat { get; } = new double[n];
    public double[] L { get; } = new double[n];
    public double[] Sign { get; } = new double[3 * n];
    public double[] A { get; } = new double[n];
    public double[] ColumnSum { get; } = new double[n];

    /// <summary>λ'_ij, exporter × importer.</summary>
    public double[] Lambda { get; } = new double[n * n];

    /// <summary>X'_ij at producer prices, exporter × importer.</summary>
    public double[] Flows { get; } = new double[n * n];

    public double[] Scratch { get; } = new double[n * n];
    public double[] Scratch2 { get; } = new double[n * n];
    public double[] Product { get; } = new double[n * n];

    /// <summary>λ' transposed: importer × exporter.</summary>
    public double[] LambdaT { get; } = new double[n * n];
    public double[] OneMinusRho { get; } = new double[n];
    public double[] InvOneMinusRho { get; } = new double[n];
    public double[] InvSpending { get; } = new double[n];
    public double[] BudgetIncome { get; } = new double[n];
    public double[] ColW { get; } = new double[n];
    public double[] ColL { get; } = new double[n];
    public double[] ColIw { get; } = new double[n];
    public double[] ColIl { get; } = new double[n];
    public double[] RowAlpha { get; } = new double[n];
    public double[] RowBeta { get; } = new double[n];
    public double[] RowQ { get; } = new double[n];
    public double[] RowPi { get; } = new double[n];
    public double[] RowCj { get; } = new double[n];
    public double[] RowOnRevenue { get; } = new double[n];
    public double[] RowOnShare { get; } = new double[n];
    private readonly double[] _tOverSpending = new double[n];

    /// <summary>T_j / (Ê_j E_j (1−ρ_j)), recomputed on each call.</summary>
    public double[] TOverSpending(double[] t, double[] invSpending)
    {
        TensorPrimitives.Multiply(t, invSpending, _tOverSpending);
        return _tOverSpending;
    }
    public double[] RevenueShare { get; } = new double[n];
    public double[] LogW { get; } = new double[n];
    public double[] LogL { get; } = new double[n];
    public double[] LogP { get; } = new double[n];
    public double[] LogE { get; } = new double[n];
    public double[] LogQ { get; } = new double[n];

    /// <summary>Σ_i a_i b_ij h_ij = ρ_j S_j, and Σ_i a_i b_ij g_ij = imports per unit of spending times S_j.</summary>
    public double[] ColumnRevenue { get; } = new double[n];
    public double[] ColumnProducer { get; } = new double[n];
    public double[] SalesWeight { get; } = new double[n];
    public double[] SpendingOverSum { get; } = new double[n];
    public double[] InvColumnSum { get; } = new double[n];
    public double[] RootWeight { get; } = new double[n];
    public double[] ImportsNew { get; } = new double[n];
    public double[] SalesIncome { get; } = new double[n];
    public double[] DestinationIncome { get; } = new double[n];
    public double[] ExpenditureNew { get; } = new double[n];
    public double[] IncomeNew { get; } = new double[n];
    public double[] Revenue { get; } = new double[n];
    public double[] P { get; } = new double[n];
    public double[] Tau { get; } = new double[n];
    public double[] LaborSupply { get; } = new double[n];
    public double IncomeRatio { get; set; }
}
