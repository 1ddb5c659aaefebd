using System.Globalization;

namespace Tightrope.Data.CaliendoParro;

/// <summary>
/// Each HS 2-digit chapter assigned to one of the 16 sectors of <see cref="WiodSectoral2014Data"/>. A chapter goes to
/// the WIOD industry (ISIC Rev. 4 division, which WIOD 2016's NACE Rev. 2 industries follow) that produces the bulk of
/// its headings, after the UN Statistics Division's correspondence between HS 2012 and ISIC Rev. 4. Chapters whose
/// headings straddle divisions are listed in <see cref="SplitChapters"/> with the choice made; chapters 98–99 are US
/// special provisions with no product content and are put in "other manufacturing". Services have no HS chapter, and
/// neither has coke and refined petroleum: chapter 27 holds crude and refined oil together and goes to mining. The table
/// is written by chapter following that correspondence, not generated from its file (which is not in the shared data).
/// </summary>
public static class Hs2SectorConcordance
{
    /// <summary>The source of the mapping, for outputs.</summary>
    public const string Source =
        "HS chapter → ISIC Rev. 4 division of most of its headings (UN Statistics Division, HS 2012–ISIC Rev. 4 correspondence), ISIC divisions → the 16 sectors via WIOD 2016 industries (wiod-sectoral-2014/sectors.csv).";

    /// <summary>Chapters whose headings fall in more than one sector, and the choice made.</summary>
    public static IReadOnlyDictionary<int, string> SplitChapters { get; } = new Dictionary<int, string>
    {
        [3] = "fish: fresh/frozen (ISIC 03) chosen over fillets and preparations (C10)",
        [4] = "dairy (C10) chosen over eggs and honey (A01)",
        [5] = "animal products n.e.s.: raw (A01) chosen",
        [9] = "coffee, tea, spices: unroasted (A01) chosen over roasted (C10)",
        [18] = "cocoa: preparations (C10) chosen over beans (A01)",
        [24] = "tobacco: manufactures (C12) chosen over leaf (A01)",
        [25] = "salt, stone, sulphur: quarrying (B) chosen over cement and plaster (C23)",
        [27] = "mineral fuels: crude oil, gas and coal (B) chosen over refined products (C19)",
        [39] = "plastics: C22 chosen; primary forms (3901–3914) are ISIC 2013, chemicals",
        [71] = "precious metals (C24) chosen over jewellery (C32) and stones",
        [84] = "machinery (C28) chosen; computers (8471) are C26",
        [90] = "instruments (C26) chosen; medical instruments are C32",
        [93] = "arms and ammunition are ISIC 2520, fabricated metal products (C25)",
        [98] = "US special provisions (e.g. goods assembled abroad from US parts): no product content, put in other manufacturing",
        [99] = "US special provisions: no product content, put in other manufacturing",
    };

    /// <summary>Sector index (1-based, as in sectors.csv) of HS chapters 1–99 (77 is reserved in HS and unused).</summary>
    private static readonly int[] ChapterSector = Build();

    /// <summary>The 1-based sector of an HS chapter; throws for a chapter that does not exist.</summary>
    public static int SectorOf(int chapter) =>
        chapter is >= 1 and <= 99 && ChapterSector[chapter] > 0
            ? ChapterSector[chapter]
            : throw new ArgumentOutOfRangeException(nameof(chapter), chapter, "not an HS chapter (01–97 except 77, or the US chapters 98–99).");

    /// <summary>Whether the chapter exists in this concordance.</summary>
    public static bool Contains(int chapter) => chapter is >= 1 and <= 99 && ChapterSector[chapter] > 0;

    /// <summary>Every chapter with its 1-based sector, in chapter order.</summary>
    public static IEnumerable<(int Chapter, int Sector)> All() =>
        Enumerable.Range(1, 99).Where(Contains).Select(c => (c, ChapterSector[c]));

