using System.CommandLine;
using Tightrope.Bargaining;
using Tightrope.Bargaining.Bdm;
using Tightrope.Bargaining.Sensitivity;
using Tightrope.Reports;
using Tightrope.Scenarios;
using Tightrope.Scenarios.Bargaining;

namespace Tightrope.Cli.Commands;

/// <summary><c>tightrope bargain &lt;scenario or CSV&gt;</c>: runs a negotiation model, prints the forecast per issue and the round-by-round path, optionally writes CSVs.</summary>
public static class BargainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Bargaining scenario (name or .json path, e.g. usmx-bargaining) or a stakeholder CSV (usmx-issue-set.csv layout or Actor,Capability,Position,Salience)." };
        var model = new Option<string?>("--model") { Description = "Model: bdm (expected utility, default) or exchange (equal-gain exchange of positions)." };
        model.AcceptOnlyFromAmong("bdm", "exchange");
        var rounds = new Option<int?>("--rounds") { Description = "Number of rounds (default: the scenario's, else 10)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory to write rounds.csv (issue,round,actor,position), forecast.csv (issue,median,mean) and the other tables to." };
        var capitulation = new Option<string?>("--capitulation") { Description = "Expected-utility capitulation test: r1 (as in the reference code, never fires; default) or corrected." };
        capitulation.AcceptOnlyFromAmong("r1", "corrected");
        var runs = new Option<int?>("--runs") { Description = "Sensitivity analysis: number of perturbed runs (enables the analysis; default from the scenario)." };
        var spread = new Option<double?>("--spread") { Description = "Sensitivity analysis: relative spread of the capability and salience perturbations, in [0, 1) (default 0.2)." };
        var seed = new Option<int?>("--seed") { Description = "Sensitivity analysis: random seed (default 1)." };
        var noSensitivity = new Option<bool>("--no-sensitivity") { Description = "Skip the sensitivity analysis even if the scenario configures one." };
        var data = new Option<DirectoryInfo?>("--data-root") { Description = "Root of the reference data (default: $TIGHTROPE_DATA or ../shared/data)." };
        var fixedRounds = new Option<bool>("--fixed-rounds") { Description = "Forecast from the positions after exactly --rounds rounds (R1's mode; the default for a bare CSV)." };
        var stoppingRule = new Option<bool>("--stopping-rule") { Description = "Forecast with the stopping rule: at least --rounds rounds, then until convergence or a cycle (the default for scenarios)." };
        var economics = new Option<bool>("--economics") { Description = "Map the T, C and U forecasts to tariffs and the USMCA outcome and report the general-equilibrium result, with 5/50/95% bands from the sensitivity runs." };
        var format = CliOutput.FormatOption();
        var command = new Command("bargain", "Forecast a negotiation with the expected-utility or exchange model.")
        {
            input, model, rounds, output, capitulation, runs, spread, seed, noSensitivity, data, format, fixedRounds, stoppingRule, economics,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var started = DateTimeOffset.UtcNow;
            var cli = CliOutput.From(parse);
            var outputFormat = ReportFormats.Parse(parse.GetValue(format)!);
            var dataRoot = ScenarioRuns.DataRoot(parse.GetValue(data));
            var source = parse.GetValue(input)!;
            var files = new DataFileLog();
            ScenarioDocument? doc = null;
            BargainingSetup setup;
            if (source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                setup = BargainingSetup.FromCsv(source);
                files.Add(source);
            }
            else
            {
                doc = ScenarioRuns.Load(source, []);
                setup = BargainingSetup.FromScenario(doc, new RunOptions(parse.GetValue(data)?.FullName) { Files = files });
            }

            if (parse.GetValue(output) is { } target)
            {
                OutputFolder.Check(target.FullName, dataRoot);
            }

            if (parse.GetValue(model) is { } m)
            {
                setup = setup with { Model = m == "exchange" ? BargainingModelKind.Exchange : BargainingModelKind.Bdm };
            }

            if (parse.GetValue(rounds) is { } n)
            {
                if (n < 0)
                {
                    throw new ArgumentException($"--rounds must be non-negative, found {n}.");
                }

                setup = setup with { Bdm = setup.Bdm with { Rounds = n }, Exchange = setup.Exchange with { Rounds = n } };
            }

            if (parse.GetValue(capitulation) is { } c)
            {
                setup = setup with { Bdm = setup.Bdm with { Capitulation = c == "corrected" ? CapitulationTest.Corrected : CapitulationTest.R1Bug } };
            }

            if (parse.GetValue(fixedRounds) && parse.GetValue(stoppingRule))
            {
                throw new ArgumentException("--fixed-rounds and --stopping-rule exclude each other.");
            }

            if (parse.GetValue(fixedRounds))
            {
                setup = setup with { Stopping = null };
            }
            else if (parse.GetValue(stoppingRule))
            {
                setup = setup with { Stopping = new StoppingRuleOptions() };
            }

            var sensitivity = setup.Sensitivity;
            if (parse.GetValue(runs) is { } r)
            {
                sensitivity = (sensitivity ?? new SensitivityOptions()) with { Runs = r };
            }

            if (sensitivity is not null)
            {
                sensitivity = sensitivity with
                {
                    Spread = parse.GetValue(spread) ?? sensitivity.Spread,
                    Seed = parse.GetValue(seed) ?? sensitivity.Seed,
                    Bdm = setup.Bdm,
                    Exchange = setup.Exchange,
                    Stopping = setup.Stopping is null ? null : SensitivityOptions.SensitivityStopping,
                };
                sensitivity.Validate();
            }
            else if (parse.GetValue(spread) is not null || parse.GetValue(seed) is not null)
            {
                throw new ArgumentException("--spread and --seed need a sensitivity analysis: add --runs N.");
            }

            setup = setup with { Sensitivity = parse.GetValue(noSensitivity) ? null : sensitivity };
            var report = BargainingReport.Build(setup);
            if (parse.GetValue(economics))
            {
                report = report with { Tables = [.. report.Tables, EconomicsTable.Build(setup, new RunOptions(parse.GetValue(data)?.FullName))] };
            }

            if (parse.GetValue(output) is { } outDir)
            {
                var run = doc is null
                    ? new ManifestRun(Path.GetFileName(source), null, null, [], files.Files, report.Solver)
                    : ScenarioRuns.ManifestOf(doc, report, files.Files);
                var manifest = new OutputManifest(ScenarioRuns.CommandLine(parse), ToolVersion.Current, started, DateTimeOffset.UtcNow, [run]) { DataRoot = dataRoot };
                CliOutput.WroteFolder(outDir.FullName, OutputFolder.Write(outDir.FullName, report.Tables, manifest, dataRoot));
            }

            CliOutput.Print(ReportFormats.Write(report, outputFormat, cli.Settings));
            return CliErrors.Ok;
        }));
        return command;
    }
}
