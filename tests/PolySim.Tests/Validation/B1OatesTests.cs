using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Validation;

/// <summary>B1 — Oates' decentralization theorem (benchmarks.md), tolerance class T0 (relative error ≤ 1e-6).</summary>
public class B1OatesTests
{
    private const double T0 = 1e-6;

    /// <summary>B1a: J = 4, θ = (60, 80, 100, 140), n = (10k, 20k, 30k, 40k), p = 20, b = 1.</summary>
    private static Scenario B1a(params Structure[] structures)
    {
        double[] theta = [60, 80, 100, 140], n = [10_000, 20_000, 30_000, 40_000];
        var groups = theta.Select((t, j) => Group($"g{j}", Map(("g", t)))).ToList();
        var hoods = n.Select((count, j) => Hood($"j{j}", 10 * j, Map(($"g{j}", count)))).ToList();
        var goods = new[] { Good("g", 20, BenefitForm.Quadratic, curvature: 1) };
        return Scenario(hoods, groups, goods, structures);
    }

    [Fact]
    public void B1a_uniform_mean_provision_loses_40_8_million()
    {
        var result = Simulator.Run(B1a(
            Structure("local", StructureKind.Fragmented, PolySim.Core.Decisions.DecisionRule.Planner),
            Structure("uniform", StructureKind.Consolidated, PolySim.Core.Decisions.DecisionRule.Planner)), new RunOptions());
        Assert.Equal(88, Region(result, "uniform", "level:g"), 88 * T0);
        double lossUniform = Region(result, "uniform", MetricCatalog.EfficiencyLoss.Name) * 100_000;
        double lossLocal = Region(result, "local", MetricCatalog.EfficiencyLoss.Name) * 100_000;
        Assert.Equal(40_800_000, lossUniform, 40_800_000 * T0);
        Assert.Equal(0, lossLocal, 1e-3);
        // Equality: population-weighted Gini of g is 0.177273 decentralized, 0 uniform (benchmark M).
        Assert.Equal(0.177273, Region(result, "local", MetricCatalog.ServiceGini.Name), 1e-6);
        Assert.Equal(0, Region(result, "uniform", MetricCatalog.ServiceGini.Name), 1e-12);
    }

    [Fact]
    public void B1a_median_voter_uniform_provision_loses_44_million()
    {
        var result = Simulator.Run(B1a(Structure("median", StructureKind.Consolidated, PolySim.Core.Decisions.DecisionRule.DirectDemocracy)), new RunOptions());
        Assert.Equal(80, Region(result, "median", "level:g"), 80 * T0);
        Assert.Equal(44_000_000, Region(result, "median", MetricCatalog.EfficiencyLoss.Name) * 100_000, 44_000_000 * T0);
    }
}
