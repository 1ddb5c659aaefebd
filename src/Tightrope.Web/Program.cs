namespace Tightrope.Web;

/// <summary>Entry point of the web app when run on its own; <c>tightrope serve</c> calls <see cref="WebApp.Create"/> directly.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the web app with ASP.NET Core's usual command-line configuration (e.g. --urls, --Tightrope:StorePath).</summary>
    public static void Main(string[] args) => WebApp.Create(args).Run();
}
