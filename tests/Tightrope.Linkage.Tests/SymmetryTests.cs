using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;

namespace Tightrope.Linkage.Tests;

/// <summary>§8.3: on a synthetic two-country economy with α = 1/2, swapping the countries swaps the Nash outcome.</summary>
public sealed class SymmetryTests
{
    /// <summary>
    /// Two countries with given GDPs and flows (USD). Neither is special: the cost-share targets are equal (so swapping the
    /// data swaps the calibrated shares used to build domestic sales) and the model runs with ν = 0.
    /// </summary>
    private static OneSectorBaseline Economy(double gdpUsa, double gdpMex, double usaToMex, double mexToUsa)
    {
        var countries = new CountrySet([new Country("USA", "United States"), new Country("MEX", "Mexico")]);
        var trade = new PairMatrix(countries, [0, usaToMex, mexToUsa, 0], MoneyUnit.Usd);
        var data = new BilateralDataset(countries, trade, new CountryValues(countries, [gdpUsa, gdpMex], MoneyUnit.Usd),
            new ImporterTariffSchedule(countries[0], countries, [0, 0]), "synthetic");
        return OneSectorBaseline.Build(data, new BaselineOptions { CostShares = CostShareMode.EatonKortum, RestOfWorldTargetShare = 0.2, UnitedStatesTargetShare = 0.2 });
    }

    /// <summary>Nash bargaining over (τ, r) ∈ [0, 0.5]² from the threat point (τ_d, r_d), with player 1 = the US.</summary>
    private static (double Tau, double R, double GainUsa, double GainMex) Bargain(OneSectorBaseline economy, double tauThreat, double rThreat)
    {
        var payoffs = new TariffPayoffs(economy, PairMatrix.Zero(economy.Countries));
        var threat = payoffs.At(tauThreat, rThreat, 0);
        var d = (threat.UsdBnUsa, threat.UsdBnMex);
        var problem = new BargainingProblem(
            x =>
            {
                var p = payoffs.At(x[0], x[1], 0);
                return (p.UsdBnUsa, p.UsdBnMex);
            },
            d, 0.5, [0, 0], [0.5, 0.5], ["tau", "r"]);
        var s = NashBargaining.Solve(problem);
        TestContext.Current.SendDiagnosticMessage($"d=({d.Item1:F4}, {d.Item2:F4}); Nash agreement={s.Agreement} x=({s.Argument?[0]:F6}, {s.Argument?[1]:F6}) G=({s.G1:F4}, {s.G2:F4}) bounds={string.Join(",", s.Bounds)} converged={s.Converged}");
        s.Agreement.ShouldBeTrue();
        return (s.Argument![0], s.Argument[1], s.G1 - d.Item1, s.G2 - d.Item2);
    }

    [Fact]
    public void Swapping_the_countries_swaps_the_nash_outcome()
    {
        // An asymmetric pair (big and small) and the same pair with the data swapped.
        var a = Bargain(Economy(3e12, 1e12, 2e11, 3e11), 0.3, 0.2);
        var b = Bargain(Economy(1e12, 3e12, 3e11, 2e11), 0.2, 0.3);
        b.Tau.ShouldBe(a.R, 1e-5);
        b.R.ShouldBe(a.Tau, 1e-5);
        b.GainUsa.ShouldBe(a.GainMex, 1e-6 * Math.Abs(a.GainMex));
        b.GainMex.ShouldBe(a.GainUsa, 1e-6 * Math.Abs(a.GainUsa));
    }

    [Fact]
    public void The_synthetic_economy_is_symmetric_in_the_tariff_model()
    {
        var e = Economy(2e12, 2e12, 2.5e11, 2.5e11);
        var payoffs = new TariffPayoffs(e, PairMatrix.Zero(e.Countries));
        var a = payoffs.At(0.17, 0.31, 0);
        var b = payoffs.At(0.31, 0.17, 0);
        a.WelfarePctUsa.ShouldBe(b.WelfarePctMex, 1e-9);
        a.WelfarePctMex.ShouldBe(b.WelfarePctUsa, 1e-9);
    }

    [Fact]
    public void A_symmetric_economy_gives_a_symmetric_outcome()
    {
        var s = Bargain(Economy(2e12, 2e12, 2.5e11, 2.5e11), 0.3, 0.3);
        s.Tau.ShouldBe(s.R, 1e-5);
        s.GainUsa.ShouldBe(s.GainMex, 1e-6 * Math.Abs(s.GainMex));
    }
}
