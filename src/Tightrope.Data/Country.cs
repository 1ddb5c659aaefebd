namespace Tightrope.Data;

/// <summary>An economy identified by its ISO 3166-1 alpha-3 code.</summary>
public sealed record Country(string Iso3, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Iso3;
}

/// <summary>A production sector, identified by a short code and a readable name.</summary>
public sealed record Sector(string Code, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Code;
}
