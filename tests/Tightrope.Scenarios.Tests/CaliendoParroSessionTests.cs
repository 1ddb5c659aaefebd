using Tightrope.Scenarios.CaliendoParro;

namespace Tightrope.Scenarios.Tests;

/// <summary>The typed Caliendo–Parro API: a spec parsed without data, a session that loads once and solves many specs.</summary>
public sealed class CaliendoParroSessionTests
{
    [Fact]
    public void A_session_solves_many_specs_on_one_baseline_and_a_warm_start_reaches_the_same_equilibrium()
    {
        var spec = CaliendoParroSpec.Parse(ScenarioCatalog.Default().Find("usmx-autos-25"));
        spec.Tariffs.Single().Level.ShouldBe(new CpRate(0.25));
        var session = CaliendoParroSession.Load(spec, new RunOptions());
        var at25 = session.Solve(spec);

        var higher = spec with { Tariffs = [spec.Tariffs[0] with { Level = new CpRate(0.30) }] };
        var cold = session.Solve(higher);
        var warm = session.Solve(higher, warmStart: at25);

        // The reference run does not depend on the counterfactual's rules: solved once, shared.
        cold.Reference.ShouldBeSameAs(at25.Reference);
        int auto = session.Baseline.Sectors.Require("auto"), mex = session.Baseline.Countries.Require("MEX"), usa = session.Baseline.Countries.Require("USA");
        cold.Counterfactual.Tariffs[auto, mex, usa].ShouldBe(0.30);
        warm.Counterfactual.Diagnostics.WageIterations.ShouldBeLessThanOrEqualTo(cold.Counterfactual.Diagnostics.WageIterations);
        warm.For("MEX").WelfarePct.ShouldBe(cold.For("MEX").WelfarePct, 1e-6);
        cold.For("MEX").WelfarePct.ShouldBeLessThan(at25.For("MEX").WelfarePct);
    }

    [Fact]
    public void A_spec_for_other_data_is_refused_by_a_session()
    {
        var spec = CaliendoParroSpec.Parse(ScenarioCatalog.Default().Find("usmx-autos-25"));
        var session = CaliendoParroSession.Load(spec, new RunOptions());
        Should.Throw<ArgumentException>(() => session.Solve(spec with { InputOutput = false })).Message.ShouldContain("the session holds");
    }
}
