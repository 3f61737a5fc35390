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
    private const int Bits = 8, Buckets = 1 << Bits, Passes = 64 / Bits, LowPasses = 3, MinChunk = 1 << 16;

    /// <summary>
    /// Sorts the pairs ascending by value; returns the arrays that hold the result (the inputs or the scratch arrays,
    /// which must be at least as long; the other pair is overwritten).
    /// </summary>
    public static (double[] Values, double[] Weights) Sort(double[] values, double[] weights, double[] scratchValues, double[] scratchWeights,
        int threads = 1)
    {
        int n = values.Length;
        // Contiguous chunks, each scattered by one thread after the chunks before it: the order is that of one thread.
        int chunks = Math.Clamp(threads <= 0 ? Environment.ProcessorCount : threads, 1, Math.Max(1, n / MinChunk));
        var sorted = Lsd(values, weights, scratchValues, scratchWeights, n, LowPasses, chunks);
        if (InsertionSort(sorted.Values.AsSpan(0, n), sorted.Weights.AsSpan(0, n), budget: n)) return sorted;
        var (otherValues, otherWeights) = sorted.Values == values ? (scratchValues, scratchWeights) : (values, weights);
        return Lsd(sorted.Values, sorted.Weights, otherValues, otherWeights, n, 0, chunks);
    }

    /// <summary>The LSD passes from <paramref name="firstPass"/> up over the first <paramref name="n"/> pairs.</summary>
    private static (double[] Values, double[] Weights) Lsd(double[] values, double[] weights, double[] scratchValues, double[] scratchWeights,
        int n, int firstPass, int chunks)
    {
        int length = (n + chunks - 1) / chunks;
        var options = new ParallelOptions { MaxDegreeOfParallelism = chunks };
        // Each chunk's count of every digit; their totals show which passes would move nothing.
        var counts = new int[chunks][];
        Parallel.For(0, chunks, options, c =>
        {
            var count = counts[c] = new int[Passes * Buckets];
            for (int k = c * length, end = Math.Min(n, k + length); k < end; k++)
            {
                ulong key = Key(values[k]);
                for (int p = firstPass; p < Passes; p++) count[p * Buckets + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
            }
        });
        var total = new int[Passes * Buckets];
        foreach (var count in counts) for (int b = 0; b < total.Length; b++) total[b] += count[b];
        double[] fromValues = values, fromWeights = weights, toValues = scratchValues, toWeights = scratchWeights;
        var next = new int[chunks][];
        for (int c = 0; c < chunks; c++) next[c] = new int[Buckets];
        bool moved = false;
        for (int p = firstPass; p < Passes; p++)
        {
            if (total.AsSpan(p * Buckets, Buckets).IndexOf(n) >= 0) continue;   // one digit for all: the pass would not move anything
            int shift = p * Bits;
            var (fv, fw, tv, tw) = (fromValues, fromWeights, toValues, toWeights);
            if (moved && chunks > 1)   // the chunks hold other entries than when counted
                Parallel.For(0, chunks, options, c =>
                {
                    var count = counts[c].AsSpan(p * Buckets, Buckets);
                    count.Clear();
                    for (int k = c * length, end = Math.Min(n, k + length); k < end; k++) count[(int)((Key(fv[k]) >> shift) & (Buckets - 1))]++;
                });
            // Bucket b of chunk c goes after every smaller bucket and after bucket b of the chunks before: stable.
            int position = 0;
            for (int b = 0; b < Buckets; b++)
                for (int c = 0; c < chunks; c++) { next[c][b] = position; position += counts[c][p * Buckets + b]; }
            Parallel.For(0, chunks, options, c => Scatter(fv, fw, tv, tw, next[c], c * length, Math.Min(n, c * length + length), shift));
            (fromValues, fromWeights, toValues, toWeights) = (toValues, toWeights, fromValues, fromWeights);
            moved = true;
        }
        return (fromValues, fromWeights);
    }

    /// <summary>
    /// Moves entries [from, end) to their digit's next places in the target arrays (a static method, so that the arrays are
    /// locals the loop keeps in registers).
    /// </summary>
    private static void Scatter(double[] fromValues, double[] fromWeights, double[] toValues, double[] toWeights, int[] target, int from, int end,
        int shift)
    {
        for (int k = from; k < end; k++)
        {
            double value = fromValues[k];
            int t = target[(int)((Key(value) >> shift) & (Buckets - 1))]++;
            toValues[t] = value;
            toWeights[t] = fromWeights[k];
        }
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
