using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Validation;

/// <summary>
/// B12 — consumer costs: travel versus the number of facilities (B12a) and waiting and pooling (B12b) (benchmarks.md).
/// Tolerance class T0 (the engine's consumer costs are the continuum formulas, not a grid of discrete residents).
/// Expected numbers are those printed in benchmarks.md.
/// </summary>
public class B12ConsumerCostTests
{
    // ---------------------------------------------------------------------------------------------------------------
    // B12a: A = 1,000 km², P = 2,000,000, T = 2 trips/yr, c_d = $2 per km one way, F = $1,000,000 per facility-year.
    // Annual cost = N·F + c_d·T·P·0.3825979·√(A/N). Through the engine: one city over the whole area providing a good
    // with these consumer costs and facility scale P/N (so it runs N facilities); the good's production is $1 per unit
    // level per resident, which is netted out of production spending to leave the facility costs N·F.
    // ---------------------------------------------------------------------------------------------------------------

    private const double Area = 1_000, Pop = 2_000_000, Trips = 2, CostPerKm = 2, FacilityCost = 1_000_000; // benchmarks.md B12a

    /// <summary>[√2 + ln(1 + √2)]/6 = 0.3825979: mean distance to the centre of a unit square.</summary>
    private static readonly double K = (Math.Sqrt(2) + Math.Log(1 + Math.Sqrt(2))) / 6;

    private static double Formula(int n) => n * FacilityCost + CostPerKm * Trips * Pop * K * Math.Sqrt(Area / n);

    private static (double Total, double Travel, double Facilities) Engine(int facilities)
    {
        var cc = new ConsumerCost(Trips, CostPerKm, Pop / facilities, FacilityCost, 0, 2000, 0.85, 0);
        var result = Simulator.Run(Scenario(
            [Hood("metro", 0, Map(("res", Pop)), area: Area)],
            [Group("res", Map(("clinic", 1.0)))],
            [Good("clinic", 1, consumerCost: cc)],
            [Structure("city", StructureKind.Consolidated, DecisionRule.Planner)]), new RunOptions(Threads: 1));
        double travel = Region(result, "city", MetricCatalog.ConsumerCost.Name) * Pop;
        double variable = Region(result, "city", MetricCatalog.UnitCostPrefix + "clinic") * Region(result, "city", "level:clinic") * Pop;
        double fixedCost = Region(result, "city", MetricCatalog.ProductionCost.Name) * Pop - variable;
        return (fixedCost + travel, travel, fixedCost);
    }

    [Fact]
    public void B12a_mean_distance_factor_and_continuous_optimum()
    {
        // Mean straight-line distance to the centre of a square of side L: L·[√2 + ln(1 + √2)]/6 = 0.3825979·L.
        AssertPrinted(0.3825979, 7, K);
        AssertT0(K, ConsumerCost.MeanDistanceFactor, what: "engine's mean-distance factor");
        double nStar = Math.Pow(0.5 * ConsumerCost.MeanDistanceFactor * CostPerKm * Trips * Pop * Math.Sqrt(Area) / FacilityCost, 2.0 / 3);
        AssertPrinted(13.2801, 4, nStar, "N* (continuous)");
    }

    [Theory]
    // benchmarks.md B12a: N, annual cost ($, printed to the dollar)
    [InlineData(10, 40_607_829)]
    [InlineData(12, 39_940_997)]
    [InlineData(13, 39_844_842)]
    [InlineData(14, 39_868_337)]
    public void B12a_engine_travel_and_facility_cost_by_number_of_facilities(int n, double expected)
    {
        AssertPrinted(expected, 0, Formula(n), "closed form");
        var engine = Engine(n);
        AssertT0(n * FacilityCost, engine.Facilities, what: "facility cost N·F");
        AssertT0(CostPerKm * Trips * K * Math.Sqrt(Area / n), engine.Travel / Pop, what: "travel cost per resident");
        AssertT0(expected, engine.Total, what: "annual cost");
    }

