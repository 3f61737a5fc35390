using System.Buffers;
using System.Numerics;

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
    /// they are selected. Returns false (and no median) when the median is outside the bracket or the bracket holds more
    /// than a quarter of the values.
    /// </summary>
    public static bool TrySelectNear(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double center, double width, out double median)
    {
        if (values.Length == 0) throw new ArgumentException("Median of nothing.", nameof(values));
        median = 0;
        int capacity = values.Length / 4 + 16, count = 0;
        var bandValues = ArrayPool<double>.Shared.Rent(capacity + 1);
        var bandWeights = ArrayPool<double>.Shared.Rent(capacity + 1);
        try
        {
            double lo = center - width, hi = center + width;
            double total = 0, below = 0, inside = 0, atCenter = 0, belowMax = double.NegativeInfinity;
            bool centerSeen = false;
            int k = 0, lanes = Vector<double>.Count;
            if (Vector.IsHardwareAccelerated && values.Length >= lanes)
            {
                // Branch-free sums of the weight below the bracket; the rare blocks with a value inside go element by element.
                var low = new Vector<double>(lo);
                var high = new Vector<double>(hi);
                var none = new Vector<double>(double.NegativeInfinity);
                Vector<double> sum = Vector<double>.Zero, under = Vector<double>.Zero, largest = none;
                for (; k <= values.Length - lanes; k += lanes)
                {
                    var v = new Vector<double>(values.Slice(k));
                    var w = new Vector<double>(weights.Slice(k));
                    var isBelow = Vector.LessThan(v, low);
                    sum += w;
                    under += Vector.ConditionalSelect(isBelow, w, Vector<double>.Zero);
                    largest = Vector.Max(largest, Vector.ConditionalSelect(isBelow, v, none));
                    if (Vector.AndNot(Vector.LessThanOrEqual(v, high), isBelow) == Vector<long>.Zero) continue;
                    for (int a = k; a < k + lanes; a++)
                        if (values[a] >= lo && values[a] <= hi && !Keep(values[a], weights[a], center, bandValues, bandWeights, capacity, ref count, ref inside, ref atCenter, ref centerSeen))
                            return false;
                }
                total = Vector.Sum(sum);
                below = Vector.Sum(under);
                for (int a = 0; a < lanes; a++) belowMax = Math.Max(belowMax, largest[a]);
            }
            for (; k < values.Length; k++)
            {
                double v = values[k], w = weights[k];
                total += w;
                if (v < lo)
                {
                    below += w;
                    if (v > belowMax) belowMax = v;
                }
                else if (v <= hi && !Keep(v, w, center, bandValues, bandWeights, capacity, ref count, ref inside, ref atCenter, ref centerSeen))
                    return false;
            }
            if (centerSeen)
            {
                bandValues[count] = center;
                bandWeights[count++] = atCenter;
                inside += atCenter;
            }
            double half = total / 2, tolerance = 1e-12 * total;
            // v* is in the bracket iff C(< lo) ≤ W/2 + ε < C(≤ hi); the margins keep rounding of the partial sums out.
            if (count == 0 || below > half + tolerance - 1e-15 * total || below + inside <= half + tolerance + 1e-15 * total) return false;
            median = SelectFrom(bandValues.AsSpan(0, count), bandWeights.AsSpan(0, count), half, tolerance, below, belowMax);
            return true;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bandValues);
            ArrayPool<double>.Shared.Return(bandWeights);
        }
    }

    /// <summary>A value inside the bracket: added to the center's entry or copied aside; false when the copy is full.</summary>
    private static bool Keep(double v, double w, double center, double[] bandValues, double[] bandWeights, int capacity,
        ref int count, ref double inside, ref double atCenter, ref bool centerSeen)
    {
        if (v == center)
        {
            atCenter += w;
            centerSeen = true;
            return true;
        }
        if (count == capacity) return false;
        bandValues[count] = v;
        bandWeights[count++] = w;
        inside += w;
        return true;
    }

    /// <summary>
    /// Selects v* among <paramref name="values"/> given that the values left out below them weigh
    /// <paramref name="below"/> (the largest of them being <paramref name="belowMax"/>) and all of them lie below v*'s
    /// upper neighbors.
    /// </summary>
    private static double SelectFrom(Span<double> values, Span<double> weights, double half, double tolerance, double below, double belowMax)
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
                // An even split below the pivot: average with the largest value below it.
                double previous = belowMax;
                for (int k = lo; k < lt; k++) if (values[k] > previous) previous = values[k];
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
