using Tightrope.Data;

namespace Tightrope.Equilibrium.StructuralGravity;

/// <summary>A one-year structural-gravity economy: observed flows including domestic sales, and its trade costs.</summary>
/// <param name="Flows">Observed flows, exporter → importer, with domestic sales on the diagonal.</param>
/// <param name="BaselineCosts">Costs of the observed world (t^BLN): positive factors t_ij = (iceberg cost)^(1−σ), exporter → importer.</param>
/// <param name="Reference">ISO3 code of the reference country whose inward resistance is normalised to 1.</param>
/// <param name="Sigma">Elasticity of substitution σ (&gt; 1).</param>
public sealed record GravityEconomy(PairMatrix Flows, PairMatrix BaselineCosts, string Reference, double Sigma)
{
    /// <summary>Countries, in matrix order.</summary>
    public CountrySet Countries => Flows.Countries;

    /// <summary>Checks what the model needs; throws a message naming the country at fault.</summary>
    public void Validate()
    {
        var n = Countries.Count;
        if (!Countries.Contains(Reference))
        {
            throw new ArgumentException($"Reference country '{Reference}' is not in the data.");
        }

        if (!(Sigma > 1))
        {
            throw new ArgumentException($"σ must exceed 1, got {Sigma}.");
        }

        if (!BaselineCosts.Unit.IsFactor)
        {
            throw new ArgumentException($"Trade costs must be positive factors (power form); got a matrix in {BaselineCosts.Unit}.");
        }

        if (!BaselineCosts.Countries.Select(c => c.Iso3).SequenceEqual(Countries.Select(c => c.Iso3)))
        {
            throw new ArgumentException("Trade costs and flows list different countries or orders.");
        }

        for (var i = 0; i < n; i++)
        {
            var output = 0.0;
            var spending = 0.0;
            for (var j = 0; j < n; j++)
            {
                output += Flows[i, j];
                spending += Flows[j, i];
            }

            if (!(output > 0) || !(spending > 0))
            {
                throw new ArgumentException($"{Countries[i].Iso3} has zero production or expenditure; every country must produce and spend.");
            }

            if (Flows[i, i] <= 0)
            {
                throw new ArgumentException($"{Countries[i].Iso3} has no domestic sales (flow {Countries[i].Iso3}→{Countries[i].Iso3} is {Flows[i, i]}); structural gravity needs domestic flows for every country.");
            }
        }
    }
}
