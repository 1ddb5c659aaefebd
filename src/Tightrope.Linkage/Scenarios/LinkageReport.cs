using System.Globalization;
using Tightrope.Numerics;
using Tightrope.Reports;
using Tightrope.Scenarios;

namespace Tightrope.Linkage.Scenarios;

/// <summary>The tables of a tightrope run, in the order a reader needs them: status quo, threat, coercion, packages, talks, calibration, surface.</summary>
public static class LinkageReport
{
    /// <summary>Columns of solutions.csv, one row per concept.</summary>
    public static IReadOnlyList<ReportColumn> SolutionColumns { get; } =
    [
        ReportColumn.Text("concept"),
        ReportColumn.Number("tau", "τ", 4),
        ReportColumn.Number("r", "r", 4),
        ReportColumn.Number("kappa", "κ", 4),
        ReportColumn.Number("c_S", "c_S", 3),
        ReportColumn.Number("c_M", "c_M", 3),
        ReportColumn.Number("welfare_usa_pct", "W USA %", 4),
        ReportColumn.Number("welfare_mex_pct", "W MEX %", 4),
        ReportColumn.Number("usd_bn_usa", "G USA bn", 2),
        ReportColumn.Number("usd_bn_mex", "G MEX bn", 2),
        ReportColumn.Number("gain_usa_usd_bn", "gain USA bn", 2),
        ReportColumn.Number("gain_mex_usd_bn", "gain MEX bn", 2),
        ReportColumn.Text("credible"),
        ReportColumn.Text("note"),
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the report.</summary>
    public static RunReport Build(ScenarioDocument scenario, LinkageResult r)
    {
        var s = r.Settings;
        var t = r.Threat;
        var sq = t.StatusQuo;
        var gdp = t.MexicoGdpUsdBn;
        var tables = new List<ReportTable>();
        string Bn(double v) => string.Create(Inv, $"USD {v:N1} bn");
        string Pct(double v) => string.Create(Inv, $"{v:0.###}%");

        tables.Add(Words("1. The status quo", [
            ("US tariff on Mexican goods τ_q", sq.At.Tau, $"effective {Pct(100 * sq.At.Tau)} (background: {(s.Background == BackgroundKind.Ustr2025 ? "the Liberation Day schedule on every other origin" : "no other tariffs")})"),
            ("Mexican tariff on US goods r_q", sq.At.R, Pct(100 * sq.At.R)),
            ("Mexican tariff on Chinese goods κ_q", sq.At.Kappa, Pct(100 * sq.At.Kappa)),
            ("US welfare change vs free trade (%)", sq.WelfarePctUsa, $"{Pct(sq.WelfarePctUsa)} = {Bn(sq.UsdBnUsa)} a year"),
            ("Mexico welfare change vs free trade (%)", sq.WelfarePctMex, $"{Pct(sq.WelfarePctMex)} = {Bn(sq.UsdBnMex)} a year"),
        ]));

        var d = t.Deadlock;
        var agreementWords = r.Space.Agreement is { } ag ? $"; with issue U falling from {100 * ag.StatusQuoShare:0} to {100 * ag.ThreatShare:0}" : "";
        tables.Add(Words("2. The threat and what deadlock costs each side", [
            ("threatened US tariff τ̄", s.Threat.Threat, s.ThreatDescription),
            ("Mexico's best retaliation r^BR(τ̄)", t.Retaliation.Rate, $"Mexico's welfare is highest answering with {Pct(100 * t.Retaliation.Rate)} on US goods"),
            ("US welfare at deadlock (%)", d.WelfarePctUsa, $"{Pct(d.WelfarePctUsa)} = {Bn(d.UsdBnUsa)}"),
            ("Mexico welfare at deadlock (%)", d.WelfarePctMex, $"{Pct(d.WelfarePctMex)} = {Bn(d.UsdBnMex)}"),
            ("c_s: cost of deadlock to the US (USD bn)", t.CostSenderUsdBn, (t.CostSenderUsdBn < 0 ? $"negative: carrying out the threat would raise US welfare by {Bn(-t.CostSenderUsdBn)}" : $"carrying out the threat costs the US {Bn(t.CostSenderUsdBn)}") + agreementWords),
            ("c_m: cost of deadlock to Mexico (USD bn)", t.CostTargetUsdBn, $"{Bn(t.CostTargetUsdBn)} = {Pct(100 * t.CostTargetUsdBn / gdp)} of Mexico's GDP"),
        ]));

        var own = r.Coercion.First(c => c.ConflictExpectation == s.ConflictExpectation);
        tables.Add(new ReportTable("coercion", "3. Credibility and what Washington can demand (Drezner's conflict-expectations game)",
        [
            ReportColumn.Number("conflict_expectation", "B", 2),
            ReportColumn.Text("credible"),
            ReportColumn.Number("credibility_margin_usd_bn", "−c_s + (1−B)c_m bn", 2),
            ReportColumn.Number("c_us_usd_bn", "c_s bn", 2),
            ReportColumn.Number("c_mex_usd_bn", "c_m bn", 2),
            ReportColumn.Number("demand_usd_bn", "D* bn", 2),
            ReportColumn.Number("demand_pct_gdp_mex", "D* % MEX GDP", 3),
            ReportColumn.Text("scenario"),
        ], r.Coercion.Select(c => (IReadOnlyList<object?>)
        [
            c.ConflictExpectation, c.Credible ? "yes" : "no", Coercion.CredibilityMargin(t.CostSenderUsdBn, t.CostTargetUsdBn, c.ConflictExpectation),
            t.CostSenderUsdBn, t.CostTargetUsdBn, c.DemandUsdBn, 100 * c.DemandUsdBn / gdp, c.ConflictExpectation == s.ConflictExpectation ? "this scenario" : "",
        ]).ToList())
        {
            Note = own.Credible
                ? $"At B = {own.ConflictExpectation:0.##} the threat is credible: Washington can demand concessions worth up to {Bn(own.DemandUsdBn)} ({Pct(100 * own.DemandUsdBn / gdp)} of Mexico's GDP) for a postponement."
                : $"At B = {own.ConflictExpectation:0.##} the threat is not credible: carrying it out would hurt the US more than it values Mexico's loss, so nothing is conceded (D* = 0).",
        });

        var solutions = Solutions(r);
        tables.Add(solutions with { CsvOnly = true });
        tables.Add(Compact(solutions, "The solution concepts side by side (gains over the threat point; all columns in solutions.csv)",
            ["concept", "tau", "r", "kappa", "c_S", "c_M", "welfare_usa_pct", "welfare_mex_pct", "gain_usa_usd_bn", "gain_mex_usd_bn"]));
        var b = r.Bargain;
        var linkage = new List<(string, double, string)>();
        var (l, u) = (b.Linked, b.Unlinked);
        if (l.Agreement || u.Agreement)
        {
            linkage.Add(("US power α", r.Space.Alpha, "US share of capability × salience on the tariff issue"));
            linkage.Add(("linked: τ", l.Tau, $"US tariff {Pct(100 * l.Tau)}, κ {Pct(100 * l.Kappa)}, concessions {string.Join(", ", r.Space.Issues.Select((iss, k) => $"{iss.Id} {100 * l.Concessions[k]:0.#}% of the way ({iss.StatusQuo + (Math.Sign(iss.UsPosition - iss.StatusQuo) * iss.Length * l.Concessions[k]):0.#} on the scale)"))}"));
            linkage.Add(("unlinked: τ", u.Tau, $"US tariff {Pct(100 * u.Tau)} with no concessions"));
            linkage.Add(("value of linkage to the US (USD bn)", b.ValueOfLinkageUsa, $"gain over the threat point linked {Bn(l.GainUsaUsdBn)} vs unlinked {Bn(u.GainUsaUsdBn)}"));
            linkage.Add(("value of linkage to Mexico (USD bn)", b.ValueOfLinkageMex, $"gain over the threat point linked {Bn(l.GainMexUsdBn)} vs unlinked {Bn(u.GainMexUsdBn)}"));
            linkage.Add(("binding bounds (linked)", l.BindingBounds.Count, l.BindingBounds.Count == 0 ? "none: an interior optimum" : string.Join("; ", l.BindingBounds)));
            linkage.Add(("largest FOC residual (linked, relative)", l.FocResidual, string.Create(Inv, $"{l.FocResidual:E1}: first-order conditions at the interior instruments (relative balance of the two sides' marginal gains)")));
        }
        else
        {
            linkage.Add(("agreement", 0, $"no agreement: no package gives both sides more than the threat point; the threat is carried out with d = ({Bn(b.ThreatPoint.PayoffUsaUsdBn)}, {Bn(b.ThreatPoint.PayoffMexUsdBn)})"));
        }

        tables.Add(Words("4. The package a bargain settles on: linked vs unlinked Nash bargaining", linkage));
        tables.Add(Words("5. Equal-gains talks (Ossa 2014)", b.EqualGains is { } e
            ? [
                ("τ", e.Tau, $"US tariff {Pct(100 * e.Tau)}, κ {Pct(100 * e.Kappa)}, no concessions, no retaliation"),
                ("gain of the US over the threat point (USD bn)", e.GainUsaUsdBn, Bn(e.GainUsaUsdBn)),
                ("gain of Mexico over the threat point (USD bn)", e.GainMexUsdBn, $"{Bn(e.GainMexUsdBn)}: the same percentage of each side's expenditure"),
            ]
            : [("τ", double.NaN, "no US tariff in [0, τ̄] gives both sides equal percentage gains over the threat point")]));

        tables.Add(new ReportTable("calibration", "6. Every calibrated value and how it was obtained",
            [ReportColumn.Text("quantity"), ReportColumn.Number("value", "value", 4), ReportColumn.Text("unit"), ReportColumn.Text("how")],
            r.Calibration.Select(c => (IReadOnlyList<object?>)[c.Quantity, c.Value, c.Unit, c.How]).ToList()));

        tables.Add(new ReportTable("surface", "Payoff surface at r = 0 (welfare % and USD bn)",
        [
            ReportColumn.Number("tau", "τ", 4), ReportColumn.Number("r", "r", 4), ReportColumn.Number("kappa", "κ", 4),
            ReportColumn.Number("welfare_usa_pct", "W USA %", 4), ReportColumn.Number("welfare_mex_pct", "W MEX %", 4),
            ReportColumn.Number("welfare_can_pct", "W CAN %", 4), ReportColumn.Number("welfare_chn_pct", "W CHN %", 4), ReportColumn.Number("welfare_world_pct", "W world %", 4),
            ReportColumn.Number("usd_bn_usa", "V USA bn", 2), ReportColumn.Number("usd_bn_mex", "V MEX bn", 2),
            ReportColumn.Number("usd_bn_can", "V CAN bn", 2), ReportColumn.Number("usd_bn_chn", "V CHN bn", 2), ReportColumn.Number("usd_bn_world", "V world bn", 2),
        ], r.Surface.Select(p => (IReadOnlyList<object?>)
        [
            p.Payoff.At.Tau, p.Payoff.At.R, p.Payoff.At.Kappa, p.Payoff.WelfarePctUsa, p.Payoff.WelfarePctMex, p.Payoff.WelfarePctCan, p.Payoff.WelfarePctChn, p.Payoff.WelfarePctWorld,
            p.Payoff.UsdBnUsa, p.Payoff.UsdBnMex, p.Payoff.UsdBnCan, p.Payoff.UsdBnChn, p.Payoff.UsdBnWorld,
        ]).ToList())
        { CsvOnly = true });
        tables.Add(Compact(tables[^1], "Payoff surface at r = 0 (all economies and the world in surface.csv)", ["tau", "kappa", "welfare_usa_pct", "welfare_mex_pct", "usd_bn_usa", "usd_bn_mex"]));

        var notes = new List<string>();
        if (r.WarProblem is not null)
        {
            notes.Add("WARNING: " + r.WarProblem);
        }

        if (b.Linked.Note.Contains("WARNING", StringComparison.Ordinal))
        {
            notes.Add("WARNING: the linked Nash optimiser stopped before its tolerance; the package is the last iterate.");
        }

        notes.Add(string.Create(Inv, $"{r.Solves} general-equilibrium solves ({r.NewtonIterations} Newton iterations, {r.SolveTime.TotalSeconds:F1} s in the tariff model, {r.WallTime.TotalSeconds:F1} s in all)."));
        notes.Add("A model of the story, not a measurement: every judgement (mapping anchors, B, α, ρ, ω) is an input listed in calibration.csv.");
        notes.AddRange(scenario.Sources.Select(src => $"Source — {src.Claim}: {src.Source}"));
        return new RunReport(scenario.Title, tables, notes);
    }

    private static ReportTable Solutions(LinkageResult r)
    {
        var b = r.Bargain;
        var rows = new List<IReadOnlyList<object?>>();
        var idS = r.Space.Issues.ToList().FindIndex(i => i.Id == "S");
        var idM = r.Space.Issues.ToList().FindIndex(i => i.Id == "M");
        var own = r.Threat.At(r.Settings.ConflictExpectation);
        void Add(Package? p, string concept, string? credible, string note)
        {
            if (p is null)
            {
                rows.Add([concept, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, credible ?? "", note]);
                return;
            }

            rows.Add([
                concept, p.Tau, p.R, p.Kappa,
                idS >= 0 ? p.Concessions[idS] : double.NaN, idM >= 0 ? p.Concessions[idM] : double.NaN,
                p.Economy.WelfarePctUsa, p.Economy.WelfarePctMex, p.PayoffUsaUsdBn, p.PayoffMexUsdBn, p.GainUsaUsdBn, p.GainMexUsdBn, credible ?? "",
                string.IsNullOrEmpty(p.Note) ? note : p.Note + (p.BindingBounds.Count > 0 ? "; binds: " + string.Join(", ", p.BindingBounds) : ""),
            ]);
        }

        Add(b.StatusQuo, "status-quo", null, "the status quo");
        Add(b.ThreatPoint, "threat", own.Credible ? "1" : "0", $"threat carried out, Mexico answers with r^BR(τ̄); credibility at B = {r.Settings.ConflictExpectation}");
        if (r.War is { } w)
        {
            var (gu, gm) = (w.Payoff.UsdBnUsa - b.ThreatPoint.PayoffUsaUsdBn, w.Payoff.UsdBnMex - b.ThreatPoint.PayoffMexUsdBn);
            var warPackage = new Package("tariff-war", w.Tau, w.R, r.Space.Threat.StatusQuo.Kappa, new double[r.Space.Issues.Count], 1, w.Payoff, gu, gm, w.Payoff.UsdBnUsa, w.Payoff.UsdBnMex)
            {
                Note = w.Converged ? $"fixed point of the best responses after {w.Rounds.Count} rounds (last change {w.FinalChange:E1})" : $"NOT CONVERGED after {w.Rounds.Count} rounds: last iterate",
            };
            Add(warPackage, "tariff-war", null, "");
        }
        else
        {
            Add(null, "tariff-war", null, "not computed (tariffWar: false)");
        }

        Add(b.Linked, "nash-linked", null, "no agreement: the threat is carried out");
        Add(b.Unlinked, "nash-unlinked", null, "no agreement: the threat is carried out");
        Add(b.EqualGains, "equal-gains", null, "no τ in [0, τ̄] equalises the gains");
        var linkageNote = string.Create(Inv, $"Value of linkage (gain over the threat point, linked − unlinked): USA USD {b.ValueOfLinkageUsa:N2} bn, Mexico USD {b.ValueOfLinkageMex:N2} bn. G = GE welfare in USD bn plus concession values.");
        return new ReportTable("solutions", "The solution concepts side by side", SolutionColumns, rows) { Note = linkageNote };
    }

    /// <summary>A printed view of some columns of a CSV table.</summary>
    private static ReportTable Compact(ReportTable full, string title, IReadOnlyList<string> columns)
    {
        var index = columns.Select(c => full.Columns.ToList().FindIndex(x => x.Name == c)).ToList();
        return new ReportTable(full.Name, title, index.Select(i => full.Columns[i] with { Decimals = Math.Min(full.Columns[i].Decimals, 3) }).ToList(),
            full.Rows.Select(r => (IReadOnlyList<object?>)index.Select(i => r[i]).ToList()).ToList())
        { ScreenOnly = true, Note = full.Note };
    }

    private static ReportTable Words(string title, IReadOnlyList<(string Item, double Value, string Words)> rows) =>
        new("section", title, [ReportColumn.Text("item"), ReportColumn.Number("value", "value", 4), ReportColumn.Text("in words")],
            rows.Select(x => (IReadOnlyList<object?>)[x.Item, x.Value, x.Words]).ToList())
        { ScreenOnly = true };

    /// <summary>Formats bound states for messages.</summary>
    public static string Describe(BoundState state) => state.ToString().ToLowerInvariant();
}
