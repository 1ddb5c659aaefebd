using System.Diagnostics;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Numerics;

namespace Tightrope.Linkage;

/// <summary>
/// The payoff surface of the negotiated tariffs (spec §1–§2): the one-sector tariff model solved on a background schedule
/// with τ, r and κ replaced. Every point is a converged equilibrium; points are cached, and each new solve starts from the
/// nearest point already solved. Not thread-safe: one instance per analysis.
/// </summary>
public sealed class TariffPayoffs
{
    private readonly Dictionary<Instruments, Payoff> _cache = [];
    private readonly List<(Instruments At, TariffEquilibriumResult Result)> _solved = [];
    private readonly double[] _background;
    private readonly int _usa;
    private readonly int _mex;
    private readonly int _chn;
    private readonly int _can;
    private readonly Stopwatch _clock = new();
    private const int WarmStartMemory = 48;
    private readonly bool _warmStart;

    /// <summary>Creates the surface over a baseline and a background schedule (every tariff not under negotiation).</summary>
    /// <param name="baseline">The observed economy; must contain USA and MEX (CHN when κ varies; CAN optional).</param>
    /// <param name="background">Tariffs not under negotiation; its τ, r and κ entries are overwritten.</param>
    /// <param name="parameters">Model parameters (the paper's defaults when null).</param>
    /// <param name="warmStart">Start each solve from the nearest solved point (false: from the baseline, for benchmarks).</param>
    public TariffPayoffs(OneSectorBaseline baseline, PairMatrix background, TariffModelParameters? parameters = null, bool warmStart = true)
    {
        _warmStart = warmStart;
        Baseline = baseline;
        Parameters = parameters ?? TariffModelParameters.Default;
        var countries = baseline.Countries;
        _usa = countries.IndexOf("USA");
        _mex = countries.IndexOf("MEX");
        _chn = countries.IndexOf("CHN");
        _can = countries.IndexOf("CAN");
        if (_usa < 0 || _mex < 0)
        {
            throw new ArgumentException("The tariff game needs USA and MEX in the data set.");
        }

        _background = background.Values.ToArray();
        Background = background;
    }

    /// <summary>The observed economy.</summary>
    public OneSectorBaseline Baseline { get; }

    /// <summary>The background schedule.</summary>
    public PairMatrix Background { get; }

    /// <summary>Model parameters.</summary>
    public TariffModelParameters Parameters { get; }

    /// <summary>Number of general-equilibrium solves so far (cache hits excluded).</summary>
    public int Solves { get; private set; }

    /// <summary>Total Newton iterations over all solves.</summary>
    public int NewtonIterations { get; private set; }

    /// <summary>Wall time spent in the tariff model.</summary>
    public TimeSpan SolveTime => _clock.Elapsed;

    /// <summary>Mexico's baseline income (GDP in the model), USD bn.</summary>
    public double MexicoGdpUsdBn => Baseline.Income[_mex] * 1e-6;

    /// <summary>A party's baseline income (GDP in the model), USD bn.</summary>
    public double GdpUsdBn(Party p) => p switch
    {
        Party.Usa => Baseline.Income[_usa] * 1e-6,
        Party.Mex => Baseline.Income[_mex] * 1e-6,
        Party.Can => _can < 0 ? double.NaN : Baseline.Income[_can] * 1e-6,
        Party.Chn => _chn < 0 ? double.NaN : Baseline.Income[_chn] * 1e-6,
        _ => Baseline.Income.Sum() * 1e-6,
    };

    /// <summary>The tariff matrix at a point: the background with τ, r and κ set.</summary>
    public PairMatrix Matrix(Instruments x)
    {
        var n = Baseline.Size;
        var t = (double[])_background.Clone();
        t[(_mex * n) + _usa] = x.Tau;
        t[(_usa * n) + _mex] = x.R;
        if (_chn >= 0)
        {
            t[(_chn * n) + _mex] = x.Kappa;
        }
        else if (x.Kappa != 0)
        {
            throw new ArgumentException("κ is the tariff on Chinese goods, but the data set has no CHN.");
        }

        return PairMatrix.Rates(Baseline.Countries, t);
    }

    /// <summary>The payoff at a point (solved once, then cached).</summary>
    public Payoff At(Instruments x)
    {
        if (_cache.TryGetValue(x, out var cached))
        {
            return cached;
        }

        var result = Solve(x);
        var payoff = Summarise(x, result);
        _cache[x] = payoff;
        return payoff;
    }

    /// <summary>The payoff at (τ, r, κ).</summary>
    public Payoff At(double tau, double r, double kappa) => At(new Instruments(tau, r, kappa));

    /// <summary>The full equilibrium at a point (not cached; counts as a solve).</summary>
    public TariffEquilibriumResult Solve(Instruments x)
    {
        TariffEquilibriumResult? warm = null;
        var best = double.PositiveInfinity;
        foreach (var (at, res) in _warmStart ? _solved : [])
        {
            var d = at.DistanceTo(x);
            if (d < best)
            {
                best = d;
                warm = res;
            }
        }

        _clock.Start();
        TariffEquilibriumResult result;
        try
        {
            result = TariffModel.Solve(Baseline, Matrix(x), Parameters, warmStart: warm);
        }
        catch (SolverDidNotConvergeException e)
        {
            throw new SolverDidNotConvergeException($"tariff model at {x}: {e.Message}", e.Iterations, e.ResidualNorm);
        }
        finally
        {
            _clock.Stop();
        }

        Solves++;
        NewtonIterations += result.Diagnostics.Solver.Iterations;
        // Each result holds a full tariff matrix; the most recent points are the useful warm starts.
        if (_solved.Count == WarmStartMemory)
        {
            _solved.RemoveAt(0);
        }

        _solved.Add((x, result));
        return result;
    }

    private Payoff Summarise(Instruments x, TariffEquilibriumResult result)
    {
        double W(int i) => i < 0 ? double.NaN : result.Outcomes[i].WelfarePct;

        // V = W/100 · E, E in thousand USD → USD bn: × 1e3 / 1e9.
        double V(int i) => i < 0 ? double.NaN : W(i) / 100 * Baseline.Expenditure[i] * 1e-6;
        double worldV = 0, worldE = 0;
        for (var i = 0; i < Baseline.Size; i++)
        {
            worldV += result.Outcomes[i].WelfarePct / 100 * Baseline.Expenditure[i] * 1e-6;
            worldE += Baseline.Expenditure[i] * 1e-6;
        }

        return new Payoff(x, W(_usa), W(_mex), W(_can), W(_chn), 100 * worldV / worldE, V(_usa), V(_mex), V(_can), V(_chn), worldV);
    }
}
