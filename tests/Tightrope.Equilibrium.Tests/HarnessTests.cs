namespace Tightrope.Equilibrium.Tests;

public class HarnessTests
{
    [Fact]
    public void Harness_runs() => (1 + 1).ShouldBe(2);
}