    [Fact]
    public void B12a_engine_integer_optimum_is_13_facilities()
    {
        var costs = Enumerable.Range(1, 30).Select(n => (N: n, Engine(n).Total)).ToList();
        var best = costs.MinBy(c => c.Total);
        Assert.Equal(13, best.N); // benchmarks.md: integer optimum 13
        AssertT0(39_844_842, best.Total, what: "cost at N = 13");
        AssertPrinted(19.9224, 4, best.Total / Pop, "per capita");
        // Mean one-way distance at N = 13: 3.3556 km.
        AssertPrinted(3.3556, 4, Engine(13).Travel / Pop / (Trips * CostPerKm), "mean one-way distance, km");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // B12b: M/M/1 with λ = 8/hr, μ = 10/hr: W = 0.5 hr, Wq = 0.4 hr. Pooled into M/M/2 (λ = 16): P(wait) = 0.711111,
    // Wq = 0.177778 hr, W = 0.277778 hr; time in system falls by 44%.
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void B12b_erlang_c_waiting_and_pooling()
    {
        const double mu = 10;
        AssertT0Share(1, Queueing.ErlangC(8, mu, 1) / 0.8, "M/M/1 P(wait) = ρ");
        AssertT0(0.4, Queueing.ErlangCWait(8, mu, 1), what: "M/M/1 Wq");
        AssertT0(0.5, Queueing.ErlangCWait(8, mu, 1) + 1 / mu, what: "M/M/1 W");
        AssertPrinted(0.711111, 6, 32.0 / 45, "P(wait) closed form");
        AssertT0Share(32.0 / 45, Queueing.ErlangC(16, mu, 2), "M/M/2 P(wait)");
        AssertT0(8.0 / 45, Queueing.ErlangCWait(16, mu, 2), what: "M/M/2 Wq");
        AssertPrinted(0.177778, 6, Queueing.ErlangCWait(16, mu, 2), "M/M/2 Wq");
        AssertPrinted(0.277778, 6, Queueing.ErlangCWait(16, mu, 2) + 1 / mu, "M/M/2 W");
        Assert.Equal(44, Math.Round(100 * (1 - (Queueing.ErlangCWait(16, mu, 2) + 1 / mu) / 0.5)));
    }

    /// <summary>32,000 residents, 1 trip each per year, facilities open 2,000 hours: λ = 16/hr in total, μ = 10/hr per server.</summary>
    private static RunResult Clinics(int facilities, double costPerKm) => Simulator.Run(Scenario(
        [Hood("town", 0, Map(("res", 32_000)), area: 100)],
        [Group("res", Map(("clinic", 1.0)))],
        [Good("clinic", 1, consumerCost: new ConsumerCost(1, costPerKm, 32_000.0 / facilities, 0, 10, 2000, 0.85, 1))],
        [Structure("city", StructureKind.Consolidated, DecisionRule.Planner)]), new RunOptions(Threads: 1));

    [Fact]
    public void B12b_engine_waiting_cost_separate_vs_pooled_facilities()
    {
        // Two facilities at λ = 8/hr each get one server (M/M/1); one pooled facility at λ = 16/hr gets two (M/M/2).
        // At $1 per hour of waiting and one trip a year, the waiting cost per resident is Wq: 0.4 vs 0.177778.
        AssertT0(0.4, Region(Clinics(2, 0), "city", MetricCatalog.ConsumerCost.Name), what: "two M/M/1 facilities");
        AssertT0(8.0 / 45, Region(Clinics(1, 0), "city", MetricCatalog.ConsumerCost.Name), what: "one pooled M/M/2 facility");
    }

    [Fact]
    public void B12b_engine_consumer_cost_nets_travel_against_waiting()
    {
        // With travel at $2/km over 100 km², pooling lowers waiting (0.4 → 0.177778) but raises travel
        // (2·0.3825979·√(100/2) → 2·0.3825979·√100); the consumer-cost metric carries both.
        double Travel(int n) => 2 * ConsumerCost.MeanDistanceFactor * Math.Sqrt(100.0 / n);
        double separate = Region(Clinics(2, 2), "city", MetricCatalog.ConsumerCost.Name);
        double pooled = Region(Clinics(1, 2), "city", MetricCatalog.ConsumerCost.Name);
        AssertT0(Travel(2) + 0.4, separate, what: "separate: travel + waiting");
        AssertT0(Travel(1) + 8.0 / 45, pooled, what: "pooled: travel + waiting");
        Assert.True(pooled > separate, "here the extra travel outweighs the shorter wait");
    }
}
