namespace Tightrope.Gravity.Estimation;

/// <summary>Sandwich covariance estimators with the small-sample factors documented in docs/gravity.md.</summary>
internal static class Vcov
{
    /// <summary>Returns the covariance (row-major, k×k) and the degrees of freedom for t tests (0 = use the normal).
    /// <paramref name="kTotal"/> is K as the convention counts it (see <see cref="ParametersCounted"/>).</summary>
    public static (double[] Vcov, double Df) Compute(VcovKind kind, bool ppml, double[][] xt, double[] bread, double[] score, double[] wt, int n, int kTotal,
        List<(int[] Codes, int Levels)> clusters, SmallSampleConvention convention = SmallSampleConvention.Stata)
    {
        var k = xt.Length;
        if (k == 0)
        {
            return ([], 0);
        }

        if (convention == SmallSampleConvention.Fixest)
        {
            return Fixest(kind, ppml, xt, bread, score, wt, n, kTotal, clusters);
        }

        var residualDf = n - kTotal;
        switch (kind)
        {
            case VcovKind.Iid:
                {
                    if (ppml)
                    {
                        return ((double[])bread.Clone(), 0);
                    }

                    // OLS: σ² = Σ w e² / (N − K − absorbed); score = w e, so w e² = score² / w.
                    var rss = WeightedRss(score, wt, n);

                    var s2 = rss / residualDf;
                    return (bread.Select(v => v * s2).ToArray(), residualDf);
                }

            case VcovKind.Hetero:
                {
                    var meat = HeteroMeat(xt, score, n);

                    var factor = ppml ? n / (n - 1.0) : n / (double)residualDf;
                    return (Sandwich(bread, meat, k, factor), ppml ? 0 : residualDf);
                }

            default:
                {
                    // Multi-way: Cameron–Gelbach–Miller inclusion–exclusion over every non-empty subset of the cluster dimensions,
                    // each term with its own G/(G−1).
                    var (total, minG) = MultiwayMeat(xt, score, clusters, n, termFactors: true);
                    var small = ppml ? 1.0 : (n - 1.0) / residualDf;
                    return (Sandwich(bread, total, k, small), ppml ? 0 : minG - 1);
                }
        }
    }

    /// <summary>
    /// K in the small-sample factor. Stata: the kept regressors plus the absorbed degrees of freedom (levels net of the
    /// redundant ones found by connected components). fixest: the kept regressors plus Σ (levels − 1) + 1 over the fixed-effect
    /// dimensions; when clustered, the dimensions nested in a cluster variable (every level inside one cluster) are not counted,
    /// and if all are nested only one constant remains.
    /// </summary>
    public static int ParametersCounted(SmallSampleConvention convention, VcovKind kind, int kept, int absorbedDf, int[][] feCodes, int[] feLevels,
        List<(int[] Codes, int Levels)> clusters)
    {
        if (convention == SmallSampleConvention.Stata)
        {
            return kept + absorbedDf;
        }

        if (feLevels.Length == 0)
        {
            return kept;
        }

        var full = kept + feLevels.Sum(l => l - 1) + 1;
        if (kind != VcovKind.Cluster)
        {
            return full;
        }

        var nested = Enumerable.Range(0, feLevels.Length).Where(f => clusters.Any(c => IsNested(feCodes[f], feLevels[f], c.Codes))).ToList();
        if (nested.Count == 0)
        {
            return full;
        }

        var k = nested.Count == feLevels.Length ? kept + 1 : full - nested.Sum(f => feLevels[f] - 1);
        return Math.Max(k, kept + 1);
    }

