using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Validation;

/// <summary>
/// B10 — accountability: the probability of being pivotal, C(n−1, (n−1)/2)/2^(n−1) ≈ √(2/(πn)) (Penrose's square-root
/// law; benchmarks.md). Tolerance class T0; expected numbers from the benchmarks.md table.
/// </summary>
/// <remarks>
/// The table prints 5 significant digits for some entries, coarser than T0. The test therefore also computes the exact
/// probability independently of the engine's log-gamma path, by the Wallis product Π_{k=1}^{(n−1)/2} (2k − 1)/(2k) summed in
/// logs, checks it against the printed number to its printed precision, and holds the engine to it at T0.
/// (The Monte Carlo variant of B10 would test a random-number generator rather than the engine and is not run.)
/// </remarks>
public class B10PivotalTests
{
    private static double Wallis(long n)
    {
        double log = 0;
        for (long k = 1; k <= (n - 1) / 2; k++) log += Math.Log((2.0 * k - 1) / (2.0 * k)); // each term exact to 1e-16: 1e6 terms stay within 1e-10
        return Math.Exp(log);
    }

    [Theory]
    // benchmarks.md B10 table: n, exact (printed), decimals printed, √(2/(πn)) (printed), decimals printed
    [InlineData(101, 0.0795892, 7, 0.0793925, 7)]
    [InlineData(5_001, 0.0112832, 7, 0.0112827, 7)]
    [InlineData(8_001, 0.0089203, 7, 0.0089201, 7)]
    [InlineData(200_001, 0.0017841, 7, 0.0017841, 7)]
    [InlineData(2_000_001, 0.00056419, 8, 0.00056419, 8)]
    public void B10_exact_pivot_probability(long n, double exact, int decimals, double penrose, int penroseDecimals)
    {
        double independent = Wallis(n);
        AssertPrinted(exact, decimals, independent, "exact (Wallis product)");
        AssertPrinted(penrose, penroseDecimals, Math.Sqrt(2 / (Math.PI * n)), "√(2/(πn))");
        AssertT0(independent, PivotalProbability.Exact(n), what: $"PivotalProbability.Exact({n})");
    }

    [Fact]
    public void B10_pivot_probability_metric_of_direct_democracies_and_the_20x_ratio()
    {
        // Five directly democratic jurisdictions of n residents each: the engine's pivot_probability metric is B10's.
        long[] sizes = [101, 5_001, 8_001, 200_001, 2_000_001];
        var result = Simulator.Run(Scenario(
            sizes.Select((n, k) => Hood($"j{n}", 10 * k, Map(("res", n)))).ToList(),
            [Group("res", Map(("g", 1.0)))],
            [Good("g", 1)],
            [Structure("direct", StructureKind.Fragmented, DecisionRule.DirectDemocracy)]), new RunOptions());
        var metric = sizes.Select(n => Region(result, "direct", MetricCatalog.PivotProbability.Name, $"j{n}")).ToArray();
        for (int k = 0; k < sizes.Length; k++) AssertT0(Wallis(sizes[k]), metric[k], what: $"pivot probability, n = {sizes[k]}");
        for (int k = 1; k < sizes.Length; k++) Assert.True(metric[k] < metric[k - 1], "decisiveness must fall with size");
        // "A neighbourhood voter is 20× as likely to be decisive as a metro voter" (5,001 vs 2,000,001).
        Assert.Equal(20, Math.Round(metric[1] / metric[4]));
    }
}
