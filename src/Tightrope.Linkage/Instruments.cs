namespace Tightrope.Linkage;

/// <summary>
/// The three tariffs under negotiation (fractions, 0.25 = 25%): τ, the effective US tariff on Mexican goods; r, Mexico's
/// retaliatory tariff on US goods; κ, Mexico's effective tariff on Chinese goods. Every other tariff is the background's.
/// </summary>
public readonly record struct Instruments(double Tau, double R, double Kappa)
{
    /// <summary>Straight-line distance, used to pick the nearest solved point as a warm start.</summary>
    public double DistanceTo(Instruments other) =>
        Math.Sqrt(((Tau - other.Tau) * (Tau - other.Tau)) + ((R - other.R) * (R - other.R)) + ((Kappa - other.Kappa) * (Kappa - other.Kappa)));

    /// <inheritdoc />
    public override string ToString() => $"τ={Tau:0.####}, r={R:0.####}, κ={Kappa:0.####}";
}

/// <summary>An economy whose welfare the payoffs report (spec §2: USA, MEX, CAN, CHN and the world).</summary>
public enum Party
{
    /// <summary>United States.</summary>
    Usa,

    /// <summary>Mexico.</summary>
    Mex,

    /// <summary>Canada.</summary>
    Can,

    /// <summary>China.</summary>
    Chn,

    /// <summary>The world: expenditure-weighted mean welfare change and the sum of dollar values.</summary>
    World,
}

/// <summary>
/// Welfare at one point of the payoff surface: W in percent of the zero-tariff baseline and V = W/100·E in USD bn
/// (E = baseline expenditure), for the USA, Mexico, Canada, China and the world.
/// </summary>
public sealed record Payoff(Instruments At, double WelfarePctUsa, double WelfarePctMex, double WelfarePctCan, double WelfarePctChn, double WelfarePctWorld,
    double UsdBnUsa, double UsdBnMex, double UsdBnCan, double UsdBnChn, double UsdBnWorld)
{
    /// <summary>W (percent) of a party.</summary>
    public double WelfarePct(Party p) => p switch
    {
        Party.Usa => WelfarePctUsa,
        Party.Mex => WelfarePctMex,
        Party.Can => WelfarePctCan,
        Party.Chn => WelfarePctChn,
        _ => WelfarePctWorld,
    };

    /// <summary>V (USD bn) of a party.</summary>
    public double UsdBn(Party p) => p switch
    {
        Party.Usa => UsdBnUsa,
        Party.Mex => UsdBnMex,
        Party.Can => UsdBnCan,
        Party.Chn => UsdBnChn,
        _ => UsdBnWorld,
    };
}
