using Tightrope.Data;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Gravity.Tests;

/// <summary>The separation test cases distributed with ppmlhdfe: flagged observations must equal the <c>separated</c> column.</summary>
public sealed class SeparationTests
{
    public static TheoryData<string> Files() => [.. Enumerable.Range(1, 18).Select(i => $"{i:00}.csv")];

    [Theory]
    [MemberData(nameof(Files))]
    public void Separated_observations_match_the_reference(string file)
    {
        var data = CsvTableReader.Read(DataLocation.Resolve("separation", file));
        var names = data.Columns.Select(c => c.Name).ToList();
        var xs = names.Where(n => n.StartsWith('x')).ToList();
        var ids = names.Where(n => n.StartsWith("id", StringComparison.Ordinal)).ToList();
        var formula = $"y ~ {(xs.Count == 0 ? "1" : string.Join(" + ", xs))}{(ids.Count == 0 ? string.Empty : " | " + string.Join(" + ", ids))}";
        var fit = GravityEstimator.Fit(data, formula);
        var expected = data.Numeric("separated").Values;
        var mismatches = Enumerable.Range(0, data.RowCount)
            .Where(i => (fit.Status[i] == ObservationStatus.Separated) != (expected[i] == 1))
            .Select(i => $"line {data.RowLabel(i)}: {fit.Status[i]} vs separated={expected[i]}")
            .ToList();
        mismatches.ShouldBeEmpty();
        fit.Coefficients.ShouldAllBe(c => double.IsFinite(c.Estimate));
    }
}
