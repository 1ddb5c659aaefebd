namespace Tightrope.Equilibrium.OneSector;

/// <summary>
/// Closed-form uniform "optimal" tariffs of the one-sector model (spec §7): the US unilateral optimum and the rest of
/// the world's optimal retaliation, each from a two-region (US / rest of world) view of the completed baseline.
/// </summary>
public static class OptimalTariffs
{
    /// <summary>Which denominator the US optimal-tariff formula uses.</summary>
    public enum UsDenominator
    {
        /// <summary>(1−ν_U)(E_U − X_UU), US imports: Table 1 case 3.</summary>
        Imports,

        /// <summary>(1−ν_U)(Y_U − X_UU), as in the paper's "optimal + optimal retaliation" panel (Table 2 panel 4).</summary>
        IncomeLessDomestic,
    }

    /// <summary>The uniform US tariff t* = 1/((1+ε δ_U) φ_U − 1) on every other origin.</summary>
    public static double UnitedStates(OneSectorBaseline baseline, TariffModelParameters parameters, UsDenominator denominator = UsDenominator.Imports)
    {
        var us = baseline.UnitedStates;
        var n = baseline.Size;
        var x = baseline.Flows;
        var numerator = 0.0;
        for (var j = 0; j < n; j++)
        {
            if (j != us)
            {
                numerator += (1 - baseline.CostShare[j]) * (1 - baseline.Share(us, j)) * x[us, j];
            }
        }

        var nuU = baseline.CostShare[us];
        var scale = denominator == UsDenominator.Imports
            ? baseline.Expenditure[us] - x[us, us]
            : baseline.Income[us] - x[us, us];
        var delta = numerator / ((1 - nuU) * scale);
        var phi = parameters.DemandExponent(nuU);
        return 1 / (((1 + (parameters.TradeElasticity * delta)) * phi) - 1);
    }

    /// <summary>The uniform retaliatory tariff t^R every non-US country levies on US goods.</summary>
    public static double Retaliation(OneSectorBaseline baseline, TariffModelParameters parameters)
    {
        var us = baseline.UnitedStates;
        var n = baseline.Size;
        var x = baseline.Flows;
        double xRU = 0, xRR = 0, yR = 0;
        for (var i = 0; i < n; i++)
        {
            if (i == us)
            {
                continue;
            }

            yR += baseline.Income[i];
            xRU += x[i, us];
            for (var j = 0; j < n; j++)
            {
                if (j != us)
                {
                    xRR += x[i, j];
                }
            }
        }

        var xUU = x[us, us];
        var lambdaRU = xRU / (xRU + xUU);
        var nuU = baseline.CostShare[us];
        // Every non-US country shares one ν (in Eaton–Kortum mode it is 0).
        var nuRest = baseline.CostShare[us == 0 ? 1 : 0];
        var delta = (1 - nuU) * (1 - lambdaRU) * xRU / ((1 - nuRest) * (yR - xRR));
        var phi = parameters.DemandExponent(nuRest);
        return 1 / (((1 + (parameters.TradeElasticity * delta)) * phi) - 1);
    }
}
