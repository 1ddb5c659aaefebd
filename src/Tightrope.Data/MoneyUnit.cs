namespace Tightrope.Data;

/// <summary>The currency unit a monetary quantity is stored in.</summary>
public enum MoneyUnit
{
    /// <summary>US dollars.</summary>
    Usd,

    /// <summary>Thousands of US dollars.</summary>
    ThousandUsd,

    /// <summary>Millions of US dollars.</summary>
    MillionUsd,
}

/// <summary>Conversions between <see cref="MoneyUnit"/> values.</summary>
public static class MoneyUnits
{
    /// <summary>How many US dollars one unit is worth.</summary>
    public static double InUsd(this MoneyUnit unit) => unit switch
    {
        MoneyUnit.Usd => 1.0,
        MoneyUnit.ThousandUsd => 1e3,
        MoneyUnit.MillionUsd => 1e6,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>The factor that converts a value in <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static double Factor(MoneyUnit from, MoneyUnit to) => from.InUsd() / to.InUsd();

    /// <summary>A short label for tables and file headers.</summary>
    public static string Label(this MoneyUnit unit) => unit switch
    {
        MoneyUnit.Usd => "USD",
        MoneyUnit.ThousandUsd => "thousand USD",
        MoneyUnit.MillionUsd => "million USD",
        _ => unit.ToString(),
    };
}
