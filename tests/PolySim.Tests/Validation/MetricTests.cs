using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Validation;

/// <summary>
/// M — metric unit tests for the five public-choice criteria (benchmarks.md). Tolerance class T0 (shares and indices:
/// absolute error ≤ 1e-6). Expected numbers are those printed in benchmarks.md, or hand-computed where stated.
/// </summary>
/// <remarks>
/// Efficiency is checked where its benchmarks live: the loss of B1a (40.8M, <see cref="B1OatesTests"/>), the B2 losses
/// (<see cref="B2SpilloverTests"/>), B12's travel and waiting costs (<see cref="B12ConsumerCostTests"/>); effectiveness
/// ranking of contracted over in-house schooling (1410 vs 1440.625) in <see cref="B6ScaleEconomiesTests"/>.
/// </remarks>
public class MetricTests
{
    // ---------------------------------------------------------------------------------------------------------------
    // Equality
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void M_equality_gini_and_cv_of_B1a_decentralised_vs_uniform()
    {
        // benchmarks.md M: for B1a decentralised, g = (40, 60, 80, 120) with pops (10k, 20k, 30k, 40k): Gini = 0.177273,
        // CV = 0.324610; uniform provision: Gini 0.
        var result = Simulator.Run(B1OatesTests.B1a(
            Structure("local", StructureKind.Fragmented, DecisionRule.Planner),
            Structure("uniform", StructureKind.Consolidated, DecisionRule.Planner)), new RunOptions());
        var levels = Enumerable.Range(0, 4).Select(j => Region(result, "local", "level:g", $"j{j}")).ToArray();
        var pops = Enumerable.Range(0, 4).Select(j => Region(result, "local", MetricCatalog.Population.Name, $"j{j}")).ToArray();
        AssertT0Share(0.324610, Inequality.CoefficientOfVariation(levels, pops), "CV of g");
        AssertT0Share(0.177273, Inequality.Gini((double[])levels.Clone(), (double[])pops.Clone()), "Gini of g");
        AssertT0Share(0.177273, Region(result, "local", MetricCatalog.ServiceGini.Name), "service Gini metric, decentralised");
        AssertT0Share(0, Region(result, "uniform", MetricCatalog.ServiceGini.Name), "service Gini metric, uniform");
        AssertT0Share(0, Region(result, "uniform", MetricCatalog.ServiceTheil.Name), "service Theil metric, uniform");
        // All the inequality of the decentralised outcome is between jurisdictions.
        AssertT0Share(0, Region(result, "local", MetricCatalog.ServiceTheilWithin.Name), "Theil within");
    }

