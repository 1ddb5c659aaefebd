namespace Tightrope.Bench;

/// <summary>A named benchmark suite runnable as <c>dotnet run -c Release --project bench/Tightrope.Bench -- NAME [args]</c>.</summary>
public interface IBenchmarkSuite
{
    /// <summary>Name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line saying what is measured and against which baseline.</summary>
    string Description { get; }

    /// <summary>Runs the suite and prints its measurements; returns the process exit code.</summary>
    int Run(string[] args);
}

/// <summary>Benchmarks entry point: lists the suites, or runs the one named.</summary>
public static class Program
{
    /// <summary>Runs the named suite, or lists every suite.</summary>
    public static int Main(string[] args)
    {
        var suites = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var chosen = args.Length > 0 ? suites.FirstOrDefault(s => s.Name == args[0]) : null;
        if (chosen is null)
        {
            Console.WriteLine("usage: dotnet run -c Release --project bench/Tightrope.Bench -- SUITE [args]");
            foreach (var s in suites)
            {
                Console.WriteLine($"  {s.Name,-24} {s.Description}");
            }

            return args.Length == 0 ? 0 : 2;
        }

        return chosen.Run(args[1..]);
    }
}