    // Every level of the factor falls in a single cluster.
    private static bool IsNested(int[] fe, int levels, int[] cluster)
    {
        var owner = new int[levels];
        Array.Fill(owner, -1);
        for (var i = 0; i < fe.Length; i++)
        {
            ref var o = ref owner[fe[i]];
            if (o < 0)
            {
                o = cluster[i];
            }
            else if (o != cluster[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Σ w e² from scores (score = w e, so w e² = score² / w); rows of weight zero add nothing.</summary>
    private static double WeightedRss(double[] score, double[] wt, int n)
    {
        var rss = 0.0;
        for (var i = 0; i < n; i++)
        {
            rss += wt[i] > 0 ? score[i] * score[i] / wt[i] : 0;
        }

        return rss;
    }

    /// <summary>The robust meat Σ_i s_i s_iᵀ with s_i = x_i · score_i (k × k, row-major).</summary>
    private static double[] HeteroMeat(double[][] xt, double[] score, int n)
    {
        var k = xt.Length;
        var meat = new double[k * k];
        var s = new double[k];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < k; a++)
            {
                s[a] = xt[a][i] * score[i];
            }

            AddOuter(meat, s, 1.0);
        }

        return meat;
    }

    // fixest's defaults (ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, cluster.df = "min", t.df = "min")):
    // every vcov times (n − 1)/(n − K); hetero also times n/(n − 1); clustered sums the Cameron–Gelbach–Miller terms without
    // their own factors and multiplies by G_min/(G_min − 1). OLS iid: σ² = Σ w e² / (n − K).
    private static (double[] Vcov, double Df) Fixest(VcovKind kind, bool ppml, double[][] xt, double[] bread, double[] score, double[] wt, int n, int kTotal,
        List<(int[] Codes, int Levels)> clusters)
    {
        var k = xt.Length;
        var adj = (n - 1.0) / (n - kTotal);
        var residualDf = Math.Max(n - kTotal, 1);
        switch (kind)
        {
            case VcovKind.Iid:
                {
                    if (ppml)
                    {
                        return (bread.Select(v => v * adj).ToArray(), 0);
                    }

                    var rss = WeightedRss(score, wt, n);

                    var s2 = rss / (n - kTotal);
                    return (bread.Select(v => v * s2).ToArray(), residualDf);
                }

            case VcovKind.Hetero:
                {
                    var meat = HeteroMeat(xt, score, n);

                    return (Sandwich(bread, meat, k, n / (n - 1.0) * adj), ppml ? 0 : residualDf);
                }

            default:
                {
                    var (total, minG) = MultiwayMeat(xt, score, clusters, n, termFactors: false);
                    return (Sandwich(bread, total, k, minG / (minG - 1.0) * adj), ppml ? 0 : Math.Max(minG - 1, 1));
                }
        }
    }

    /// <summary>
    /// The multi-way cluster meat: Σ over every non-empty subset of the cluster dimensions of ± the meat clustered on their
    /// intersection (+ for odd subsets), each term times its own G/(G−1) when <paramref name="termFactors"/>; and the
    /// smallest number of clusters of a single dimension.
    /// </summary>
    private static (double[] Meat, int MinClusters) MultiwayMeat(double[][] xt, double[] score, List<(int[] Codes, int Levels)> clusters, int n, bool termFactors)
    {
        var k = xt.Length;
        var total = new double[k * k];
        var minG = int.MaxValue;
        var d = clusters.Count;
        for (var mask = 1; mask < (1 << d); mask++)
        {
            var members = Enumerable.Range(0, d).Where(j => (mask & (1 << j)) != 0).ToList();
            var (codes, g) = Intersect(members.Select(j => clusters[j]).ToList(), n);
            if (members.Count == 1)
            {
                minG = Math.Min(minG, g);
            }

            var meat = ClusterMeat(xt, score, codes, g, n);
            var weight = (members.Count % 2 == 1 ? 1.0 : -1.0) * (termFactors ? g / (g - 1.0) : 1.0);
            for (var a = 0; a < meat.Length; a++)
            {
                total[a] += weight * meat[a];
            }
        }

        return (total, minG);
    }

    private static double[] ClusterMeat(double[][] xt, double[] score, int[] codes, int g, int n)
    {
        var k = xt.Length;
        var sums = new double[g * k];
        for (var i = 0; i < n; i++)
        {
            var row = codes[i] * k;
            for (var a = 0; a < k; a++)
            {
                sums[row + a] += xt[a][i] * score[i];
            }
        }

        var meat = new double[k * k];
        for (var c = 0; c < g; c++)
        {
            AddOuter(meat, sums.AsSpan(c * k, k), 1.0);
        }

        return meat;
    }

    private static (int[] Codes, int Levels) Intersect(List<(int[] Codes, int Levels)> dims, int n)
    {
        if (dims.Count == 1)
        {
            return dims[0];
        }

        var map = new Dictionary<(int, int), int>();
        var codes = (int[])dims[0].Codes.Clone();
        for (var j = 1; j < dims.Count; j++)
        {
            map.Clear();
            var other = dims[j].Codes;
            for (var i = 0; i < n; i++)
            {
                var key = (codes[i], other[i]);
                if (!map.TryGetValue(key, out var c))
                {
                    c = map.Count;
                    map[key] = c;
                }

                codes[i] = c;
            }
        }

        return (codes, map.Count);
    }

    private static void AddOuter(double[] m, ReadOnlySpan<double> s, double scale)
    {
        var k = s.Length;
        for (var a = 0; a < k; a++)
        {
            var sa = s[a] * scale;
            for (var b = 0; b < k; b++)
            {
                m[(a * k) + b] += sa * s[b];
            }
        }
    }

    private static double[] Sandwich(double[] bread, double[] meat, int k, double factor)
    {
        var tmp = new double[k * k];
        var result = new double[k * k];
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                var s = 0.0;
                for (var c = 0; c < k; c++)
                {
                    s += bread[(a * k) + c] * meat[(c * k) + b];
                }

                tmp[(a * k) + b] = s;
            }
        }

        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                var s = 0.0;
                for (var c = 0; c < k; c++)
                {
                    s += tmp[(a * k) + c] * bread[(c * k) + b];
                }

                result[(a * k) + b] = factor * s;
            }
        }

        return result;
    }
}
