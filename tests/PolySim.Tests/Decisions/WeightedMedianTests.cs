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
        double total = weights.Sum(), half = total / 2, eps = 1e-12 * total, cumulative = 0, previous = double.NaN;
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
}
