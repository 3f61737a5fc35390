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
/// B7 — Niskanen (1971) budget-maximising bureau (benchmarks.md). Tolerance class T0; expected numbers from the
/// benchmarks.md table.
/// </summary>
/// <remarks>
/// Through the engine: one jurisdiction whose residents value output Q at aQ − (b/2)Q² each (quadratic benefit, θ = a,
/// curvature b, quasi-linear, head tax) and a rival good at unit cost c per resident, so per resident the sponsor's
/// valuation, cost and surplus are the benchmark's. The sponsor is the planner rule; the bureau is the same rule under a
/// structure with Niskanen slack 1. The engine spends only the cost cQ (it has no separate "budget"), so its
/// efficiency loss is the over-production triangle: the DWL when slack is a transfer; the budget is B(Q_N).
/// </remarks>
public class B7NiskanenTests
{
    private static readonly Bureaucracy FullNiskanen = new(0, 1, 1);

    private static RunResult Run(double a, double b, double c, double residents = 1000) => Simulator.Run(Scenario(
        [Hood("town", 0, Map(("res", residents)))],
        [Group("res", Map(("q", a)))],
        [Good("q", c, BenefitForm.Quadratic, curvature: b)],
        [
            Structure("sponsor", StructureKind.Consolidated, DecisionRule.Planner),
            Structure("bureau", StructureKind.Consolidated, DecisionRule.Planner, bureaucracy: FullNiskanen),
        ]), new RunOptions());

    [Theory]
    // benchmarks.md B7 table: a, b, c, Q*, Q_N, budget, cost, slack, DWL if slack is waste; DWL if slack is a transfer
    [InlineData(100, 1, 60, 40, 80, 4800, 4800, 0, 800, 800)]      // budget-constrained
    [InlineData(100, 1, 50, 50, 100, 5000, 5000, 0, 1250, 1250)]   // budget-constrained (boundary)
    [InlineData(100, 1, 40, 60, 100, 5000, 4000, 1000, 1800, 800)] // demand-constrained
    public void B7_niskanen_bureau_output_budget_slack_and_deadweight_loss(double a, double b, double c, double qStar, double qN,
        double budget, double cost, double slack, double dwlWaste, double dwlTransfer)
    {
        // The engine's Niskanen rule on the linear demand: Q_N = min(2Q*, Q* + c/b).
        AssertT0(qN, Bureaucracy.NiskanenOutput(qStar, c, b), what: "NiskanenOutput");

        var result = Run(a, b, c);
        AssertConverged(result);
        AssertT0(qStar, Region(result, "sponsor", "level:q"), what: "Q*");
        AssertT0(qN, Region(result, "bureau", "level:q"), what: "Q_N");
        AssertT0(cost, Region(result, "bureau", MetricCatalog.ProductionCost.Name), what: "cost per resident");
        var good = result.Scenario.Goods[0];
        double engineBudget = Utility.Benefit(good, a, Region(result, "bureau", "level:q")); // budget = B(Q_N)
        AssertT0(budget, engineBudget, what: "budget");
        AssertT0(slack, engineBudget - Region(result, "bureau", MetricCatalog.ProductionCost.Name), zeroScale: budget, what: "slack");
        double loss = Region(result, "bureau", MetricCatalog.EfficiencyLoss.Name);
        AssertT0(dwlTransfer, loss, what: "DWL, slack as a transfer");
        AssertT0(dwlWaste, loss + slack, what: "DWL, slack as waste");
        AssertT0(0, Region(result, "sponsor", MetricCatalog.EfficiencyLoss.Name), zeroScale: dwlWaste, what: "sponsor's loss");
        // Budget-constrained: the sponsor's net surplus B(Q_N) − budget is 0 and the DWL equals S* = (a − c)²/(2b).
        if (slack == 0) AssertT0((a - c) * (a - c) / (2 * b), loss, what: "DWL = S*");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(8_000)]
    [InlineData(200_000)]
    [InlineData(2_000_000)]
    public void B7_budget_constrained_bureau_doubles_output_at_every_size(double residents)
    {
        // benchmarks.md B7: when bureau size scales with the jurisdiction, output/efficient = 2 in the budget-constrained regime.
        var result = Run(100, 1, 60, residents);
        AssertT0(2, Region(result, "bureau", "level:q") / Region(result, "sponsor", "level:q"), what: "Q_N/Q*");
    }
}
