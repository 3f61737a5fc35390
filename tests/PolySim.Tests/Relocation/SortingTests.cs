using PolySim.Core.Households;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;
using PolySim.Tests.Support;

namespace PolySim.Tests.Relocation;

/// <summary>Tiebout sorting (MODEL.md section 8): special cases, equilibrium, agreement of the two household modes, determinism.</summary>
public class SortingTests
{
    private static readonly HashSet<string> SortingMetrics =
        ["moves_share", "wanting_to_move_share", "rationed_share", "housing_excess_demand", "sorting_rounds"];

    private static Scenario Shipped(string file, int years)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File($"scenarios/{file}"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return loaded.Scenario! with { Years = years, Replications = 1 };
    }

    private static List<string> Rows(RunResult result, bool withSorting = true) =>
        result.Replications.SelectMany(r => r.Structures.SelectMany(s => s.Metrics
            .Where(m => withSorting || !SortingMetrics.Contains(m.Metric))
            .Select(m => $"{s.StructureId} {m.Year} {m.Entity} {m.Metric} {m.Value:R}")
            .Concat(s.Fiscal.Select(f => $"{s.StructureId} {f}"))
            .Concat((s.Flows ?? []).Select(f => $"{s.StructureId} {f}")))).ToList();

    [Fact]
    public void Nobody_reconsidering_reproduces_the_run_without_sorting_exactly()
    {
        var scenario = Shipped("tiebout-sorting.yaml", years: 3);
        var without = Simulator.Run(scenario with { Sorting = null }, new RunOptions(2));
        var still = Simulator.Run(scenario with { Sorting = scenario.Sorting! with { ReconsiderShare = 0 } }, new RunOptions(2));
        Assert.Equal(Rows(without), Rows(still, withSorting: false));
        Assert.All(still.Replications[0].Structures, s => Assert.All(s.Metrics.Where(m => m.Metric == "moves_share"), m => Assert.Equal(0, m.Value)));
    }

    [Fact]
    public void Zero_noise_best_response_without_moving_cost_reaches_a_state_where_nobody_wants_to_move()
    {
        // Agents from the income terciles of benchmark B5a; the equilibrium loop stops only after a round in which every
        // household reconsidered (best response, no moving cost) and none chose another community.
        var result = Simulator.Run(Efr.Scenario(PolySim.Tests.Support.Textbook.HeadTax(), capacity: null, priceResponse: 0,
            HouseholdMode.Agents, noise: 0, households: 3000, rounds: 300), new RunOptions(2));
        Assert.Equal(0, Efr.Final(result, "wanting_to_move_share", "region"));
        Assert.True(Efr.Final(result, "sorting_rounds", "region") < 300, "the loop stopped on its own, not at the round limit");
    }

    [Fact]
    public void Agents_and_weighted_types_agree_on_the_B5a_equilibrium()
    {
        // benchmarks.md's T2 class for sampled agents: 30 replications of 10,000 agents a community, each sorted to a
        // best-response equilibrium; the mean boundaries and service levels must be within max(3·SE, 1%) of the types'
        // (1,200 quantile types, which reproduce B5a at T1 in B5TieboutSortingTests).
        var types = Simulator.Run(Efr.Scenario(PolySim.Tests.Support.Textbook.HeadTax(), null, 0, HouseholdMode.Types, noise: 1e-4), new RunOptions(2));
        var agents = Simulator.Run(Efr.Scenario(PolySim.Tests.Support.Textbook.HeadTax(), null, 0, HouseholdMode.Agents, noise: 0,
            households: 10_000, rounds: 300) with { Replications = 30 }, new RunOptions(2));
        var typeShares = Efr.Shares(types);
        var gt = Efr.PerCommunity(types, "level:g");
        var expected = new[] { 20_000 + 80_000 * typeShares[0], 20_000 + 80_000 * (typeShares[0] + typeShares[1]), gt[0], gt[1], gt[2] };
        var samples = agents.Replications.Select(r =>
        {
            var one = new RunResult(agents.Scenario, [r]);
            var shares = Efr.Shares(one);
            var g = Efr.PerCommunity(one, "level:g");
            return new[] { 20_000 + 80_000 * shares[0], 20_000 + 80_000 * (shares[0] + shares[1]), g[0], g[1], g[2] };
        }).ToList();
        string[] names = ["b1", "b2", "g1", "g2", "g3"];
        for (int k = 0; k < names.Length; k++)
        {
            var values = samples.Select(v => v[k]).ToArray();
            double mean = values.Average(), se = MathNet.Numerics.Statistics.Statistics.StandardDeviation(values) / Math.Sqrt(values.Length);
            Assert.True(Math.Abs(mean - expected[k]) <= Math.Max(3 * se, 0.01 * expected[k]),
                $"{names[k]}: agents {mean} (SE {se}) against types {expected[k]}");
        }
    }