    [Fact]
    public void M_inequality_measures_on_hand_computed_cases()
    {
        // Gini: (1, 2, 3, 4) → Σ|x_i − x_j| / (2n²μ) = 20 / 80 = 0.25; values (1, 3) with weights (3, 1) are (1, 1, 1, 3): 12/48 = 0.25.
        AssertT0Share(0.25, Inequality.Gini(new double[] { 4, 2, 3, 1 }, new double[] { 1, 1, 1, 1 }), "Gini (1,2,3,4)");
        AssertT0Share(0.25, Inequality.Gini(new double[] { 3, 1 }, new double[] { 1, 3 }), "weighted Gini");
        AssertT0Share(0, Inequality.Gini(new double[] { 7, 7, 7 }, new double[] { 1, 2, 3 }), "Gini of equal values");
        // Gini of (0, …, 0, 1) with n equal weights: 1 − 1/n.
        AssertT0Share(0.9, Inequality.Gini(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, Enumerable.Repeat(1.0, 10).ToArray()), "Gini (0,…,0,1)");

        // Theil T of (1, 1, 3, 5), groups (0, 0, 1, 1), μ = 2.5:
        // T = ¼[2·0.4 ln 0.4 + 1.2 ln 1.2 + 2 ln 2] = 0.218012; between = ½·0.4 ln 0.4 + ½·1.6 ln 1.6 = 0.192745;
        // within = (½·4/2.5)·T_group1, T_group1 = ½[0.75 ln 0.75 + 1.25 ln 1.25] = 0.031583 → 0.025267.
        double total = 0.25 * (2 * 0.4 * Math.Log(0.4) + 1.2 * Math.Log(1.2) + 2 * Math.Log(2));
        double between = 0.5 * 0.4 * Math.Log(0.4) + 0.5 * 1.6 * Math.Log(1.6);
        double within = 0.8 * 0.5 * (0.75 * Math.Log(0.75) + 1.25 * Math.Log(1.25));
        AssertPrinted(0.218012, 6, total);
        AssertPrinted(0.192745, 6, between);
        AssertPrinted(0.025267, 6, within);
        var theil = Inequality.Theil(new double[] { 1, 1, 3, 5 }, new double[] { 1, 1, 1, 1 }, new[] { 0, 0, 1, 1 }, 2);
        AssertT0Share(total, theil.Total, "Theil T");
        AssertT0Share(between, theil.Between, "Theil between");
        AssertT0Share(within, theil.Within, "Theil within");

        // McLoone: (10, 20, 30, 40, 50), median 30: (10 + 20)/(30·2) = 0.5. Weighted (10, 30, 50) × (1, 2, 1): median 30,
        // below it only 10 with weight 1 → 1/3. Nobody below the median → 1.
        AssertT0Share(0.5, Inequality.McLoone(new double[] { 50, 10, 40, 20, 30 }, new double[] { 1, 1, 1, 1, 1 }), "McLoone");
        AssertT0Share(1.0 / 3, Inequality.McLoone(new double[] { 10, 30, 50 }, new double[] { 1, 2, 1 }), "weighted McLoone");
        AssertT0Share(1, Inequality.McLoone(new double[] { 5, 5, 5 }, new double[] { 1, 1, 1 }), "McLoone of equal values");

        // CV: (1, 3) equal weights: sd 1, mean 2 → 0.5. Correlation of an exact linear relation: 1 (or −1).
        AssertT0Share(0.5, Inequality.CoefficientOfVariation(new double[] { 1, 3 }, new double[] { 1, 1 }), "CV");
        AssertT0Share(1, Inequality.Correlation(new double[] { 1, 2, 4 }, new double[] { 3, 5, 9 }, new double[] { 1, 2, 3 }), "correlation");
        AssertT0Share(-1, Inequality.Correlation(new double[] { 1, 2, 4 }, new double[] { 9, 7, 3 }, new double[] { 1, 1, 1 }), "anti-correlation");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Effectiveness: invariant to a uniform scaling of all jurisdictions' populations (constant costs).
    // ---------------------------------------------------------------------------------------------------------------

    private static Scenario Spillover(double scale) => Scenario(
        [
            Hood("a", 0, Map(("low", 1_000 * scale))),
            Hood("b", 2, Map(("mid", 3_000 * scale))),
            Hood("c", 5, Map(("high", 6_000 * scale))),
        ],
        [Group("low", Map(("g", 0.5))), Group("mid", Map(("g", 1.0))), Group("high", Map(("g", 2.0)))],
        [Good("g", 3, rivalry: 0.5, spillover: new Spillover(SpilloverForm.Additive, 0.3, 4))],
        [
            Structure("planner", StructureKind.Fragmented, DecisionRule.Planner),
            Structure("vote", StructureKind.Consolidated, DecisionRule.DirectDemocracy),
        ]);

    [Fact]
    public void M_effectiveness_is_invariant_to_uniform_population_scaling()
    {
        var one = Simulator.Run(Spillover(1), new RunOptions());
        var ten = Simulator.Run(Spillover(10), new RunOptions());
        foreach (var structure in new[] { "planner", "vote" })
        {
            double e1 = Region(one, structure, MetricCatalog.Effectiveness.Name);
            double e10 = Region(ten, structure, MetricCatalog.Effectiveness.Name);
            Assert.True(e1 > 1.01, $"{structure}: effectiveness {e1}: spillovers should deliver more effective service than is paid for");
            AssertT0(e1, e10, what: $"{structure} effectiveness ×1 vs ×10");
        }
        // Levels do change with the scaling (γ = 0.5 makes the tax price fall with size): only the ratio is invariant.
        double before = Region(one, "planner", "level:g"), after = Region(ten, "planner", "level:g");
        AssertT0(Math.Sqrt(10), after / before, what: "mean level scales by 10^(1−γ)"); // τ ∝ n^(γ−1), so q ∝ n^(1−γ)
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Equity: service allocated in proportion to need (need targeting 1) → corr(service, need) = 1; uniform → lower.
    // ---------------------------------------------------------------------------------------------------------------

    private static RunResult Needs(double targeting) => Simulator.Run(Scenario(
        [Hood("town", 0, Map(("well", 5_000), ("some", 3_000), ("frail", 2_000)))],
        [
            Group("well", Map(("care", 1.0)), need: 0.1),
            Group("some", Map(("care", 1.0)), need: 0.5),
            Group("frail", Map(("care", 1.0)), need: 0.9),
        ],
        [Good("care", 2, needSensitivity: 1, needTargeting: targeting)],
        [Structure("city", StructureKind.Consolidated, DecisionRule.Planner)]), new RunOptions());

    [Fact]
    public void M_equity_is_maximal_when_service_is_proportional_to_need()
    {
        double proportional = Region(Needs(1), "city", MetricCatalog.Equity.Name);
        double uniform = Region(Needs(0), "city", MetricCatalog.Equity.Name);
        AssertT0Share(1, proportional, "equity with need targeting 1");
        Assert.True(uniform < proportional, $"uniform allocation must score lower ({uniform} vs {proportional})");
        AssertT0Share(0, uniform, "equity of uniform allocation (no covariance with need)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accountability: monotone decreasing in jurisdiction size; pivot probability matches B10; 15 seats for 2M
    // residents give 133,333 residents per seat vs 8,000 for a one-representative neighbourhood.
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void M_accountability_pivot_probability_falls_with_jurisdiction_size()
    {
        double[] sizes = [8_000, 200_000, 2_000_000]; // neighbourhood, municipality, metro
        var result = Simulator.Run(Scenario(
            sizes.Select((n, k) => Hood($"j{k}", 10 * k, Map(("res", n)))).ToList(),
            [Group("res", Map(("g", 1.0)))], [Good("g", 1)],
            [Structure("direct", StructureKind.Fragmented, DecisionRule.DirectDemocracy)]), new RunOptions());
        var pivot = Enumerable.Range(0, 3).Select(k => Region(result, "direct", MetricCatalog.PivotProbability.Name, $"j{k}")).ToArray();
        // benchmarks.md B10 (n rounded up to odd): 8,001 → 0.0089203; 200,001 → 0.0017841; 2,000,001 → 0.00056419.
        Assert.InRange(pivot[0], 0.0089203 - 5e-8, 0.0089203 + 5e-8);
        Assert.InRange(pivot[1], 0.0017841 - 5e-8, 0.0017841 + 5e-8);
        Assert.InRange(pivot[2], 0.00056419 - 5e-9, 0.00056419 + 5e-9);
        Assert.True(pivot[0] > pivot[1] && pivot[1] > pivot[2]);
        // Under direct democracy every resident is a decision-maker.
        for (int k = 0; k < 3; k++) AssertT0(1, Region(result, "direct", MetricCatalog.ResidentsPerDecisionMaker.Name, $"j{k}"));
    }

    [Fact]
    public void M_accountability_residents_per_council_seat()
    {
        // A 2M metro of 25 neighbourhoods (80,000 residents each, one weighted type per neighbourhood) with a 15-seat
        // council, and an 8,000-resident neighbourhood with one representative.
        var metro = Simulator.Run(Scenario(
            Enumerable.Range(0, 25).Select(k => Hood($"n{k}", k, Map(("res", 80_000)), city: "metro")).ToList(),
            [Group("res", Map(("g", 1.0)))], [Good("g", 1)],
            [Structure("council", StructureKind.Consolidated, Council(15))]), new RunOptions());
        var hood = Simulator.Run(Scenario([Hood("n", 0, Map(("res", 8_000)))],
            [Group("res", Map(("g", 1.0)))], [Good("g", 1)],
            [Structure("council", StructureKind.Consolidated, Council(1))]), new RunOptions());
        double metroPerSeat = Region(metro, "council", MetricCatalog.ResidentsPerDecisionMaker.Name, "city");
        double hoodPerSeat = Region(hood, "council", MetricCatalog.ResidentsPerDecisionMaker.Name, "city");
        AssertT0(2_000_000.0 / 15, metroPerSeat, what: "residents per seat, metro");
        Assert.Equal(133_333, Math.Floor(metroPerSeat)); // benchmarks.md: 133,333 per seat
        AssertT0(8_000, hoodPerSeat, what: "residents per seat, neighbourhood");
        // Accountability falls with size on both measures: more residents per seat, lower pivot probability of a
        // voter in a seat's constituency (133,333 vs 8,000 voters).
        Assert.True(metroPerSeat > hoodPerSeat);
        Assert.True(Region(metro, "council", MetricCatalog.PivotProbability.Name, "city") < Region(hood, "council", MetricCatalog.PivotProbability.Name, "city"));
    }

    [Fact]
    public void M_gini_of_large_arrays_by_radix_sort_equals_the_comparison_sort()
    {
        // Independent calculation: the radix sort's order against Array.Sort's, and the large-array Gini against the
        // span Gini (which sorts by comparison), on values with negatives, zeros of both signs and many ties.
        var random = new Random(7);
        int n = 20_000;
        var values = Enumerable.Range(0, n).Select(k => k % 5 == 0 ? Math.Round(random.NextDouble() * 10) : (random.NextDouble() - 0.2) * Math.Pow(10, random.Next(-3, 4))).ToArray();
        values[0] = -0.0;
        values[1] = 0.0;
        var weights = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        var (sorted, _) = RadixSort.Sort((double[])values.Clone(), (double[])weights.Clone(), new double[n], new double[n]);
        for (int k = 0; k < n; k++) Assert.True(sorted[k] == expected[k], $"position {k}: {sorted[k]} vs {expected[k]}");

        var positive = values.Select(Math.Abs).ToArray();
        double reference = Inequality.Gini((double[])positive.Clone(), (double[])weights.Clone());
        double radix = Inequality.Gini((double[])positive.Clone(), (double[])weights.Clone(), new double[n], new double[n]);
        Assert.True(Math.Abs(radix - reference) <= 1e-12, $"Gini {radix} vs {reference}");
    }
    [Theory]
    [InlineData(0, 1)]   // values a few units in the last place apart, in random order: the insertion sort gives up
    [InlineData(1, 1)]   // values that differ in their high bits, with ties
    [InlineData(2, 1)]   // ±0 alternating
    [InlineData(0, 3)]   // the same on three threads, each scattering a chunk of the 250,000 entries
    [InlineData(1, 3)]
    public void M_radix_sort_is_stable_by_value(int kind, int threads)
    {
        // Independent calculation: LINQ's stable OrderBy on the values (−0 before +0, as the radix sort orders them), the
        // weights carrying each entry's input position so that ties must keep their input order.
        var random = new Random(11);
        int n = threads > 1 ? 250_000 : 30_000;
        var values = Enumerable.Range(0, n).Select(k => kind switch
        {
            0 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + random.Next(1 << 20)),
            1 => Math.Round(random.NextDouble() * 50) * (k % 3 == 0 ? -1 : 1),
            _ => k % 2 == 0 ? -0.0 : 0.0,
        }).ToArray();
        var position = Enumerable.Range(0, n).Select(k => (double)k).ToArray();
        var expected = Enumerable.Range(0, n).OrderBy(k => values[k]).ThenBy(k => double.IsNegative(values[k]) ? 0 : 1).ThenBy(k => k).ToArray();
        var (sorted, weights) = RadixSort.Sort((double[])values.Clone(), position, new double[n], new double[n], threads);
        for (int k = 0; k < n; k++)
        {
            Assert.True(weights[k] == expected[k], $"position {k}: entry {weights[k]} vs {expected[k]}");
            Assert.True(BitConverter.DoubleToInt64Bits(sorted[k]) == BitConverter.DoubleToInt64Bits(values[expected[k]]), $"value at {k}");
        }
    }
}
