using System.Numerics.Tensors;
using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The equilibrium in changes of the one-sector tariff model (spec §5) as a 3N system in x = (ŵ, Ê, L̂), with
/// scaled residuals and an analytic Jacobian. The model is evaluated at |x| (spec P8). One instance per solve.
/// </summary>
internal sealed class TariffEquilibriumSystem : INonlinearSystem
{
    private readonly int _n;
    private readonly double _eps;
    private readonly double _psi;
    private readonly double _kappa;
    private readonly bool _taxRelief;
    private readonly double[] _e;
    private readonly double[] _y;
    private readonly double[] _t;
    private readonly double[] _nu;
    private readonly double[] _oneMinusNu;
    private readonly double[] _phi;
    private readonly double _ySum;
    private readonly double _eSum;

    // Per-scenario constants: b = λ (1+t)^(−εφ_j), g = 1/(1+t), h = t/(1+t); all exporter × importer.
    private readonly double[] _b;
    private readonly double[] _g;
    private readonly double[] _h;

    // (1+t)^(−εφ_j) / (1+t): the tariff part of X'_ij / X_ij.
    private readonly double[] _tariffFactor;

    // Baseline column sums Σ_k λ_kj, formed exactly as the counterfactual ones: they are 1 up to rounding, and
    // dividing by them makes every change exactly zero when nothing changes.
    private readonly double[] _baseColumnSum;

    /// <summary>Creates the system for one tariff matrix on one baseline.</summary>
    public TariffEquilibriumSystem(OneSectorBaseline baseline, BilateralTariffs tariffs, TariffModelParameters parameters, double[]? baselineDeficitOverride = null)
    {
        _n = baseline.Size;
        _eps = parameters.TradeElasticity;
        _psi = parameters.ScaleElasticity;
        _kappa = parameters.LaborSupplyElasticity;
        _taxRelief = parameters.Recycling == RevenueRecycling.IncomeTaxRelief;
        _e = baseline.Expenditure.ToArray();
        _y = baseline.Income.ToArray();
        _t = baselineDeficitOverride ?? baseline.Deficit.ToArray();
        _nu = baseline.CostShare.ToArray();
        _oneMinusNu = _nu.Select(v => 1 - v).ToArray();
        _phi = _nu.Select(parameters.DemandExponent).ToArray();
        _ySum = _y.Sum();
        _eSum = _e.Sum();
        var n = _n;
        _b = new double[n * n];
        _g = new double[n * n];
        _h = new double[n * n];
        _tariffFactor = new double[n * n];
        _baseColumnSum = new double[n];
        var shares = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var tij = tariffs[i, j];
                var k = (i * n) + j;
                var demand = Math.Pow(1 + tij, -_eps * _phi[j]);
                shares[j] = baseline.Share(i, j);
                _b[k] = shares[j] * demand;
                _g[k] = 1 / (1 + tij);
                _h[k] = tij / (1 + tij);
                _tariffFactor[k] = demand / (1 + tij);
            }

            TensorPrimitives.Add(_baseColumnSum, shares, _baseColumnSum);
        }

        State = new EquilibriumState(n);
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
