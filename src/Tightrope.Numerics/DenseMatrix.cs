namespace Tightrope.Numerics;

/// <summary>A square or rectangular matrix of doubles stored row-major in one contiguous array.</summary>
public sealed class DenseMatrix
{
    /// <summary>Creates a zero matrix.</summary>
    public DenseMatrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        Data = new double[rows * columns];
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Row-major storage; element (r, c) is at r * Columns + c.</summary>
    public double[] Data { get; }

    /// <summary>Element access.</summary>
    public double this[int row, int column]
    {
        get => Data[(row * Columns) + column];
        set => Data[(row * Columns) + column] = value;
    }

    /// <summary>One row as a span.</summary>
    public Span<double> Row(int row) => Data.AsSpan(row * Columns, Columns);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Array.Clear(Data);

    /// <summary>Copies this matrix into <paramref name="target"/> (same shape).</summary>
    public void CopyTo(DenseMatrix target)
    {
        if (target.Rows != Rows || target.Columns != Columns)
        {
            throw new ArgumentException("Shapes differ.");
        }

        Data.AsSpan().CopyTo(target.Data);
    }
}
