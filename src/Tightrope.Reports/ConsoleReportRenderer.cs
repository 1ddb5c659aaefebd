using Spectre.Console;

namespace Tightrope.Reports;

/// <summary>Prints reports to a Spectre console: the text layout of <see cref="TextReportRenderer"/> at the console's width and colour support.</summary>
public static class ConsoleReportRenderer
{
    /// <summary>Renders the whole report: title, headline, tables, notes.</summary>
    public static void Render(RunReport report, IAnsiConsole console) =>
        console.Profile.Out.Writer.Write(TextReportRenderer.Render(report, SettingsOf(console)));

    /// <summary>Renders one table.</summary>
    public static void Render(ReportTable table, IAnsiConsole console) =>
        console.Profile.Out.Writer.Write(TextReportRenderer.Render(table, SettingsOf(console)));

    /// <summary>Width and colour of a console.</summary>
    public static RenderSettings SettingsOf(IAnsiConsole console) =>
        new(console.Profile.Width, console.Profile.Capabilities.Ansi && console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors);
}
