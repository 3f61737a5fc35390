using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Secession;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Validation;

/// <summary>
/// benchmarks.md B3 through the engine: Alesina–Spolaore on a strip of neighborhoods at x = (i + ½)/M in [0, 1], every
/// resident paying h·|x − policy| with the policy at the jurisdiction's median (<see cref="PolicyDistance"/>), h = 400, and
/// a fixed governance cost K per jurisdiction shared by head tax, k = K/P = 1. Repeated split-in-half referenda by simple
/// majority (<see cref="ReferendumEvaluator"/>) give B3's yes shares and stop at N = 16; C(N) and N* = 10 come from the
/// engine's mean utility. Expected values are B3's printed numbers.
/// </summary>
public class B3AlesinaSpolaoreTests
{
    private const double H = 400, Income = 1_000, PerNeighborhood = 100;

    private static Scenario Strip(int m, Func<int, string> city, IReadOnlyList<Structure> structures, int years = 1)
    {
        var hoods = Enumerable.Range(0, m).Select(i => Hood($"n{i}", (i + 0.5) / m, Map(("g", PerNeighborhood)), city: city(i))).ToList();
        var scenario = Scenario(hoods, [Group("g", None, income: Income)], [], structures, years: years);
        return scenario with { Utility = new UtilitySettings(ConsumptionForm.QuasiLinear, 1e-6, H) };
    }

    private static Structure City(string id, int m) =>
        Structure(id, StructureKind.Consolidated, DecisionRule.DirectDemocracy, HeadTax() with { GovernanceCost = m * PerNeighborhood });

    /// <summary>C = y − mean utility per resident (one-person households; quasi-linear utility).</summary>
    private static double Cost(RunResult result, string structure, int year) => Income - result.Replications[0].Structures
        .Single(s => s.StructureId == structure).Metrics.Single(x => x.Year == year && x.Entity == "region" && x.Metric == MetricCatalog.MeanUtility.Name).Value;

    private const int M = 4096;   // 256 neighborhoods per jurisdiction at N = 16: discrete yes shares within T1

    private static readonly Lazy<RunResult> Halving = new(() =>
    {
        // Year 2025 + t: every one of the 2^t jurisdictions votes on splitting off its left half.
        var referenda = new List<Referendum>();
        for (int t = 0; t < 5; t++)
        {
            int parts = 1 << t, size = M / parts;
            for (int p = 0; p < parts; p++)
                referenda.Add(new Referendum($"split-{t}-{p}", 2025 + t, $"left half of {p}", Enumerable.Range(p * size, size / 2).ToArray(),
                    $"city-{t}-{p}", DecisionRule.DirectDemocracy, new VotingRule(VotingRuleKind.SimpleMajority), 0, Turnout.Full, Structures: ["halving"]));
        }
        var scenario = Strip(M, _ => "metro", [City("halving", M), City("one", M)], years: 5) with { Referenda = referenda };
        return Simulator.Run(scenario, new RunOptions());
    });

    [Fact]
    public void B3_recursive_halving_by_majority_overshoots_to_16()
    {
        double[] yes = [0.7475, 0.74, 0.71, 0.59, 0];
        var results = Halving.Value.Replications[0].Referenda!;
        for (int t = 0; t < 5; t++)
        {
            var step = results.Where(r => r.Year == 2025 + t).ToList();
            Assert.Equal(1 << t, step.Count);
            foreach (var r in step)
            {
                Assert.Equal(yes[t], r.CityYes, Support.Tolerance.T1);      // T1: 0.005 on vote shares
                Assert.Equal(t < 4, r.Passed);
            }
        }
        // The majority process ends at N = 16 (step 5 fails everywhere).
        var final = Halving.Value.Replications[0].Structures.Single(s => s.StructureId == "halving").Fiscal.Where(f => f.Year == 2029);
        Assert.Equal(16, final.Count());
    }

    [Fact]
    public void B3_per_capita_cost_of_the_halving_sequence()
    {
        // C(N) = h/(4N) + kN: C(1) = 101, C(2) = 52, C(4) = 29, C(8) = 20.5, C(16) = 22.25 (T0: even intervals are exact).
        Support.Tolerance.AssertT0(101, Cost(Halving.Value, "one", 2025), what: "C(1)");
        double[] expected = [52, 29, 20.5, 22.25, 22.25];
        for (int t = 0; t < 5; t++) Support.Tolerance.AssertT0(expected[t], Cost(Halving.Value, "halving", 2025 + t), what: $"C after step {t + 1}");
    }

    [Fact]
    public void B3_optimal_number_of_jurisdictions_is_ten()
    {
        // Fragmented into N contiguous near-equal cities, N = 1..16 (2,048 neighborhoods: N = 10 gets 204-205 each).
        const int m = 2048;
        var cost = new double[17];
        for (int n = 1; n <= 16; n++)
        {
            var scenario = Strip(m, i => $"c{i * n / m}", [Structure("fragmented", StructureKind.Fragmented, DecisionRule.DirectDemocracy,
                HeadTax() with { GovernanceCost = m * PerNeighborhood })]);
            cost[n] = Cost(Simulator.Run(scenario, new RunOptions()), "fragmented", 2025);
        }
        int best = Enumerable.Range(1, 16).MinBy(n => cost[n]);
        Assert.Equal(10, best);                                             // N* = 10
        Support.Tolerance.AssertT1(20.0, cost[10], "C(10)");
        Support.Tolerance.AssertT1(20.111, cost[9], "C(9)");
        Support.Tolerance.AssertT1(20.091, cost[11], "C(11)");
        Support.Tolerance.AssertT1(21.143, cost[14], "C(14)");
    }
}
