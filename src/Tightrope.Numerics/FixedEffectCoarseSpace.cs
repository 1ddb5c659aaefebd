namespace Tightrope.Numerics;

/// <summary>
/// Coarse correction for conjugate gradients on the fixed-effect normal equations A = D'WD (a two-level additive preconditioner,
/// M⁻¹ = diag(A)⁻¹ + P (P'AP)⁻¹ P'). Levels are aggregated along a breadth-first ordering of the graph linking levels that share
/// an observation, so each aggregate is a short stretch of that graph; factors with few levels keep one coarse unknown per level.
/// The coarse solve removes the smooth, long-range error that Jacobi-preconditioned CG needs many iterations to propagate along
/// a weakly connected design. Index conventions: level v is the concatenated coefficient index (factor offset + code).
/// </summary>
internal sealed class FixedEffectCoarseSpace
{
    private readonly int[] _aggregate;
    private readonly double[] _sign;
    private readonly int[][] _codes;
    private readonly int[] _offsets;
    private SymmetricSolver? _solver;

    public FixedEffectCoarseSpace(int[][] codes, int[] levels, int[] offsets, int targetSize)
    {
        _codes = codes;
        _offsets = offsets;
        var n = codes[0].Length;
        var total = levels.Sum();
        _aggregate = new int[total];
        Array.Fill(_aggregate, -1);
        _sign = new double[total];
        Array.Fill(_sign, 1.0);
        var size = 0;

        // Small factors: one coarse unknown per level.
        var large = new List<int>();
        for (var k = 0; k < levels.Length; k++)
        {
            if (levels[k] <= 64)
            {
                for (var g = 0; g < levels[k]; g++)
                {
                    _aggregate[offsets[k] + g] = size++;
                }
            }
            else
            {
                large.Add(k);
            }
        }

        var largeLevels = large.Sum(k => levels[k]);
        var chunk = Math.Max(1, (int)Math.Ceiling(largeLevels / (double)Math.Max(1, targetSize - size)));

        // Rows of each level of each large factor (counting sort), for the breadth-first search.
        var start = new int[large.Count][];
        var rows = new int[large.Count][];
        for (var a = 0; a < large.Count; a++)
        {
            var c = codes[large[a]];
            var s = new int[levels[large[a]] + 1];
            foreach (var g in c)
            {
                s[g + 1]++;
            }

            for (var g = 0; g < levels[large[a]]; g++)
            {
                s[g + 1] += s[g];
            }

            var r = new int[n];
            var fill = (int[])s.Clone();
            for (var i = 0; i < n; i++)
            {
                r[fill[c[i]]++] = i;
            }

            start[a] = s;
            rows[a] = r;
        }

        var queue = new Queue<(int Factor, int Level)>();
        var position = 0;
        for (var a0 = 0; a0 < large.Count; a0++)
        {
            for (var g0 = 0; g0 < levels[large[a0]]; g0++)
            {
                if (_aggregate[offsets[large[a0]] + g0] >= 0)
                {
                    continue;
                }

                Visit(a0, g0);
                while (queue.Count > 0)
                {
                    var (a, g) = queue.Dequeue();
                    for (var j = start[a][g]; j < start[a][g + 1]; j++)
                    {
                        var i = rows[a][j];
                        for (var b = 0; b < large.Count; b++)
                        {
                            if (b != a && _aggregate[offsets[large[b]] + codes[large[b]][i]] < 0)
                            {
                                Visit(b, codes[large[b]][i]);
                            }
                        }
                    }
                }
            }
        }

        Size = size + ((position + chunk - 1) / chunk);

        // Two large factors added together have near-null directions in which one rises where the other falls (α_A = s, α_B = −s
        // along the graph): the coarse unknowns carry the second factor with the opposite sign so that they represent them.
        if (large.Count == 2)
        {
            Array.Fill(_sign, -1.0, offsets[large[1]], levels[large[1]]);
        }

        void Visit(int a, int g)
        {
            _aggregate[offsets[large[a]] + g] = size + (position++ / chunk);
            queue.Enqueue((a, g));
        }
    }

    /// <summary>Number of coarse unknowns.</summary>
    public int Size { get; }

    /// <summary>Forms and factors P'AP for the weights (one pass over the data).</summary>
    public void SetWeights(double[] weights)
    {
        var s = Size;
        var matrix = new double[s * s];
        var f = _codes.Length;
        Span<int> c = stackalloc int[f];
        Span<double> sg = stackalloc double[f];
        for (var i = 0; i < weights.Length; i++)
        {
            for (var k = 0; k < f; k++)
            {
                var v = _offsets[k] + _codes[k][i];
                c[k] = _aggregate[v];
                sg[k] = _sign[v];
            }

            var w = weights[i];
            for (var k = 0; k < f; k++)
            {
                var row = c[k] * s;
                var wk = w * sg[k];
                for (var l = 0; l < f; l++)
                {
                    matrix[row + c[l]] += wk * sg[l];
                }
            }
        }

        // Rank-deficient (one redundant direction per connected component): near-zero pivots are dropped.
        _solver = SymmetricSolver.Factor(matrix, s, 1e-10);
    }

    /// <summary>z += P (P'AP)⁻¹ P' r.</summary>
    public void AddCorrection(ReadOnlySpan<double> r, Span<double> z)
    {
        var solver = _solver ?? throw new InvalidOperationException("SetWeights first.");
        var coarse = new double[Size];
        for (var v = 0; v < r.Length; v++)
        {
            coarse[_aggregate[v]] += _sign[v] * r[v];
        }

        var kept = solver.Kept;
        var rhs = new double[kept.Count];
        for (var a = 0; a < kept.Count; a++)
        {
            rhs[a] = coarse[kept[a]];
        }

        solver.Solve(rhs);
        Array.Clear(coarse);
        for (var a = 0; a < kept.Count; a++)
        {
            coarse[kept[a]] = rhs[a];
        }

        for (var v = 0; v < z.Length; v++)
        {
            z[v] += _sign[v] * coarse[_aggregate[v]];
        }
    }
}
