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
        for (var j = 0; j < n; j++)
        {
            _phi[j] = parameters.DemandExponent(_nu[j]);
        }

        var rates = tariffs.Values;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                var tij = rates[k];
                if (tij == 0)
                {
                    // (1+0)^x is exactly 1: most pairs carry no tariff, and skipping pow there changes no bit.
                    _b[k] = _shares[k];
                    _g[k] = 1;
                    _h[k] = 0;
                    _tariffFactor[k] = 1;
                    _hT[(j * n) + i] = 0;
                    continue;
                }

                var demand = Math.Pow(1 + tij, -_eps * _phi[j]);
                _b[k] = _shares[k] * demand;
                _g[k] = 1 / (1 + tij);
                _h[k] = tij / (1 + tij);
                _tariffFactor[k] = demand / (1 + tij);
                _hT[(j * n) + i] = _h[k];
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

    /// <summary>Writes <see cref="FlowRatio"/> of every pair (exporter × importer, row-major) into <paramref name="ratios"/>.</summary>
    public void FlowRatios(double[] ratios)
    {
        var n = _n;
        var s = State;
        for (var i = 0; i < n; i++)
        {
            var a = s.A[i];
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                ratios[k] = a * _tariffFactor[k] * s.EHat[j] * _baseColumnSum[j] / s.ColumnSum[j];
            }
        }
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
        for (var i = 0; i < n; i++)
        {
            s.W[i] = Math.Abs(u[i]);
            s.L[i] = Math.Abs(u[n + i]);
            s.Sign[i] = u[i] < 0 ? -1 : 1;
            s.Sign[(2 * n) + i] = u[n + i] < 0 ? -1 : 1;
            s.Sign[n + i] = 1;
            s.A[i] = Math.Pow(s.W[i] * Math.Pow(s.L[i], -_psi), -_eps);
            s.IncomeNew[i] = s.W[i] * s.L[i] * _y[i];
            incomeSum += s.IncomeNew[i];
        }

        s.IncomeRatio = incomeSum / _ySum;

        // Shares and the revenue share ρ_j depend on (ŵ, L̂) only; spending follows from the budget.
        Array.Clear(s.ColumnSum);
        for (var i = 0; i < n; i++)
        {
            var lam = s.Lambda.AsSpan(i * n, n);
            TensorPrimitives.Multiply(_b.AsSpan(i * n, n), s.A[i], lam);
            TensorPrimitives.Add(s.ColumnSum, lam, s.ColumnSum);
        }

        Array.Clear(s.RevenueShare);
        for (var i = 0; i < n; i++)
        {
            var lam = s.Lambda.AsSpan(i * n, n);
            TensorPrimitives.Divide(lam, s.ColumnSum, lam);
            TensorPrimitives.MultiplyAdd(lam, _h.AsSpan(i * n, n), s.RevenueShare, s.RevenueShare);
        }

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
        }

        Array.Clear(s.ImportsNew);
        for (var i = 0; i < n; i++)
        {
            var lam = s.Lambda.AsSpan(i * n, n);
            var row = s.Flows.AsSpan(i * n, n);
            TensorPrimitives.Multiply(lam, s.ExpenditureNew, row);
            TensorPrimitives.Multiply(row, _g.AsSpan(i * n, n), row);
            TensorPrimitives.Add(s.ImportsNew, row, s.ImportsNew);
            s.SalesIncome[i] = TensorPrimitives.Dot(row, _oneMinusNu);
        }

        var budget = 0.0;
        var cpi = 0.0;
        for (var j = 0; j < n; j++)
        {
            s.DestinationIncome[j] = _nu[j] * s.ImportsNew[j];
            s.Revenue[j] = s.ExpenditureNew[j] * s.RevenueShare[j];
            s.P[j] = Math.Pow(s.EHat[j] / s.W[j], 1 - _phi[j]) * Math.Pow(s.ColumnSum[j] / _baseColumnSum[j], -1 / _eps);
            s.Tau[j] = _taxRelief ? s.Revenue[j] / s.IncomeNew[j] : 0.0;
            s.LaborSupply[j] = Math.Pow(s.W[j] / ((1 - s.Tau[j]) * s.P[j]), _kappa);
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
    /// M = C·Gᵀ with C_ij = (1−ν_j) X'_ij and G_kj = λ'_kj / ((1+t_kj)(1−ρ_j)).
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
        for (var j = 0; j < n; j++)
        {
            oneMinusRho[j] = 1 - s.RevenueShare[j];
            invSpending[j] = 1 / (s.EHat[j] * _e[j] * oneMinusRho[j]);
            s.InvOneMinusRho[j] = 1 / oneMinusRho[j];
        }

        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Multiply(s.Flows.AsSpan(i * n, n), _oneMinusNu, c.AsSpan(i * n, n));
            var gRow = gm.AsSpan(i * n, n);
            TensorPrimitives.Multiply(s.Lambda.AsSpan(i * n, n), _g.AsSpan(i * n, n), gRow);
            TensorPrimitives.Multiply(gRow, s.InvOneMinusRho, gRow);
            for (var j = 0; j < n; j++)
            {
                lamT[(j * n) + i] = s.Lambda[(i * n) + j];
            }
        }

        DenseKernels.MultiplyByTranspose(c, gm, m, n, n, n);

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
            for (var k = 0; k < n; k++)
            {
                alpha[k] = ((nu * (s.Flows[(k * n) + i] - (lamCol[k] * imports))) - mi[k] + (viaSpending * q[k])) * invY;
                beta[k] = ((ci[k] * invSpending[k]) + rankOne) * invY;
            }

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
            for (var k = 0; k < n; k++)
            {
                var lamRow = s.Lambda.AsSpan(k * n, n);
                var hRow = _h.AsSpan(k * n, n);
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    sum += lamRow[j] * ((cj[j] * (hRow[j] - s.RevenueShare[j])) - (pi[j] / eps));
                }

                alpha[k] = sum;
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
            for (var k = 0; k < n; k++)
            {
                alpha[k] = (onQ * q[k]) + (onLambda * lamCol[k]);
                beta[k] = rankOne;
            }

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
    private readonly double[] _tOverSpending = new double[n];

    /// <summary>T_j / (Ê_j E_j (1−ρ_j)), recomputed on each call.</summary>
    public double[] TOverSpending(double[] t, double[] invSpending)
    {
        TensorPrimitives.Multiply(t, invSpending, _tOverSpending);
        return _tOverSpending;
    }
    public double[] RevenueShare { get; } = new double[n];
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
