namespace PolySim.Core.Decisions;

/// <summary>Weighted median by three-way selection (expected linear time, also with many ties); reorders the spans it is given.</summary>
public static class WeightedMedian
{
    /// <summary>
    /// The value at which the cumulative weight first exceeds half the total; when it reaches exactly half,
    /// the midpoint of that value and the next larger one (the usual median of an even count).
    /// </summary>
    public static double Select(Span<double> values, Span<double> weights)
    {
        if (values.Length == 0) throw new ArgumentException("Median of nothing.", nameof(values));
        double total = 0;
        foreach (double w in weights) total += w;
        double half = total / 2, below = 0, tolerance = 1e-12 * total;
        int lo = 0, hi = values.Length - 1;
        while (true)
        {
            Partition(values, weights, lo, hi, out int lt, out int gt, out double lessWeight, out double equalWeight);
            // [lo, lt) < pivot; [lt, gt] == pivot; (gt, hi] > pivot.
            if (below + lessWeight > half + tolerance) { hi = lt - 1; continue; }
            double upTo = below + lessWeight + equalWeight;
            if (upTo > half + tolerance) return values[lt];
            if (Math.Abs(upTo - half) <= tolerance)
                return gt == hi ? values[lt] : 0.5 * (values[lt] + Min(values, gt + 1, hi));
            below = upTo;
            lo = gt + 1;
        }
    }

    private static double Min(Span<double> values, int lo, int hi)
    {
        double m = values[lo];
        for (int k = lo + 1; k <= hi; k++) if (values[k] < m) m = values[k];
        return m;
    }

    private static void Partition(Span<double> v, Span<double> w, int lo, int hi,
        out int lt, out int gt, out double lessWeight, out double equalWeight)
    {
        // Median-of-three pivot (deterministic), then Dijkstra's three-way partition.
        int mid = lo + (hi - lo) / 2;
        double a = v[lo], b = v[mid], c = v[hi];
        double pivot = a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
        lt = lo; gt = hi;
        int k = lo;
        lessWeight = 0; equalWeight = 0;
        while (k <= gt)
        {
            if (v[k] < pivot) { lessWeight += w[k]; Swap(v, w, k++, lt++); }
            else if (v[k] > pivot) Swap(v, w, k, gt--);
            else { equalWeight += w[k]; k++; }
        }
    }

    private static void Swap(Span<double> v, Span<double> w, int a, int b)
    {
        (v[a], v[b]) = (v[b], v[a]);
        (w[a], w[b]) = (w[b], w[a]);
    }
}
