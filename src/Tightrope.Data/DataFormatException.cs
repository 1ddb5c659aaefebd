namespace Tightrope.Data;

/// <summary>Input data that does not have the expected shape or content; names the file and, where known, the row and column.</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error for a place in a file. Row numbers are 1-based file lines (the header is line 1).</summary>
    public DataFormatException(string file, int? line, string? column, string problem)
        : base(Compose(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>1-based line in the file, when the problem is on one line.</summary>
    public int? Line { get; }

    /// <summary>Column name (or 1-based number) when the problem is in one cell.</summary>
    public string? Column { get; }

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Compose(string file, int? line, string? column, string problem)
    {
        var place = file;
        if (line is not null)
        {
            place += $", line {line}";
        }

        if (column is not null)
        {
            place += $", column {column}";
        }

        return $"{place}: {problem}";
    }
}