    private static int[] Build()
    {
        var map = new int[100];
        void Set(int from, int to, int sector)
        {
            for (var c = from; c <= to; c++)
            {
                map[c] = sector;
            }
        }

        Set(1, 1, 1); Set(2, 2, 3); Set(3, 3, 1); Set(4, 4, 3); Set(5, 10, 1); Set(11, 11, 3); Set(12, 14, 1);
        Set(15, 24, 3); Set(25, 27, 2); Set(28, 38, 8); Set(39, 40, 9); Set(41, 43, 4); Set(44, 46, 5); Set(47, 49, 6);
        Set(50, 65, 4); Set(66, 67, 15); Set(68, 70, 10); Set(71, 71, 11); Set(72, 76, 11); Set(78, 83, 11);
        Set(84, 84, 13); Set(85, 85, 12); Set(86, 89, 14); Set(90, 91, 12); Set(92, 92, 15); Set(93, 93, 11);
        Set(94, 99, 15);
        return map;
    }
}

/// <summary>
/// The Trade War Tracker's 2025 US tariff increases by HS chapter on one partner (us-tariffs-2025/hs2-tariff-CODE.csv:
/// HS2, 2024_imports in USD, 2025_tariff_increase in percentage points), aggregated to the 16 sectors with 2024 US
/// import weights: increase_s = Σ_{h∈s} imports_h · increase_h / Σ_{h∈s} imports_h. Sectors without imports get 0.
/// </summary>
public static class UsTariffIncreases2025
{
    /// <summary>Default folder under the data root.</summary>
    public const string DefaultFolder = "us-tariffs-2025";

    /// <summary>The tracker's country codes for the partners it covers.</summary>
    public static IReadOnlyDictionary<string, string> PartnerFiles { get; } = new Dictionary<string, string>
    {
        ["MEX"] = "hs2-tariff-2010.csv",
        ["CAN"] = "hs2-tariff-1220.csv",
        ["CHN"] = "hs2-tariff-5700.csv",
    };

    /// <summary>Reads one partner's file and returns the sectoral increase as a fraction (0.045 = 4.5 points).</summary>
    public static SectorValues ForPartner(string iso3, SectorSet sectors, string? folder = null)
    {
        if (!PartnerFiles.TryGetValue(iso3, out var file))
        {
            throw new KeyNotFoundException($"The tracker's HS2 files cover {string.Join(", ", PartnerFiles.Keys)}; not '{iso3}'.");
        }

        var grid = CsvGrid.Read(Path.Combine(folder ?? DataLocation.Resolve(DefaultFolder), file));
        int hc = grid.ColumnIndex("HS2"), mc = grid.ColumnIndex("2024_imports"), ic = grid.ColumnIndex("2025_tariff_increase");
        var weight = new double[sectors.Count];
        var weighted = new double[sectors.Count];
        var seen = new HashSet<int>();
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            var text = cells[hc].Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var chapter) || !Hs2SectorConcordance.Contains(chapter))
            {
                throw new DataFormatException(grid.Path, line, "HS2", $"'{text}' is not an HS chapter (01–99, 77 unused).");
            }

            if (!seen.Add(chapter))
            {
                throw new DataFormatException(grid.Path, line, "HS2", $"chapter {text} appears twice.");
            }

            var imports = grid.Number(r, mc);
            var increase = grid.Number(r, ic);
            if (imports < 0)
            {
                throw new DataFormatException(grid.Path, line, "2024_imports", $"{imports} is negative; expected USD ≥ 0.");
            }

            if (increase is < 0 or > 200)
            {
                throw new DataFormatException(grid.Path, line, "2025_tariff_increase", $"{increase}; expected percentage points in [0, 200].");
            }

            var code = WiodSectoral2014Data.SectorCodes[Hs2SectorConcordance.SectorOf(chapter) - 1].Code;
            var s = sectors.IndexOf(code);
            if (s < 0)
            {
                throw new ArgumentException($"Sector '{code}' of HS chapter {chapter} is not in the data's sectors.");
            }

            weight[s] += imports;
            weighted[s] += imports * increase / 100;
        }

        return new SectorValues(sectors, weight.Select((w, s) => w > 0 ? weighted[s] / w : 0).ToArray());
    }
}
