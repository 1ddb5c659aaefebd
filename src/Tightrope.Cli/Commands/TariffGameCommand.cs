using System.CommandLine;
using Tightrope.Data;
using Tightrope.Equilibrium.OneSector;
using Tightrope.Linkage;
using Tightrope.Linkage.Scenarios;
using Tightrope.Reports;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope tariff-game</c>: best responses, the tariff war and the coercion game for one US threat on Mexico, on the 194-economy model.</summary>
public static class TariffGameCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var background = new Option<string>("--background") { Description = "Tariffs not under negotiation: none (all zero) or ustr-2025 (the imls-case1 US schedule on every other origin; default).", DefaultValueFactory = _ => "ustr-2025" };
        background.AcceptOnlyFromAmong("none", "ustr-2025");
        var threat = new Option<double>("--threat") { Description = "Threatened effective US tariff on Mexican goods τ̄, a fraction (default 0.25).", DefaultValueFactory = _ => 0.25 };
        var statusQuo = new Option<double>("--status-quo") { Description = "Status-quo US tariff on Mexican goods τ_q, a fraction (default 0).", DefaultValueFactory = _ => 0 };
        var conflict = new Option<double>("--conflict") { Description = "Conflict expectation B in [0, 1] (1 = ally; default 0.75).", DefaultValueFactory = _ => 0.75 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for game.csv (quantity,value) and coercion.csv, with manifest.json; replaced whole if it holds a previous output." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var command = new Command("tariff-game", "What a US tariff threat on Mexico costs each side, whether it is credible and what it can demand (income-tax relief, the paper's parameters).")
        {
            background, threat, statusQuo, conflict, output, data,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var started = DateTimeOffset.UtcNow;
            var cli = CliOutput.From(parse);
            var outDir = parse.GetValue(output);
            var root = parse.GetValue(data)?.FullName ?? DataLocation.Root;
            if (outDir is not null)
            {
                // Refuse a bad folder before spending time on the solves.
                OutputFolder.Check(outDir.FullName, root);
            }

            var spec = new ThreatSpec(new Instruments(parse.GetValue(statusQuo), 0, 0), parse.GetValue(threat));
            spec.Validate();
            var b = parse.GetValue(conflict);
            Coercion.RequireConflictExpectation(b, "--conflict");
            var folder = Path.Combine(root, BilateralDatasetReader.DefaultFolder);
            var baseline = OneSectorBaseline.Build(BilateralDatasetReader.Load(folder));
            var kind = parse.GetValue(background) == "none" ? BackgroundKind.None : BackgroundKind.Ustr2025;
            var payoffs = new TariffPayoffs(baseline, LinkageAnalysis.Background(baseline, kind));
            var game = QuickTariffGame.Play(payoffs, spec, b);
            var report = TariffGameReport.Build(game, parse.GetValue(background)!);
            CliOutput.Print(TextReportRenderer.Render(report, cli.Settings));
            if (game.WarProblem is not null)
            {
                CliOutput.Err.WriteLine($"warning: {game.WarProblem}");
            }

            if (outDir is not null)
            {
                var files = BilateralDatasetReader.Files.Select(f => Path.Combine(folder, f)).ToList();
                var run = new ManifestRun("tariff-game", null, null, [], files, report.Solver);
                var manifest = new OutputManifest(ScenarioRuns.CommandLine(parse), ToolVersion.Current, started, DateTimeOffset.UtcNow, [run]) { DataRoot = root };
                var tables = ReportFormats.ForFiles(report).Tables;
                CliOutput.WroteFolder(outDir.FullName, OutputFolder.Write(outDir.FullName, tables, manifest, root));
            }

            return 0;
        }));
        return command;
    }
}
