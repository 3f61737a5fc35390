namespace PolySim.Core.Metrics;

/// <summary>
/// Stable sort of (value, weight) pairs by value, linear in the count, which matters for the millions of households whose
/// service index the Gini coefficient sorts every year. A least-significant-digit radix sort by eight bits of the value's
/// order-preserving 64-bit key a pass (passes whose digit is the same for every value skipped), first by the key's high
/// 40 bits only; entries that then differ in the low 24 bits alone are nearly always adjacent, and a stable insertion sort
/// puts them in order. Should that take more than one move per entry (many values a few units in the last place apart),
/// the low passes and then the high ones run after all: a stable sort of any order that kept equal keys in input order.
/// </summary>
internal static class RadixSort
{
    private const int Bits = 8, Buckets = 1 << Bits, Passes = 64 / Bits, LowPasses = 3;

    /// <summary>
    /// Sorts the pairs ascending by value; returns the arrays that hold the result (the inputs or the scratch arrays,
    /// which must be at least as long; the other pair is overwritten).
    /// </summary>
    public static (double[] Values, double[] Weights) Sort(double[] values, double[] weights, double[] scratchValues, double[] scratchWeights)
    {
        int n = values.Length;
        var sorted = Lsd(values, weights, scratchValues, scratchWeights, n, LowPasses);
        if (InsertionSort(sorted.Values.AsSpan(0, n), sorted.Weights.AsSpan(0, n), budget: n)) return sorted;
        var (otherValues, otherWeights) = sorted.Values == values ? (scratchValues, scratchWeights) : (values, weights);
        return Lsd(sorted.Values, sorted.Weights, otherValues, otherWeights, n, 0);
    }

    /// <summary>The LSD passes from <paramref name="firstPass"/> up over the first <paramref name="n"/> pairs.</summary>
    private static (double[] Values, double[] Weights) Lsd(double[] values, double[] weights, double[] scratchValues, double[] scratchWeights,
        int n, int firstPass)
    {
        var counts = new int[Passes * Buckets];
        for (int k = 0; k < n; k++)
        {
            ulong key = Key(values[k]);
            for (int p = firstPass; p < Passes; p++) counts[p * Buckets + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
        }
        double[] fromValues = values, fromWeights = weights, toValues = scratchValues, toWeights = scratchWeights;
        var next = new int[Buckets];
        for (int p = firstPass; p < Passes; p++)
        {
            var count = counts.AsSpan(p * Buckets, Buckets);
            if (count.IndexOf(n) >= 0) continue;   // one digit for all: the pass would not move anything
            int position = 0;
            for (int b = 0; b < Buckets; b++) { next[b] = position; position += count[b]; }
            int shift = p * Bits;
            for (int k = 0; k < n; k++)
            {
                int target = next[(int)((Key(fromValues[k]) >> shift) & (Buckets - 1))]++;
                toValues[target] = fromValues[k];
                toWeights[target] = fromWeights[k];
            }
            (fromValues, fromWeights, toValues, toWeights) = (toValues, toWeights, fromValues, fromWeights);
        }
        return (fromValues, fromWeights);
    }

    /// <summary>Stable insertion sort by key; false, with equal keys still in input order, once it needs more than <paramref name="budget"/> moves.</summary>
    private static bool InsertionSort(Span<double> values, Span<double> weights, long budget)
    {
        ulong previous = values.Length > 0 ? Key(values[0]) : 0;
        for (int k = 1; k < values.Length; k++)
        {
            ulong key = Key(values[k]);
            if (key >= previous) { previous = key; continue; }
            double v = values[k], w = weights[k];
            int m = k - 1;
            do { values[m + 1] = values[m]; weights[m + 1] = weights[m]; m--; budget--; }
            while (m >= 0 && Key(values[m]) > key);
            values[m + 1] = v;
            weights[m + 1] = w;
            if (budget < 0) return false;
        }
        return true;
    }

    /// <summary>An unsigned key in the order of the doubles: negative values have every bit flipped, others the sign bit.</summary>
    private static ulong Key(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }
}
