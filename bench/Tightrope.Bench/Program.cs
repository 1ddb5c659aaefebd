namespace Tightrope.Bench;

/// <summary>Benchmarks entry point.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks.</summary>
    public static int Main(string[] args) => args.Length;
}
