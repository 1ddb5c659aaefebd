using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Tightrope.Store;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope serve [--port 5000] [--host 127.0.0.1] [--store PATH]</c>: the web explorer and its JSON API.</summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (default 5000).", DefaultValueFactory = _ => 5000 };
        var host = new Option<string>("--host") { Description = "Address to bind (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the network).", DefaultValueFactory = _ => "127.0.0.1" };
        var store = new Option<FileInfo?>("--store") { Description = "Run store file (default: $TIGHTROPE_STORE or tightrope/runs.duckdb in the user's data folder)." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var timeLimit = new Option<double>("--time-limit") { Description = "Longest one solve may take, in seconds (default 120).", DefaultValueFactory = _ => 120 };
        var command = new Command("serve", "Serve the web explorer (maps, comparisons, negotiation, estimation, run history) and its JSON API.")
        {
            port, host, store, data, timeLimit,
        };
        command.SetAction(parse => RunHistory.Guard(() =>
        {
            var p = parse.GetValue(port);
            if (p is < 1 or > 65535)
            {
                throw new ArgumentException($"--port must be between 1 and 65535, found {p}.");
            }

            var h = parse.GetValue(host)!;
            if (!IPAddress.TryParse(h, out var address) && h != "localhost")
            {
                throw new ArgumentException($"--host '{h}': expected an IP address such as 127.0.0.1 or 0.0.0.0.");
            }

            var limit = parse.GetValue(timeLimit);
            if (!(limit > 0))
            {
                throw new ArgumentException($"--time-limit must be positive, found {limit}.");
            }

            var storePath = parse.GetValue(store)?.FullName ?? RunStore.DefaultPath();
            var shown = address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{h}]" : h;
            var url = $"http://{shown}:{p}";
            var args = new List<string> { $"--urls={url}", $"--Tightrope:StorePath={storePath}", $"--Tightrope:SolveTimeLimitSeconds={limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
            if (parse.GetValue(data) is { } d)
            {
                args.Add($"--Tightrope:DataRoot={d.FullName}");
            }

            var app = Tightrope.Web.WebApp.Create([.. args]);
            if (address is not null && !IPAddress.IsLoopback(address))
            {
                Console.Error.WriteLine($"warning: listening on {h}, reachable from other machines; the explorer has no authentication.");
            }

            try
            {
                app.StartAsync().GetAwaiter().GetResult();
            }
            catch (IOException e)
            {
                throw new ArgumentException($"cannot listen on {url}: {e.Message}");
            }

            AnsiConsole.Console.MarkupLine($"Tightrope explorer on [bold]{Markup.Escape(url)}[/] (store {Markup.Escape(storePath)}); Ctrl+C stops it.");
            app.WaitForShutdownAsync().GetAwaiter().GetResult();
            return 0;
        }));
        return command;
    }
}
