namespace Tightrope.Equilibrium.OneSector;

/// <summary>What happens to tariff revenue.</summary>
public enum RevenueRecycling
{
    /// <summary>Revenue replaces part of an income tax, raising the after-tax wage (the paper's default).</summary>
    IncomeTaxRelief,

    /// <summary>Revenue is rebated lump-sum; it enters expenditure but not the labour-supply decision.</summary>
    LumpSum,
}

/// <summary>Elasticities and switches of the one-sector tariff model (Ignatenko, Macedoni, Lashkaripour &amp; Simonovska 2025).</summary>
public sealed record TariffModelParameters
{
    /// <summary>Trade elasticity ε used in demand and the price index (4; 8 in a robustness run).</summary>
    public double TradeElasticity { get; init; } = 4.0;

    /// <summary>Labour-supply elasticity κ (0.5).</summary>
    public double LaborSupplyElasticity { get; init; } = 0.5;

    /// <summary>Scale elasticity ψ; the paper fixes it at 0.67/4 whatever ε is used in demand.</summary>
    public double ScaleElasticity { get; init; } = 0.67 / 4.0;

    /// <summary>Auxiliary θ = 4/0.67 entering the tariff-demand exponent φ; also fixed at its ε = 4 value.</summary>
    public double Theta { get; init; } = 4.0 / 0.67;

    /// <summary>Tariff pass-through to firm-level prices φ̃ (1 in the baseline, 0.25 in a robustness run).</summary>
    public double PassThrough { get; init; } = 1.0;

    /// <summary>Revenue-recycling mode.</summary>
    public RevenueRecycling Recycling { get; init; } = RevenueRecycling.IncomeTaxRelief;

    /// <summary>The paper's baseline values.</summary>
    public static TariffModelParameters Default { get; } = new();

    /// <summary>Checks ranges; throws naming the field.</summary>
    public void Validate()
    {
        Require(TradeElasticity > 0, nameof(TradeElasticity), "must be > 0");
        Require(LaborSupplyElasticity >= 0, nameof(LaborSupplyElasticity), "must be ≥ 0");
        Require(ScaleElasticity >= 0, nameof(ScaleElasticity), "must be ≥ 0");
        Require(Theta > 0, nameof(Theta), "must be > 0");
        Require(PassThrough >= 0, nameof(PassThrough), "must be ≥ 0");
    }

    /// <summary>Tariff-demand exponent φ_j for an importer with destination cost share ν_j (spec eq. 6).</summary>
    public double DemandExponent(double costShare) =>
        PassThrough + (((1 + Theta) / ((1 - costShare) * Theta)) - (1 / Theta) - 1);

    private static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Model parameter {field} {message}.");
        }
    }
}
