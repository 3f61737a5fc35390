using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Metrics;
using PolySim.Core.Randomness;
using PolySim.Core.Services;
using PolySim.Core.Welfare;

namespace PolySim.Core.Simulation;

/// <summary>
/// Runs a scenario: for each replication, generates the households once and simulates every structure on them,
/// year by year, in lockstep (so each structure's equivalent variation is measured against the baseline's same year).
/// </summary>
/// <remarks>
/// The yearly loop (MODEL.md section 8): growth → equalization → decisions → production and spillovers → utilities →
/// relocation → events → metrics. In this version equalization is limited to the matching grants and Pigouvian
/// charges applied inside the budget, households stay put (<see cref="IRelocation"/>), and there are no events.
/// </remarks>
public static class Simulator
{
    private const ulong ReplicationPurpose = 0x5245504C49434154UL; // "REPLICAT"

    /// <summary>Seed of replication <paramref name="replication"/> under <paramref name="master"/>.</summary>
    public static ulong ReplicationSeed(ulong master, int replication) => SeedDerivation.Derive(master, ReplicationPurpose, (ulong)replication);

    /// <summary>Runs every replication of <paramref name="scenario"/>.</summary>
    public static RunResult Run(Scenario scenario, RunOptions options, IRelocation? relocation = null)
    {
        var replications = new List<ReplicationResult>(scenario.Replications);
        for (int r = 0; r < scenario.Replications; r++)
            replications.Add(RunReplication(scenario, r, options, relocation ?? StayPut.Instance));
        return new RunResult(scenario, replications);
    }

    /// <summary>Runs one replication (all structures).</summary>
    public static ReplicationResult RunReplication(Scenario scenario, int replication, RunOptions options, IRelocation relocation)
    {
        ulong seed = ReplicationSeed(scenario.Seed, replication);
        var runs = CreateStructures(scenario, seed, options.Threads, out var baselineIndex);
        var households = runs[0].State.Households;
        var metrics = runs.Select(_ => new List<MetricValue>()).ToArray();
        var fiscal = runs.Select(_ => new List<JurisdictionFiscal>()).ToArray();
        var solver = runs.Select(_ => new List<SolverReport>()).ToArray();
        var moneyPerUtil = new double[households.Count];
        var quintile = new int[households.Count];

        for (int t = 0; t < scenario.Years; t++)
        {
            var year = new YearConditions(scenario, t);                                  // growth
            var reports = new SolverReport[runs.Length];
            for (int k = 0; k < runs.Length; k++)
            {
                var s = runs[k].State;
                reports[k] = DecisionSolver.Solve(s, year, options.Threads);             // (equalization,) decisions, production
                ComputeUtilities(s, options.Threads);                                    // utilities
                relocation.Relocate(s, year);                                            // relocation
            }
            var baseline = runs[baselineIndex].State;
            for (int h = 0; h < households.Count; h++)
                moneyPerUtil[h] = Welfare.Utility.MoneyPerUtil(scenario.Utility, households.PublicShare[h], baseline.Income[h], baseline.Housing[h]);
            IncomeQuintiles(baseline, quintile);
            var planner = PlannerOptimum.Solve(baseline, year, moneyPerUtil);
            var shared = new MetricsRecorder.Shared(baseline, moneyPerUtil, quintile, planner);
            for (int k = 0; k < runs.Length; k++)                                        // metrics
            {
                runs[k].Recorder.Record(year, reports[k], shared, metrics[k], fiscal[k]);
                solver[k].Add(reports[k]);
            }
        }

        var structures = runs.Select((r, k) => new StructureRun(r.Structure.Id, r.Structure.Kind, metrics[k], fiscal[k], solver[k])).ToList();
        return new ReplicationResult(replication, seed, structures);
    }

    private sealed record StructureRunState(Structure Structure, StructureState State, MetricsRecorder Recorder);

    private static StructureRunState[] CreateStructures(Scenario scenario, ulong seed, int threads, out int baselineIndex)
    {
        var households = HouseholdGenerator.Generate(scenario.Region, scenario.Households, scenario.Goods, seed, threads,
            capPublicShare: scenario.Utility.Consumption == ConsumptionForm.Log);
        var goodKernels = scenario.Goods.Select(g => new SpilloverKernel(scenario.Region, g.Spillover)).ToList();
        var badKernels = scenario.Bads.Select(b => new SpilloverKernel(scenario.Region, b.Spillover)).ToList();
        var population = new double[scenario.Region.Count];
        for (int i = 0; i < population.Length; i++)
            for (int h = households.Start[i]; h < households.Start[i + 1]; h++)
                population[i] += households.Weight[h] * households.Persons[h];

        var runs = scenario.Structures.Select(structure =>
        {
            var map = StructureBuilder.Build(structure, scenario.Region, scenario.Goods, population);
            var state = new StructureState(scenario, map, households, goodKernels, badKernels);
            ServiceDelivery.Prepare(state);
            return new StructureRunState(structure, state, new MetricsRecorder(state));
        }).ToArray();
        baselineIndex = Math.Max(0, Array.FindIndex(runs, r => r.Structure.Id == scenario.Baseline));
        return runs;
    }

    private static void ComputeUtilities(StructureState s, int threads)
    {
        var hh = s.Households;
        Parallel.For(0, s.N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads }, i =>
        {
            for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
            {
                s.ServiceUtility[h] = Welfare.Utility.ServiceTerms(s, h);
                s.Utility[h] = Welfare.Utility.Of(s.Scenario.Utility, hh.PublicShare[h], s.Income[h], s.Consumption[h], s.ServiceUtility[h]);
            }
        });
    }

    /// <summary>Assigns each household its income quintile (0–4) by household-weighted income rank.</summary>
    private static void IncomeQuintiles(StructureState s, int[] quintile)
    {
        var hh = s.Households;
        var order = Enumerable.Range(0, hh.Count).ToArray();
        var incomes = (double[])s.Income.Clone();
        Array.Sort(incomes, order);
        double total = hh.Weight.Sum(), acc = 0;
        foreach (int h in order)
        {
            double mid = acc + hh.Weight[h] / 2;
            quintile[h] = Math.Min(4, (int)(5 * mid / total));
            acc += hh.Weight[h];
        }
    }
}
