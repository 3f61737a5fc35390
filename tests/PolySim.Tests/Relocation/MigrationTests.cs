using PolySim.Core.Households;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Relocation;

/// <summary>Migration at the region's edge and population growth (MODEL.md section 8): accounting identities and the two
/// limits of the outside option, checked against hand calculations on tiebout-sorting.yaml (15,200 households).</summary>
public class MigrationTests
{
    private const double Households0 = 15_200;

    private static Scenario With(HouseholdMode mode, MigrationSettings migration, double noise = 0.02, int years = 3, bool freeMoves = false)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/tiebout-sorting.yaml"));
        Assert.True(loaded.IsValid);
        var s = loaded.Scenario!;
        return s with
        {
            Years = years,
            Replications = 1,
            Households = s.Households with
            {
                Mode = mode,
                Groups = freeMoves ? s.Households.Groups.Select(g => g with { MovingCost = 0 }).ToList() : s.Households.Groups,
            },
            Sorting = s.Sorting! with { Migration = migration, NoiseScale = noise },
        };
    }

    private static double Region(RunResult result, string structure, string metric, int yearIndex) =>
        result.Replications[0].Structures.Single(s => s.StructureId == structure).Metrics
            .Where(m => m.Entity == "region" && m.Metric == metric).OrderBy(m => m.Year).ElementAt(yearIndex).Value;

    [Fact]
    public void Residents_and_the_outside_pool_grow_exactly_at_the_formation_rate_in_type_mode()
    {
        // Identity: moves only shift mass between the region and the pool, and g·(residents + pool) forms each year, so
        // after year t the total is H0·(1 + pool)·(1 + g)^(t+1) (hand calculation: 15,200 × 1.1 × 1.02^(t+1)).
        var result = Simulator.Run(With(HouseholdMode.Types, new MigrationSettings(0.1, 0, 0.02, 0.01)), new RunOptions(2));
        foreach (var structure in result.Replications[0].Structures.Select(s => s.StructureId))
            for (int t = 0; t < 3; t++)
            {
                double total = Region(result, structure, "households", t) + Region(result, structure, "outside_households", t);
                double expected = Households0 * 1.1 * Math.Pow(1.02, t + 1);
                Assert.True(Math.Abs(total - expected) <= 1e-9 * expected, $"{structure} year {t}: {total} vs {expected}");
            }
    }

    [Fact]
    public void Agents_form_at_the_expected_rate_and_the_same_agents_form_in_every_structure()
    {
        var result = Simulator.Run(With(HouseholdMode.Agents, new MigrationSettings(0.1, 0, 0.02, 0)), new RunOptions(2));
        var structures = result.Replications[0].Structures.Select(s => s.StructureId).ToList();
        for (int t = 0; t < 3; t++)
        {
            // Formation depends only on the common seed and the (structure-independent) number of households.
            Assert.Single(structures.Select(s => Region(result, s, "households_formed", t)).Distinct());
            double total = Region(result, structures[0], "households", t) + Region(result, structures[0], "outside_households", t);
            double expected = Households0 * 1.1 * Math.Pow(1.02, t + 1);
            // Binomial formation: the variance is at most the expected number formed (≈ 1,040 over three years); 5σ ≈ 160.
            Assert.True(Math.Abs(total - expected) <= 5 * Math.Sqrt(expected - Households0 * 1.1), $"year {t}: {total} vs {expected}");
        }
    }

    [Fact]
    public void A_far_better_outside_empties_exactly_the_reconsidering_share_of_residents()
    {
        // Best response with outside worth $1,000,000 more a year and moves free: every reconsidering resident leaves and
        // nobody enters, so after the first year the region keeps (1 − 0.10) of its households: 13,680 (types: exactly).
        // (With moving costs, households whose housing costs exceed their income weigh the move at $1 a util and stay.)
        var result = Simulator.Run(With(HouseholdMode.Types, new MigrationSettings(0.1, 1e6, 0, 0), noise: 0, years: 1, freeMoves: true),
            new RunOptions(2));
        foreach (var s in result.Replications[0].Structures)
        {
            Assert.Equal(0.9 * Households0, Region(result, s.StructureId, "households", 0), 6);
            Assert.Equal(0.1 / 0.9, Region(result, s.StructureId, "outflow_share", 0), 9);
            Assert.Equal(0, Region(result, s.StructureId, "inflow_share", 0));
        }
    }

    [Fact]
    public void A_far_worse_outside_keeps_every_resident_and_brings_in_pool_households_up_to_the_dwellings()
    {
        // Outside consumption $1,000,000 lower (floored): only households already at the consumption floor at home (the
        // displaced) can gain by leaving, on services; pool households that reconsider apply for vacant dwellings (against
        // residents moving within the region, and an entrant turned away stays out, so the number is not a closed form),
        // and households in the region plus the pool stay 15,200 × 1.1 = 16,720.
        var result = Simulator.Run(With(HouseholdMode.Types, new MigrationSettings(0.1, -1e6, 0, 0), noise: 0, years: 2), new RunOptions(2));
        foreach (var s in result.Replications[0].Structures)
            for (int t = 0; t < 2; t++)
            {
                Assert.True(Region(result, s.StructureId, "outflow_share", t) <= Region(result, s.StructureId, "displaced_share", t));
                Assert.True(Region(result, s.StructureId, "inflow_share", t) > 0 || t > 0);
                Assert.Equal(16_720, Region(result, s.StructureId, "households", t) + Region(result, s.StructureId, "outside_households", t), 6);
                Assert.True(Region(result, s.StructureId, "vacancy_rate", t) >= -1e-12);
            }
    }

    [Fact]
    public void At_premium_zero_nobody_leaves_in_the_first_year()
    {
        // The reservation utility is the household's own first-year life, so leaving in the first year gains nothing and
        // costs the move: with best response no agent leaves.
        var result = Simulator.Run(With(HouseholdMode.Agents, new MigrationSettings(0.1, 0, 0, 0), noise: 0, years: 1), new RunOptions(2));
        Assert.All(result.Replications[0].Structures, s => Assert.Equal(0, Region(result, s.StructureId, "outflow_share", 0)));
    }

    [Fact]
    public void Migration_results_are_identical_at_one_and_two_threads()
    {
        var scenario = With(HouseholdMode.Agents, new MigrationSettings(0.1, 500, 0.01, 0.01), years: 2);
        static List<string> Rows(RunResult r) => r.Replications[0].Structures
            .SelectMany(s => s.Metrics.Select(m => $"{s.StructureId} {m.Year} {m.Entity} {m.Metric} {m.Value:R}")
                .Concat((s.Flows ?? []).Select(f => $"{s.StructureId} {f}"))).ToList();
        var one = Rows(Simulator.Run(scenario, new RunOptions(1)));
        Assert.Contains(one, row => row.Contains("outside"));   // flows to and from outside are reported
        Assert.Equal(one, Rows(Simulator.Run(scenario, new RunOptions(2))));
    }
}
