using Tightrope.Data;

namespace Tightrope.Bargaining;

/// <summary>
/// Reads stakeholder sets from CSV. Three layouts are recognised by their header:
/// <list type="bullet">
/// <item>long form <c>actor,issue,base_capability,effective_capability,position,salience</c> (usmx-issue-set.csv): one row per
/// actor and issue, capability = effective_capability, salience on 0–100, positions on a 0–100 scale;</item>
/// <item>single issue <c>Actor,Capability,Position,Salience</c> (the R1 files ExampleActors.csv, Sultan.csv): salience on 0–1;</item>
/// <item>single issue <c>Stakeholder,Resources,Position,Salience</c> (ChinaData.csv, HondurasCrisisData.csv): these files come
/// with either scale, so salience is read on 0–100 when any value exceeds 1 and on 0–1 otherwise.</item>
/// </list>
/// Single-issue files take the issue id from the file name and the scale bounds from the range of positions.
/// </summary>
public static class StakeholderCsv
{
    /// <summary>Loads a stakeholder set; errors name the file, line and column.</summary>
    public static StakeholderSet Load(string path)
    {
        CsvGrid grid;
        try
        {
            grid = CsvGrid.Read(path);
        }
        catch (DataFormatException e)
        {
            throw new BargainingInputException(e.File + (e.Line is { } l ? $", line {l}" : string.Empty), e.Problem);
        }

        var header = grid.Header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Contains("issue"))
        {
            return LoadLong(grid);
        }

        if (header.Contains("actor") && header.Contains("capability"))
        {
            return LoadSingle(grid, "actor", "capability", 1);
        }

        if (header.Contains("stakeholder") && header.Contains("resources"))
        {
            var cSal = Column(grid, "salience");
            var scale = Enumerable.Range(0, grid.Rows.Count).Any(r => Number(grid, r, cSal) > 1) ? 100 : 1;
            return LoadSingle(grid, "stakeholder", "resources", scale);
        }

        throw new BargainingInputException(
            $"{path}, line 1",
            $"unrecognised header '{string.Join(",", grid.Header)}'; expected actor,issue,base_capability,effective_capability,position,salience or Actor,Capability,Position,Salience or Stakeholder,Resources,Position,Salience.");
    }

    private static StakeholderSet LoadLong(CsvGrid grid)
    {
        var cActor = Column(grid, "actor");
        var cIssue = Column(grid, "issue");
        var cCap = Column(grid, "effective_capability");
        var cPos = Column(grid, "position");
        var cSal = Column(grid, "salience");
        var builder = new StakeholderSetBuilder(100);
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            var at = $"{grid.Path}, line {line}";
            string Field(string f) => $"{grid.Path}, line {line}, column {f}";
            var actor = cells[cActor].Trim();
            var issue = cells[cIssue].Trim();
            if (actor.Length == 0)
            {
                throw new BargainingInputException(Field("actor"), "empty actor id.");
            }

            if (issue.Length == 0)
            {
                throw new BargainingInputException(Field("issue"), "empty issue id.");
            }

            if (!builder.HasActor(actor))
            {
                builder.AddActor(actor, null, at);
            }

            if (!builder.HasIssue(issue))
            {
                builder.AddIssue(issue, null, 0, 100, at);
            }

            builder.AddStake(issue, actor, Number(grid, r, cCap), Number(grid, r, cPos), Number(grid, r, cSal), at, f => Field(f == "capability" ? "effective_capability" : f));
        }

        return builder.Build();
    }

    private static StakeholderSet LoadSingle(CsvGrid grid, string actorColumn, string capabilityColumn, double salienceScale)
    {
        var cActor = Column(grid, actorColumn);
        var cCap = Column(grid, capabilityColumn);
        var cPos = Column(grid, "position");
        var cSal = Column(grid, "salience");
        var issueId = Path.GetFileNameWithoutExtension(grid.Path);
        var builder = new StakeholderSetBuilder(salienceScale);
        builder.AddIssue(issueId, issueId, null, null, grid.Path);
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var (line, cells) = grid.Rows[r];
            var at = $"{grid.Path}, line {line}";
            string Field(string f) => $"{grid.Path}, line {line}, column {grid.Header[f switch { "capability" => cCap, "salience" => cSal, "position" => cPos, _ => cActor }]}";
            var actor = builder.AddActor(cells[cActor], null, Field("actor"));
            builder.AddStake(issueId, actor.Id, Number(grid, r, cCap), Number(grid, r, cPos), Number(grid, r, cSal), at, Field);
        }

        return builder.Build();
    }

    private static int Column(CsvGrid grid, string name)
    {
        try
        {
            return grid.ColumnIndex(name);
        }
        catch (DataFormatException e)
        {
            throw new BargainingInputException($"{grid.Path}, line 1", e.Problem);
        }
    }

    private static double Number(CsvGrid grid, int row, int column)
    {
        try
        {
            return grid.Number(row, column);
        }
        catch (DataFormatException e)
        {
            throw new BargainingInputException($"{grid.Path}, line {e.Line}, column {e.Column}", e.Problem);
        }
    }
}
