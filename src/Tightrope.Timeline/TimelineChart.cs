using ScottPlot;
using SkiaSharp;

namespace Tightrope.Timeline;

/// <summary>
/// The timeline picture: the US tariff rate on Mexico, Canada and China (top) and their welfare change (bottom), each a
/// step line holding until the next tracker date, Mexico's threat path dashed, US–Mexico events as labelled markers.
/// </summary>
public static class TimelineChart
{
    private static readonly (string Iso3, string Name, Color Color)[] Economies =
    [
        ("MEX", "Mexico", Color.FromHex("#1b7837")),
        ("CAN", "Canada", Color.FromHex("#d6604d")),
        ("CHN", "China", Color.FromHex("#2166ac")),
    ];

    /// <summary>Writes the picture as SVG; returns the path.</summary>
    public static string WriteSvg(TimelineResult result, string path, int width = 1400, int height = 1000)
    {
        var multiplot = Build(result);
        using (var stream = File.Create(path))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            canvas.Clear(SKColors.White);
            multiplot.Render(canvas, new PixelRect(0, width, height, 0));
        }

        return path;
    }

    /// <summary>Writes the picture as PNG (for previews and reports); returns the path.</summary>
    public static string WritePng(TimelineResult result, string path, int width = 1400, int height = 1000)
    {
        Build(result).SavePng(path, width, height);
        return path;
    }

    private static Multiplot Build(TimelineResult result)
    {
        var multiplot = new Multiplot();
        var rates = multiplot.AddPlot();
        var welfare = multiplot.AddPlot();
        var baseline = result.Baseline;
        var points = result.Points;
        // Step lines need an end: the last date's values are drawn for 30 more days.
        var xs = points.Select(p => X(p.Date)).Append(X(points[^1].Date.AddDays(30))).ToArray();
        var mex = baseline.Countries.Require("MEX");
        var usa = baseline.UnitedStates;

        foreach (var (iso, name, color) in Economies.Where(e => baseline.Countries.Contains(e.Iso3)))
        {
            var i = baseline.Countries.Require(iso);
            Step(rates, xs, points.Select(p => 100 * p.Actual.Tariffs[i, usa]), color, $"{name}, in force", false);
            Step(welfare, xs, points.Select(p => p.ActualResult.Outcomes[i].WelfarePct), color, $"{name}, in force", false);
        }

        Step(rates, xs, points.Select(p => 100 * (p.Actual.Tariffs[mex, usa] + p.ThreatIncrement)), Economies[0].Color, "Mexico, threats carried out", true);
        Step(welfare, xs, points.Select(p => p.ThreatResult.Outcomes[mex].WelfarePct), Economies[0].Color, "Mexico, threats carried out", true);

        rates.Title("US tariffs and what they did, 2025–26: tracker rates, the one-sector model's welfare, and Mexico's threat path");
        rates.YLabel("additional US tariff (%, effective)");
        welfare.YLabel("welfare change from 2023 (%)");
        welfare.XLabel("date (markers: T threat, P postponement, I imposition, C concession, R ruling, V review; Mexico's proposal X)");
        foreach (var plot in new[] { rates, welfare })
        {
            plot.Axes.DateTimeTicksBottom();
            plot.Axes.SetLimitsX(X(points[0].Date.AddDays(-20)), xs[^1]);
            plot.ShowLegend(Alignment.UpperRight);
            plot.Legend.FontSize = 13;
            plot.Axes.Left.Label.FontSize = 15;
            plot.Axes.Bottom.Label.FontSize = 14;
        }

        rates.Axes.Title.Label.FontSize = 16;
        Markers(rates, result, labels: true);
        Markers(welfare, result, labels: false);
        multiplot.SharedAxes.ShareX([rates, welfare]);
        return multiplot;
    }

    private static void Step(Plot plot, double[] xs, IEnumerable<double> values, Color color, string label, bool dashed)
    {
        var ys = values.ToList();
        ys.Add(ys[^1]);
        var line = plot.Add.Scatter(xs, ys.ToArray());
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.Color = color;
        line.LineWidth = dashed ? 2.5f : 2f;
        line.MarkerSize = 0;
        line.LegendText = label;
        if (dashed)
        {
            line.LinePattern = LinePattern.Dashed;
        }
    }

    private static void Markers(Plot plot, TimelineResult result, bool labels)
    {
        var first = result.Points[0].Date.AddDays(-20);
        var shown = result.Events.Where(e => e.Date >= first).ToList();
        for (var k = 0; k < shown.Count; k++)
        {
            var e = shown[k];
            var (letter, color) = e.Kind switch
            {
                EventKind.Threat => ("T", Color.FromHex("#b2182b")),
                EventKind.Postponement => ("P", Color.FromHex("#4d9221")),
                EventKind.Imposition => ("I", Color.FromHex("#762a83")),
                EventKind.Concession => ("C", Color.FromHex("#2166ac")),
                EventKind.Court => ("R", Color.FromHex("#000000")),
                EventKind.Review => ("V", Color.FromHex("#8c510a")),
                _ => ("X", Color.FromHex("#666666")),
            };
            var line = plot.Add.VerticalLine(X(e.Date));
            line.Color = color.WithAlpha(0.55);
            line.LineWidth = 1;
            line.LinePattern = LinePattern.Dotted;
            if (labels)
            {
                line.Text = $"{letter} {e.Date:MMM d}";
                line.LabelOppositeAxis = true;
                line.LabelFontSize = 11;
                line.LabelBackgroundColor = color;
                line.LabelFontColor = Colors.White;
                line.LabelRotation = -90;
                line.LabelAlignment = Alignment.MiddleLeft;
            }
        }
    }

    private static double X(DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToOADate();
}
