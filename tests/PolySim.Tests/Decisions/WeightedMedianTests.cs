using PolySim.Core.Decisions;

namespace PolySim.Tests.Decisions;

/// <summary>
/// The weighted median's definition (WeightedMedian remarks) checked against an independent calculation: sort, then
/// walk the cumulative weight. The bracketed variant must return the same median or decline.
/// </summary>
public class WeightedMedianTests
{
    /// <summary>Independent reference: sorted cumulative weights, v* = first value with C(v) &gt; W/2 + ε, midpoint on an even split.</summary>
    private static double BySorting(double[] values, double[] weights)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(k => values[k]).ToArray();
        double total = weights.Sum(), half = total / 2, eps = 1e-9 * total, cumulative = 0, previous = double.NaN;
        for (int a = 0; a < order.Length;)
        {
            double v = values[order[a]], before = cumulative;
            while (a < order.Length && values[order[a]] == v) cumulative += weights[order[a++]];
            if (cumulative > half + eps) return before >= half - eps && !double.IsNaN(previous) ? (previous + v) / 2 : v;
            previous = v;
        }
        return previous;
    }

    [Fact]
    public void Hand_computed_cases()
    {
        // {1, 2, 3} equal weights: 2. {1, 2} equal weights: an even split, 1.5. {1, 2, 10} with weights {1, 1, 3}: 10.
        Assert.Equal(2, WeightedMedian.Select(new double[] { 3, 1, 2 }, new double[] { 1, 1, 1 }));
        Assert.Equal(1.5, WeightedMedian.Select(new double[] { 2, 1 }, new double[] { 1, 1 }));
        Assert.Equal(10, WeightedMedian.Select(new double[] { 10, 1, 2 }, new double[] { 3, 1, 1 }));
        // {1, 2, 3, 4} with weights {2.8, 1.6, 2.4, 2.0}: W/2 = 4.4 = C(2) exactly, so (2 + 3)/2.
        Assert.Equal(2.5, WeightedMedian.Select(new double[] { 4, 3, 2, 1 }, new double[] { 2.0, 2.4, 1.6, 2.8 }));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 200)]
    [InlineData(3, 5000)]
    public void Same_as_sorting_in_any_input_order_and_bracketed(int seed, int n)
    {
        var random = new Random(seed);
        // Household-like weights (persons 1.6 to 2.8) make even splits and ties frequent; few distinct values add ties.
        var persons = new[] { 1.6, 2.4, 2.6, 2.8 };
        for (int trial = 0; trial < 40; trial++)
        {
            var values = Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? random.NextDouble() : Math.Max(0, random.Next(-12 * (trial % 4), 12) / 4.0)).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => persons[random.Next(persons.Length)]).ToArray();
            double expected = BySorting(values, weights);
            Assert.Equal(expected, WeightedMedian.Select((double[])values.Clone(), (double[])weights.Clone()));
            var reversed = values.Reverse().ToArray();
            Assert.Equal(expected, WeightedMedian.Select(reversed, weights.Reverse().ToArray()));
            foreach (double width in new[] { 0.0, 0.01, 0.3, 2 })
                foreach (double shift in new[] { -0.2, 0, 0.05 })
                    if (WeightedMedian.TrySelectNear(values, weights, expected + shift, width, out double near))
                        Assert.Equal(expected, near);
            // A bracket holding just v* always hits when v* is a value (distinct values, no even split) or a tie at 0.
            if (trial % 2 == 1 && expected == 0) Assert.True(WeightedMedian.TrySelectNear(values, weights, 0, 0, out _));
            if (trial % 2 == 0 && values.Contains(expected) && n >= 20)
            {
                Assert.True(WeightedMedian.TrySelectNear(values, weights, expected, 0, out double exact), "bracket [v*, v*] must hit");
                Assert.Equal(expected, exact);
            }
        }
    }

    [Theory]
    [InlineData(4, 300)]
    [InlineData(5, 4000)]
    public void Bands_gathered_in_pieces_and_merged_give_the_same_median_or_decline(int seed, int n)
    {
        // The decision solver fills one band per neighborhood, block by block, and merges a district's bands.
        var random = new Random(seed);
        var persons = new[] { 1.6, 2.4, 2.6, 2.8 };
        int hits = 0;
        for (int trial = 0; trial < 30; trial++)
        {
            var values = Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? random.NextDouble() : random.Next(0, 40) / 8.0).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => persons[random.Next(persons.Length)]).ToArray();
            double expected = BySorting(values, weights);
            double center = expected + (random.NextDouble() - 0.5) * 0.02, width = 0.02;
            var parts = new List<MedianBand>();
            for (int start = 0; start < n;)
            {
                int length = Math.Min(n - start, 1 + random.Next(n / 3));
                var part = new MedianBand();
                part.Start(center, width, n / 4 + 16);
                for (int block = start; block < start + length; block += 37)
                {
                    int size = Math.Min(37, start + length - block);
                    part.Add(values.AsSpan(block, size), weights.AsSpan(block, size));
                }
                parts.Add(part);
                start += length;
            }
            var merged = new MedianBand();
            merged.StartLike(parts[0], n / 4 + 16);
            foreach (var part in parts) merged.Absorb(part);
            if (!merged.TrySelect(out double median)) continue;
            hits++;
            Assert.Equal(expected, median);
        }
        Assert.True(hits >= 20, $"the bracket around v* should hit in most trials ({hits} of 30)");
    }

    [Theory]
    [InlineData(6, 5000)]
    [InlineData(7, 60000)]
    public void Sampled_selection_equals_sorting_in_any_layout(int seed, int n)
    {
        // The fallback of the decision solver's medians: a sample's bracket, else full selection of the work copies.
        var random = new Random(seed);
        var persons = new[] { 1.6, 2.4, 2.6, 2.8 };
        int sampledHits = 0, randomLayouts = 0;
        for (int trial = 0; trial < 12; trial++)
        {
            // Layouts: random; ascending; descending; neighborhoods of 700 households with their own income levels; ties.
            int layout = trial % 4;
            var values = Enumerable.Range(0, n).Select(k => layout switch
            {
                0 => random.NextDouble(),
                1 or 2 => k / (double)n + (layout == 2 ? -2.0 * k / n : 0),
                _ => (k / 700 % 9) + random.NextDouble() * (trial % 8 == 3 ? 0 : 1),
            }).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => persons[random.Next(persons.Length)]).ToArray();
            double expected = BySorting(values, weights);
            var workValues = Enumerable.Repeat(double.NaN, n).ToArray();
            var workWeights = new double[n];
            Assert.Equal(expected, WeightedMedian.SelectSampled(values, weights, workValues, workWeights));
            if (layout != 0) continue;
            randomLayouts++;
            if (double.IsNaN(workValues[0])) sampledHits++;   // the work copies were not needed
        }
        Assert.Equal(randomLayouts, sampledHits);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void An_even_split_is_judged_the_same_whatever_the_order_of_the_sums(int seed)
    {
        // 300,000 households below 1 and 300,000 above 2 with the same multiset of weights (persons 1.6 to 2.8): in exact
        // arithmetic C(< v*) = W/2, so the median is the midpoint of the largest value below and the smallest above. Added
        // up in floating point, in whatever order, C(< v*) and W/2 differ by rounding (about 10⁻¹²·W here), which must not
        // turn the split uneven: full selection, bands in pieces and the sampled bracket must all give the midpoint.
        var random = new Random(seed);
        var persons = new[] { 1.6, 2.4, 2.6, 2.8 };
        int half = 300_000;
        var lowWeights = Enumerable.Range(0, half).Select(_ => persons[random.Next(persons.Length)]).ToArray();
        var highWeights = lowWeights.OrderBy(_ => random.Next()).ToArray();
        var pairs = Enumerable.Range(0, half).Select(k => (Value: random.NextDouble(), Weight: lowWeights[k]))
            .Concat(Enumerable.Range(0, half).Select(k => (Value: 2 + random.NextDouble(), Weight: highWeights[k])))
            .OrderBy(_ => random.Next()).ToArray();
        var values = pairs.Select(p => p.Value).ToArray();
        var weights = pairs.Select(p => p.Weight).ToArray();
        double expected = (values.Where(v => v < 1).Max() + values.Where(v => v > 2).Min()) / 2;

        Assert.Equal(expected, WeightedMedian.Select((double[])values.Clone(), (double[])weights.Clone()));
        Assert.Equal(expected, WeightedMedian.Select(values.Reverse().ToArray(), weights.Reverse().ToArray()));
        Assert.Equal(expected, WeightedMedian.SelectSampled(values, weights, new double[2 * half], new double[2 * half]));
        // Bands of 7,400 households, merged as a district's: their partial sums are added in yet another order.
        var merged = new MedianBand();
        for (int start = 0; start < values.Length; start += 7400)
        {
            var part = new MedianBand();
            part.Start(1.5, 0.6, 7400);
            part.Add(values.AsSpan(start, Math.Min(7400, values.Length - start)), weights.AsSpan(start, Math.Min(7400, values.Length - start)));
            if (start == 0) merged.StartLike(part, values.Length);
            merged.Absorb(part);
        }
        Assert.True(merged.TrySelect(out double banded));
        Assert.Equal(expected, banded);
    }

    [Fact]
    public void An_even_split_with_nothing_of_the_bracket_below_it_is_left_to_full_selection()
    {
        // {1, 2} with equal weights: the median is the midpoint 1.5 (hand count). A bracket around 2 alone does not see
        // the 1 below it, so it declines, and the memory falls back to full selection.
        double[] values = [1, 2], weights = [1, 1];
        Assert.False(WeightedMedian.TrySelectNear(values, weights, 2, 0.1, out _));
        var memory = new MedianMemory(1);
        // The first median, 2, is remembered: the next bracket is 2 ± 0.01 (half a percent).
        Assert.Equal(2, memory.Median(0, [2.0, 2.0], weights, new double[2], new double[2], 0, 2));
        Assert.Equal(1.5, memory.Median(0, values, weights, new double[2], new double[2], 0, 2));
    }
}
