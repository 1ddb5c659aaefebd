using Tightrope.Scenarios.StructuralGravity;

namespace Tightrope.Scenarios.Tests.StructuralGravity;

/// <summary>The typed structural-gravity API: costs estimated once per session, many counterfactuals solved on them.</summary>
public sealed class StructuralGravitySessionTests
{
    [Fact]
    public void A_session_estimates_once_and_solves_counterfactuals_as_a_fresh_run_would()
    {
        var doc = ScenarioCatalog.Default().Find("yotov-no-borders");
        var spec = StructuralGravityScenarioModel.Read(doc);
        var session = StructuralGravitySession.Load(spec, new RunOptions());
        var first = session.Solve(spec, doc.Path);
        var fresh = StructuralGravityScenarioModel.Solve(doc, new RunOptions());
        first.Result.For("MEX").ChangeRgdpFull.ShouldBe(fresh.Result.For("MEX").ChangeRgdpFull, 1e-12);

        // Another σ on the same estimated costs: the estimates are shared, the answer moves.
        var otherSigma = session.Solve(spec with { Sigma = spec.Sigma + 2 }, doc.Path);
        otherSigma.Estimates.ShouldBeSameAs(first.Estimates);
        otherSigma.Result.For("MEX").ChangeRgdpFull.ShouldNotBe(first.Result.For("MEX").ChangeRgdpFull);
        Should.Throw<ArgumentException>(() => session.Solve(spec with { FlowColumn = "other" }, doc.Path)).Message.ShouldContain("load a session");
    }
}
