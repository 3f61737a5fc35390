
namespace PolySim.Core.Decisions;

/// <summary>
/// Weighted median by three-way selection (expected linear time, also with many ties), and a faster variant that
/// only selects among the values inside a bracket guessed from the previous iteration.
/// </summary>
/// <remarks>
/// Definition (independent of the order of the input): with C(v) the total weight of values ≤ v, W the total and
/// ε = 10⁻¹²·W, the median is v* = min{v : C(v) &gt; W/2 + ε}, except that when C(&lt; v*) is within ε of W/2 (an even
/// split) it is the midpoint of v* and the largest value below it (the usual median of an even count).
/// </remarks>
public static class WeightedMedian
{
    /// <summary>The weighted median; reorders the spans it is given.</summary>
    public static double Select(Span<double> values, Span<double> weights)
    {
        if (values.Length == 0) throw new ArgumentException("Median of nothing.", nameof(values));
        double total = 0;
        foreach (double w in weights) total += w;
        return SelectFrom(values, weights, total / 2, 1e-12 * total, 0, double.NegativeInfinity);
    }

    /// <summary>
    /// The same median as <see cref="Select"/>, without reordering the inputs: one pass adds up the weight below
    /// center − width and copies the values within <paramref name="width"/> of <paramref name="center"/> aside (values
    /// equal to the center as one entry, so a median sitting on many ties, such as a corner at 0, stays cheap); only
    /// they are selected (<see cref="MedianBand"/>). Returns false (and no median) when the median is outside the bracket,
    /// the bracket holds more than a quarter of the values, or the median is an even split with nothing of the bracket
    /// below it (the midpoint then needs the largest value below the bracket, which the pass does not track).
    /// </summary>
    public static bool TrySelectNear(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double center, double width, out double median)
    {
        if (values.Length == 0) throw new ArgumentException("Median of nothing.", nameof(values));
        var band = _band ??= new MedianBand();
        band.Start(center, width, values.Length / 4 + 16);
        band.Add(values, weights);
        return band.TrySelect(out median);
    }

    /// <summary>Each thread's band for <see cref="TrySelectNear"/> (its buffers are reused).</summary>
    [ThreadStatic] private static MedianBand? _band;

    /// <summary>
    /// Selects v* among <paramref name="values"/> given that the values left out below them weigh
    /// <paramref name="below"/> (the largest of them being <paramref name="belowMax"/>) and all of them lie below v*'s
    /// upper neighbors.
    /// </summary>
    internal static double SelectFrom(Span<double> values, Span<double> weights, double half, double tolerance, double below, double belowMax)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo <= hi)
        {
            Partition(values, weights, lo, hi, out int lt, out int gt, out double lessWeight, out double equalWeight);
            // [lo, lt) < pivot; [lt, gt] == pivot; (gt, hi] > pivot.
            double pivot = values[lt], less = below + lessWeight;
            if (less > half + tolerance) { hi = lt - 1; continue; }
            if (less + equalWeight > half + tolerance)
            {
                if (less < half - tolerance) return pivot;
                // An even split below the pivot: average with the largest value below it (values left in [lo, lt) all
                // exceed belowMax; a NaN belowMax, not tracked by the caller, gives NaN when it is needed).
                double previous = double.NegativeInfinity;
                for (int k = lo; k < lt; k++) if (values[k] > previous) previous = values[k];
                if (double.IsNegativeInfinity(previous)) previous = belowMax;
                return double.IsNegativeInfinity(previous) ? pivot : 0.5 * (previous + pivot);
            }
            below = less + equalWeight;
            belowMax = pivot;
            lo = gt + 1;
        }
        // Only when no value carries weight above W/2 + ε (all weights zero): the largest value.
        return belowMax;
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
