using System.Globalization;
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

    private static readonly (EventKind Kind, string Letter, string Hex, string Meaning)[] Kinds =
    [
        (EventKind.Threat, "T", "#b2182b", "threat"),
        (EventKind.Postponement, "P", "#4d9221", "postponement"),
        (EventKind.Imposition, "I", "#762a83", "imposition"),
        (EventKind.Concession, "C", "#2166ac", "Mexican concession"),
        (EventKind.Proposal, "X", "#555555", "Mexican proposal"),
        (EventKind.Court, "R", "#000000", "court ruling"),
        (EventKind.Review, "V", "#8c510a", "USMCA review"),
    ];

    /// <summary>The font of every label.</summary>
    public const string FontFamily = "DejaVu Sans";

    /// <summary>Rates above this (China in April–May 2025) are drawn at the cap and annotated, so Mexico's path stays legible.</summary>
    private const double RateCap = 50;

    private static Multiplot Build(TimelineResult result)
    {
        var multiplot = new Multiplot();
        var rates = multiplot.GetPlot(0);
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
            var r = points.Select(p => 100 * p.Actual.Tariffs[i, usa]).ToList();
            Step(rates, xs, r.Select(v => Math.Min(v, RateCap)), color, $"{name}, in force", false);
            Step(welfare, xs, points.Select(p => p.ActualResult.Outcomes[i].WelfarePct), color, $"{name}, in force", false);
            var peak = r.IndexOf(r.Max());
            if (r[peak] > RateCap)
            {
                var note = rates.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{name} above {RateCap:F0}% (peak {r[peak]:F0}% on {points[peak].Date:d MMM yyyy})"), xs[peak] + 8, RateCap - 1);
                note.LabelFontSize = 12;
                note.LabelFontName = FontFamily;
                note.LabelFontColor = color;
                note.LabelAlignment = Alignment.UpperLeft;
            }
        }

        Step(rates, xs, points.Select(p => 100 * (p.Actual.Tariffs[mex, usa] + p.ThreatIncrement)), Economies[0].Color, "Mexico, threats carried out", true);
        Step(welfare, xs, points.Select(p => p.ThreatResult.Outcomes[mex].WelfarePct), Economies[0].Color, "Mexico, threats carried out", true);

        rates.Title("US tariffs on Mexico, Canada and China, 2025–26, and what the one-sector model says they did");
        rates.YLabel("additional US tariff (%, effective)");
        welfare.YLabel("welfare change from 2023 (%)");
        var left = X(points[0].Date.AddDays(-20));
        foreach (var plot in new[] { rates, welfare })
        {
            plot.Axes.DateTimeTicksBottom();
            if (plot.Axes.Bottom.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            {
                ticks.LabelFormatter = d => d.ToString("MMM yyyy", CultureInfo.InvariantCulture);
            }

            plot.Axes.SetLimitsX(left, xs[^1]);
            // Fixed margins keep the two data areas aligned whatever the tick labels' widths.
            plot.Layout.Fixed(new PixelPadding(85, 25, 60, 45));
            plot.Axes.Left.Label.FontSize = 15;
            plot.Axes.Bottom.Label.FontSize = 14;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
            plot.Axes.Left.TickLabelStyle.FontSize = 13;
        }

        // DateTimeTicksBottom replaces the bottom axis, so its label is set afterwards.
        welfare.XLabel("tracker date (rates hold until the next date)");
        rates.HideLegend();
        welfare.ShowLegend(Alignment.LowerRight);
        welfare.Legend.FontSize = 13;
        rates.Axes.Title.Label.FontSize = 17;
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (var v = 0; v <= RateCap; v += 10)
        {
            yTicks.AddMajor(v, v.ToString(CultureInfo.InvariantCulture));
        }

        rates.Axes.Left.TickGenerator = yTicks;
        var bandTop = Markers(rates, welfare, result, left, xs[^1]);
        rates.Axes.SetLimitsY(-2, bandTop);
        multiplot.SharedAxes.ShareX([rates, welfare]);
        // DejaVu Sans ships with Debian's fonts-dejavu-core (scripts/install-deps.sh); set last so every label uses it.
        rates.Font.Set(FontFamily);
        welfare.Font.Set(FontFamily);
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

    /// <summary>
    /// Event markers: a dotted line on both panels and, in a band above the rate lines, a label "kind letter + date"
    /// placed in the lowest row where it does not overlap the previous label. Returns the top of the band.
    /// </summary>
    private static double Markers(Plot rates, Plot welfare, TimelineResult result, double left, double right)
    {
        const double rowHeight = 5.5, bandBottom = RateCap + 3;
        // About 7 px per character at 11 pt on a data area about 1100 px wide.
        var daysPerChar = 7.0 * (right - left) / 1100;
        var rowEnds = new List<double>();
        foreach (var e in result.Events.Where(e => X(e.Date) >= left))
        {
            var kind = Kinds.First(k => k.Kind == e.Kind);
            var (letter, color) = (kind.Letter, Color.FromHex(kind.Hex));
            var x = X(e.Date);
            foreach (var plot in new[] { rates, welfare })
            {
                var line = plot.Add.VerticalLine(x);
                line.Color = color.WithAlpha(0.5);
                line.LineWidth = 1;
                line.LinePattern = LinePattern.Dotted;
            }

            var text = $"{letter} {e.Date.ToString(e.Precision == DatePrecision.Month ? "MMM" : "d MMM", CultureInfo.InvariantCulture)}";
            var width = (text.Length + 1) * daysPerChar;
            var row = rowEnds.FindIndex(end => end < x);
            if (row < 0)
            {
                rowEnds.Add(0);
                row = rowEnds.Count - 1;
            }

            rowEnds[row] = x + width;
            var label = rates.Add.Text(text, x, bandBottom + (row * rowHeight));
            label.LabelFontSize = 11;
            label.LabelFontName = FontFamily;
            label.LabelFontColor = Colors.White;
            label.LabelBackgroundColor = color;
            label.LabelAlignment = Alignment.LowerLeft;
            label.LabelPadding = 2;
        }

        var top = bandBottom + (Math.Max(rowEnds.Count, 4) * rowHeight) + 1;
        var key = rates.Add.Text(
            "Events (usmx-events/events.csv):\n" + string.Join("\n", Kinds.Chunk(3).Select(c => string.Join("   ", c.Select(k => $"{k.Letter} {k.Meaning}")))),
            right, top - 0.5);
        key.LabelFontSize = 12;
        key.LabelFontName = FontFamily;
        key.LabelAlignment = Alignment.UpperRight;
        key.LabelFontColor = Colors.Black;
        key.LabelBackgroundColor = Colors.White;
        key.LabelBorderColor = Colors.Gray;
        key.LabelPadding = 4;
        return top;
    }

    private static double X(DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToOADate();
}
