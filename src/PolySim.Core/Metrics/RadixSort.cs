namespace PolySim.Core.Metrics;

/// <summary>
/// Least-significant-digit radix sort of (value, weight) pairs by value: eight bits of the value's order-preserving
/// 64-bit key a pass, passes whose digit is the same for every value skipped. Stable and linear in the count, which
/// matters for the millions of households whose service index the Gini coefficient sorts every year.
/// </summary>
internal static class RadixSort
{
    private const int Bits = 8, Buckets = 1 << Bits, Passes = (64 + Bits - 1) / Bits;

    /// <summary>
    /// Sorts the pairs ascending by value; returns the arrays that hold the result (the inputs or the scratch arrays,
    /// which must be at least as long; the other pair is overwritten).
    /// </summary>
    public static (double[] Values, double[] Weights) Sort(double[] values, double[] weights, double[] scratchValues, double[] scratchWeights)
    {
        int n = values.Length;
        var counts = new int[Passes * Buckets];
        for (int k = 0; k < n; k++)
        {
            ulong key = Key(values[k]);
            for (int p = 0; p < Passes; p++) counts[p * Buckets + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
        }
        double[] fromValues = values, fromWeights = weights, toValues = scratchValues, toWeights = scratchWeights;
        var next = new int[Buckets];
        for (int p = 0; p < Passes; p++)
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

    /// <summary>An unsigned key in the order of the doubles: negative values have every bit flipped, others the sign bit.</summary>
    private static ulong Key(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }
}
