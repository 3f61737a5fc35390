using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Validation;

/// <summary>
/// B11 — capture of a representative council by an organised interest, weighted-welfare model (benchmarks.md).
/// Tolerance class T0; expected numbers from the benchmarks.md table.
/// </summary>
/// <remarks>
/// Through the engine: one jurisdiction of n = 10,000 one-person households, 9,800 with θ = 50 and an organised group of
/// 200 with θ_O = 250; u = θg − g²/2 − pg (quadratic benefit, curvature 1, rival good at p = 10 per resident, head tax).
/// The council uses <see cref="CaptureModel.WeightedWelfare"/> with organised weight λ: it maximizes Σu + λ·Σ_O u.
/// DWL = (n/2)(g_λ − g*)² is the engine's efficiency loss per capita × n.
/// </remarks>
public class B11CaptureTests
{
    private const double N = 10_000, NO = 200, ThetaO = 250, ThetaR = 50, P = 10; // benchmarks.md B11 parameters

    private static RunResult Run(params Structure[] structures) => Simulator.Run(Scenario(
        [Hood("city", 0, Map(("residents", N - NO), ("organized", NO)))],
        [Group("residents", Map(("g", ThetaR))), Group("organized", Map(("g", ThetaO)), organized: true)],
        [Good("g", P, BenefitForm.Quadratic, curvature: 1)],
        structures), new RunOptions());

    [Theory]
    // benchmarks.md B11 table: λ, g, DWL (g printed to 4 decimals, DWL to the cent)
    [InlineData(0, 44.0000, 0.0)]
    [InlineData(5, 61.8182, 1_587_438.02)]
    [InlineData(20, 100.0000, 15_680_000)]
    [InlineData(100, 174.6667, 85_368_888.89)]
    public void B11_weighted_welfare_council_level_and_deadweight_loss(double lambda, double g, double dwl)
    {
        double exactG = ((N - NO) * ThetaR + NO * ThetaO * (1 + lambda)) / (N + lambda * NO) - P;
        double exactDwl = N / 2 * (exactG - 44) * (exactG - 44);
        AssertPrinted(g, 4, exactG, "g_λ closed form");
        AssertPrinted(dwl, 2, exactDwl, "DWL closed form");

        var result = Run(Structure("council", StructureKind.Consolidated,
            Council(1, capture: CaptureModel.WeightedWelfare, organizedWeight: lambda)));
        AssertConverged(result);
        AssertT0(exactG, Region(result, "council", "level:g"), what: "g_λ");
        AssertT0(exactDwl, Region(result, "council", MetricCatalog.EfficiencyLoss.Name) * N, zeroScale: 1, what: "DWL");
    }

    [Fact]
    public void B11_direct_democracy_median_voter_and_planner()
    {
        // benchmarks.md B11: direct democracy (median voter) gives g = 40 with DWL 80,000; θ̄ = 54 so g* = 44.
        var result = Run(
            Structure("direct", StructureKind.Consolidated, DecisionRule.DirectDemocracy),
            Structure("planner", StructureKind.Consolidated, DecisionRule.Planner));
        AssertT0(40, Region(result, "direct", "level:g"), what: "median voter g");
        AssertT0(80_000, Region(result, "direct", MetricCatalog.EfficiencyLoss.Name) * N, what: "DWL direct democracy");
        AssertT0(44, Region(result, "planner", "level:g"), what: "g*");
    }

    [Fact]
    public void B11_capture_grows_with_the_organised_weight()
    {
        double[] lambdas = [0, 1, 5, 20, 100];
        var levels = lambdas.Select(l => Region(Run(Structure("council", StructureKind.Consolidated,
            Council(1, capture: CaptureModel.WeightedWelfare, organizedWeight: l))), "council", "level:g")).ToArray();
        for (int k = 1; k < levels.Length; k++) Assert.True(levels[k] > levels[k - 1]);
    }
}
