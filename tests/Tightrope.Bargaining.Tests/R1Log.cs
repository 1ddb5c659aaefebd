using System.Globalization;
using System.Text.RegularExpressions;

namespace Tightrope.Bargaining.Tests;

/// <summary>Reads the verbose log the R1 reference code writes (Example.log): moves per round and the mean after each round.</summary>
internal sealed partial class R1Log
{
    public List<double> Means { get; } = [];

    public List<double> Medians { get; } = [];

    public List<List<LoggedMove>> Rounds { get; } = [];

    public static R1Log Read(string path)
    {
        var log = new R1Log();
        List<LoggedMove>? round = null;
        string? actor = null, proposer = null, kind = null;
        double a = 0, b = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd('\r');
            Match m;
            if ((m = MeanLine().Match(line)).Success)
            {
                log.Means.Add(Parse(m.Groups[1].Value));
            }
            else if ((m = MedianLine().Match(line)).Success)
            {
                log.Medians.Add(Parse(m.Groups[1].Value));
            }
            else if ((m = RoundLine().Match(line)).Success)
            {
                round = [];
                log.Rounds.Add(round);
                int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).ShouldBe(log.Rounds.Count);
            }
            else if ((m = MoveLine().Match(line)).Success)
            {
                (actor, kind, proposer) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
            }
            else if ((m = UtilityLine().Match(line)).Success)
            {
                (a, b) = (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value));
            }
            else if ((m = PositionLine().Match(line)).Success)
            {
                round!.Add(new LoggedMove(actor!, kind!, proposer!, a, b, Parse(m.Groups[1].Value)));
            }
        }

        return log;
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Mean position: (\S+)$")]
    private static partial Regex MeanLine();

    [GeneratedRegex(@"^Median position: (\S+)$")]
    private static partial Regex MedianLine();

    [GeneratedRegex(@"^ROUND (\d+)$")]
    private static partial Regex RoundLine();

    [GeneratedRegex(@"^(.+) (loses confrontation to|compromises with|capitulates to) (.+)$")]
    private static partial Regex MoveLine();

    [GeneratedRegex(@"^\t(\S+) vs (\S+)$")]
    private static partial Regex UtilityLine();

    [GeneratedRegex(@"^\tnew_pos = (\S+)$")]
    private static partial Regex PositionLine();
}

internal sealed record LoggedMove(string Actor, string Kind, string Proposer, double A, double B, double NewPosition);
