namespace PolySim.Core.Metrics;

/// <summary>Weighted inequality and disparity measures (MODEL.md section 9).</summary>
public static class Inequality
{
    /// <summary>
    /// Weighted Gini coefficient: 1 − Σ_k (p_k − p_{k−1})(L_k + L_{k−1}) over values sorted ascending, with p the cumulative
    /// weight share and L the cumulative value share (exact for grouped data). Sorts the spans.
    /// </summary>
    public static double Gini(Span<double> values, Span<double> weights)
    {
        values.Sort(weights);
        return GiniOfSorted(values, weights);
    }

    /// <summary>
    /// The same Gini for household-sized arrays, sorted by <see cref="RadixSort"/> (stable, so ties keep their input order
    /// and the result does not depend on how the work is spread) on up to <paramref name="threads"/> threads (≤ 0: all
    /// cores). Uses the scratch arrays, which must be as long.
    /// </summary>
    public static double Gini(double[] values, double[] weights, double[] scratchValues, double[] scratchWeights, int threads = 1)
    {
        var (sortedValues, sortedWeights) = RadixSort.Sort(values, weights, scratchValues, scratchWeights, threads);
        return GiniOfSorted(sortedValues.AsSpan(0, values.Length), sortedWeights.AsSpan(0, values.Length));
    }

    private static double GiniOfSorted(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double w = 0, total = 0;
        for (int k = 0; k < values.Length; k++) { w += weights[k]; total += weights[k] * values[k]; }
        if (w <= 0 || total <= 0) return 0;
        double area = 0, cumL = 0;
        for (int k = 0; k < values.Length; k++)
        {
            double next = cumL + weights[k] * values[k] / total;
            area += weights[k] / w * (next + cumL);
            cumL = next;
        }
        return 1 - area;
    }

    /// <summary>Weighted mean.</summary>
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double w = 0, s = 0;
        for (int k = 0; k < values.Length; k++) { w += weights[k]; s += weights[k] * values[k]; }
        return w > 0 ? s / w : 0;
    }

    /// <summary>Weighted coefficient of variation (population standard deviation over mean).</summary>
    public static double CoefficientOfVariation(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double mean = Mean(values, weights), w = 0, ss = 0;
        for (int k = 0; k < values.Length; k++) { w += weights[k]; ss += weights[k] * (values[k] - mean) * (values[k] - mean); }
        return w > 0 && mean != 0 ? Math.Sqrt(ss / w) / mean : 0;
    }

    /// <summary>Theil T index with its decomposition into between- and within-group parts (group ids per entry).</summary>
    /// <remarks>T = (1/W)Σ w (x/μ) ln(x/μ); T_between = Σ_j (W_j/W)(μ_j/μ) ln(μ_j/μ); T_within = Σ_j (W_j μ_j/(W μ)) T_j.</remarks>
    public static (double Total, double Between, double Within) Theil(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, ReadOnlySpan<int> groups, int groupCount)
    {
        double mean = Mean(values, weights), w = 0;
        if (mean <= 0) return (0, 0, 0);
        var gw = new double[groupCount];
        var gs = new double[groupCount];
        double total = 0;
        for (int k = 0; k < values.Length; k++)
        {
            w += weights[k];
            gw[groups[k]] += weights[k];
            gs[groups[k]] += weights[k] * values[k];
            double r = values[k] / mean;
            if (r > 0) total += weights[k] * r * Math.Log(r);
        }
        total /= w;
        double between = 0;
        for (int j = 0; j < groupCount; j++)
        {
            if (gw[j] <= 0) continue;
            double r = gs[j] / gw[j] / mean;
            if (r > 0) between += gw[j] / w * r * Math.Log(r);
        }
        return (total, between, total - between);
    }

    /// <summary>Weighted Pearson correlation; 0 when either variable has no variance.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights)
    {
        double mx = Mean(x, weights), my = Mean(y, weights), sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < x.Length; k++)
        {
            double dx = x[k] - mx, dy = y[k] - my;
            sxy += weights[k] * dx * dy; sxx += weights[k] * dx * dx; syy += weights[k] * dy * dy;
        }
        return sxx > 1e-300 && syy > 1e-300 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }

    /// <summary>
    /// McLoone index: Σ_{x_k &lt; median} w_k x_k / (median · Σ_{x_k &lt; median} w_k); 1 when nobody is below the median.
    /// </summary>
    public static double McLoone(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var v = values.ToArray();
        var w = weights.ToArray();
        double median = Decisions.WeightedMedian.Select(v, w);
        double num = 0, den = 0;
        for (int k = 0; k < values.Length; k++)
            if (values[k] < median) { num += weights[k] * values[k]; den += weights[k]; }
        return den > 0 && median > 0 ? num / (median * den) : 1;
    }
}
