using System.Numerics.Tensors;
using Tightrope.Data;
using Tightrope.Numerics;

namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// The input–output ("roundabout") variant of the tariff model (Ignatenko et al. 2025, Appendix A / Table 4): firms use
/// labour with share β and the final good with share 1−β, so costs move with ŵ^β P̂^(1−β). Unknowns x = (ŵ, Ê, L̂, P̂),
/// 4N equations with a wage numeraire; Jacobian by finite differences.
/// </summary>
internal sealed class InputOutputTariffSystem : INonlinearSystem
{
    private readonly int _n;
    private readonly double _beta;
    private readonly double _eps;
    private readonly double _psi;
    private readonly double _kappa;
    private readonly bool _taxRelief;
    private readonly double[] _e;
    private readonly double[] _y;
    private readonly double[] _t;
    private readonly double[] _oneMinusNu;
    private readonly double[] _nu;
    private readonly double[] _phi;
    private readonly double[] _b;
    private readonly double[] _g;
    private readonly double[] _h;
    private readonly double _ySum;

    public InputOutputTariffSystem(OneSectorBaseline baseline, PairMatrix tariffs, TariffModelParameters parameters, double valueAddedShare)
    {
        var n = _n = baseline.Size;
        _beta = valueAddedShare;
        _eps = parameters.TradeElasticity;
        _psi = parameters.ScaleElasticity;
        _kappa = parameters.LaborSupplyElasticity;
        _taxRelief = parameters.Recycling == RevenueRecycling.IncomeTaxRelief;
        _nu = baseline.CostShare.ToArray();
        _oneMinusNu = _nu.Select(v => 1 - v).ToArray();
        _phi = _nu.Select(parameters.DemandExponent).ToArray();

        // Gross flows: only domestic sales are grossed up by 1/β (intermediate purchases are domestic).
        Flows = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Flows[(i * n) + j] = i == j ? baseline.Flows[i, j] / _beta : baseline.Flows[i, j];
            }
        }

        _e = new double[n];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Add(_e, Flows.AsSpan(i * n, n), _e);
        }

        _y = new double[n];
        _t = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sales = TensorPrimitives.Dot(Flows.AsSpan(i * n, n), _oneMinusNu);
            _y[i] = (_beta * sales) + (_nu[i] * _e[i]);
            _t[i] = _e[i] - _y[i] - ((1 - _beta) * sales);
        }

        _ySum = _y.Sum();
        _b = new double[n * n];
        _g = new double[n * n];
        _h = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = (i * n) + j;
                var tij = tariffs[i, j];
                _b[k] = Flows[k] / _e[j] * Math.Pow(1 + tij, -_eps * _phi[j]);
                _g[k] = 1 / (1 + tij);
                _h[k] = tij / (1 + tij);
            }
        }

        State = new IoState(n);
    }

    public int Dimension => 4 * _n;

    /// <summary>Baseline gross flows X^IO, exporter × importer.</summary>
    public double[] Flows { get; }

    public IReadOnlyList<double> Expenditure => _e;

    public IReadOnlyList<double> Income => _y;

    public IReadOnlyList<double> Transfers => _t;

    public IoState State { get; }

    public void Evaluate(ReadOnlySpan<double> x, Span<double> residual)
    {
        var n = _n;
        var s = State;
        for (var i = 0; i < n; i++)
        {
            s.W[i] = Math.Abs(x[i]);
            s.EHat[i] = Math.Abs(x[n + i]);
            s.L[i] = Math.Abs(x[(2 * n) + i]);
            s.P[i] = Math.Abs(x[(3 * n) + i]);
            var cost = Math.Pow(s.W[i], _beta) * Math.Pow(s.P[i], 1 - _beta);
            var entry = Math.Pow(s.W[i] / s.P[i], 1 - _beta);
            s.A[i] = Math.Pow(cost / Math.Pow(entry * s.L[i], _psi), -_eps);
            s.ExpenditureNew[i] = s.EHat[i] * _e[i];
            s.IncomeNew[i] = s.W[i] * s.L[i] * _y[i];
        }

        DemandAllocation.Allocate(n, s.A, _b, _g, _h, _oneMinusNu, s.ExpenditureNew, s.ColumnSum, s.Lambda, s.FlowsNew, s.RevenueShare, s.ImportsNew, s.Sales);

        s.IncomeRatio = s.IncomeNew.Sum() / _ySum;
        var numeraire = 0.0;
        for (var i = 0; i < n; i++)
        {
            s.Revenue[i] = s.ExpenditureNew[i] * s.RevenueShare[i];
            s.Tau[i] = _taxRelief ? s.Revenue[i] / s.IncomeNew[i] : 0;
            residual[i] = ((_beta * s.Sales[i]) + (_nu[i] * s.ImportsNew[i]) - s.IncomeNew[i]) / _y[i];
            residual[n + i] = (s.Revenue[i] + s.IncomeNew[i] + ((1 - _beta) * s.Sales[i]) + (_t[i] * s.IncomeRatio) - s.ExpenditureNew[i]) / _e[i];
            residual[(2 * n) + i] = s.L[i] - Math.Pow(s.W[i] / ((1 - s.Tau[i]) * s.P[i]), _kappa);
            residual[(3 * n) + i] = s.P[i] - (Math.Pow(s.EHat[i] / s.W[i], 1 - _phi[i]) * Math.Pow(s.ColumnSum[i], -1 / _eps));
            numeraire += (s.W[i] - 1) * _y[i];
        }

        // Wage numeraire: the income-weighted mean wage is unchanged (replaces the last income equation).
        residual[n - 1] = numeraire / _ySum;
    }
}

/// <summary>Intermediate quantities of the input–output system at one point.</summary>
internal sealed class IoState(int n)
{
    public double[] W { get; } = new double[n];
    public double[] EHat { get; } = new double[n];
    public double[] L { get; } = new double[n];
    public double[] P { get; } = new double[n];
    public double[] A { get; } = new double[n];
    public double[] ColumnSum { get; } = new double[n];
    public double[] Lambda { get; } = new double[n * n];
    public double[] FlowsNew { get; } = new double[n * n];
    public double[] RevenueShare { get; } = new double[n];
    public double[] ImportsNew { get; } = new double[n];
    public double[] Sales { get; } = new double[n];
    public double[] ExpenditureNew { get; } = new double[n];
    public double[] IncomeNew { get; } = new double[n];
    public double[] Revenue { get; } = new double[n];
    public double[] Tau { get; } = new double[n];
    public double IncomeRatio { get; set; }
}