    [Fact]
    public void Sorting_results_are_identical_at_one_and_two_threads()
    {
        var scenario = Shipped("tiebout-sorting.yaml", years: 4);
        Assert.Equal(Rows(Simulator.Run(scenario, new RunOptions(1))), Rows(Simulator.Run(scenario, new RunOptions(2))));
    }

    [Fact]
    public void Sorting_in_type_mode_conserves_households_and_dwellings_bound_occupancy()
    {
        var scenario = Shipped("tiebout-sorting.yaml", years: 6) with
        {
            Households = Shipped("tiebout-sorting.yaml", 1).Households with { Mode = HouseholdMode.Types, TypesPerGroup = 8 },
        };
        var result = Simulator.Run(scenario, new RunOptions(2));
        foreach (var structure in result.Replications[0].Structures)
        {
            var population = structure.Metrics.Where(m => m.Entity == "region" && m.Metric == "population").Select(m => m.Value).ToList();
            Assert.All(population, p => Assert.Equal(population[0], p, 6));
            Assert.All(structure.Metrics.Where(m => m.Metric == "vacancy_rate"), m => Assert.InRange(m.Value, 0, 1));
            Assert.Contains(structure.Metrics, m => m.Metric == "moves_share" && m.Value > 0);
        }
    }
}

public class VouchersFollowMoversTests
{
    [Fact]
    public void Neighborhood_vouchers_follow_households_that_move()
    {
        // Vouchers are per resident of the year (MODEL §6): after households move, each neighborhood jurisdiction must
        // receive $250 (the scenario's amount) times its new population, capped at its spending (a lump sum never
        // exceeds what the jurisdiction spends, docs/model.md §6), and populations must actually have changed.
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/equalization-formulas.yaml"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with
        {
            Years = 4,
            Structures = loaded.Scenario!.Structures.Where(s => s.Id == "vouchers").ToList(),
            Baseline = "vouchers",
            Sorting = SortingSettings.Default with { ReconsiderShare = 0.3 },
        };
        var run = Simulator.Run(scenario, new RunOptions(2)).Replications[0].Structures[0];
        var neighborhoods = run.Fiscal.Where(f => f.Tier == PolySim.Core.Governance.Tier.Neighborhood).ToList();
        Assert.NotEmpty(neighborhoods);
        Assert.All(neighborhoods, f =>
        {
            double expected = Math.Min(250 * f.Population, f.Spending);
            Assert.True(Math.Abs(f.Flows!.VouchersReceived - expected) <= 1e-9 * expected,
                $"{f.Jurisdiction} {f.Year}: vouchers {f.Flows!.VouchersReceived} for {f.Population} residents, spending {f.Spending}");
        });
        Assert.Contains(neighborhoods, f => 250 * f.Population < f.Spending);   // the per-resident amount binds somewhere
        var first = neighborhoods.Where(f => f.Year == scenario.StartYear).ToDictionary(f => f.Jurisdiction, f => f.Population);
        Assert.Contains(neighborhoods.Where(f => f.Year == scenario.StartYear + 3), f => Math.Abs(f.Population - first[f.Jurisdiction]) > 1);
    }
}
