using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Metrics;
using PolySim.Core.Randomness;
using PolySim.Core.Relocation;
using PolySim.Core.Services;
using PolySim.Core.Welfare;

namespace PolySim.Core.Simulation;

/// <summary>
/// Runs a scenario: every replication (seeds derived from the master seed), each a <see cref="RegionSimulation"/>
/// stepped to the horizon.
/// </summary>
public static class Simulator
{
    private const ulong ReplicationPurpose = 0x5245504C49434154UL; // "REPLICAT"

    /// <summary>Seed of replication <paramref name="replication"/> under <paramref name="master"/>.</summary>
    public static ulong ReplicationSeed(ulong master, int replication) => SeedDerivation.Derive(master, ReplicationPurpose, (ulong)replication);

    /// <summary>Runs every replication of <paramref name="scenario"/>.</summary>
    public static RunResult Run(Scenario scenario, RunOptions options)
    {
        var replications = new List<ReplicationResult>(scenario.Replications);
        for (int r = 0; r < scenario.Replications; r++)
            replications.Add(RunReplication(scenario, r, options));
        return new RunResult(scenario, replications);
    }

    /// <summary>Runs one replication (all structures).</summary>
    public static ReplicationResult RunReplication(Scenario scenario, int replication, RunOptions options)
    {
        var simulation = new RegionSimulation(scenario, replication, options);
        while (simulation.Step()) { }
        return simulation.Result();
    }

    internal sealed record StructureRunState(Structure Structure, StructureState State, MetricsRecorder Recorder);

    internal static StructureRunState[] CreateStructures(Scenario scenario, ulong seed, int threads, out int baselineIndex)
    {
        bool sorting = scenario.Sorting is not null;
        var migration = scenario.Sorting?.Migration;
        var households = HouseholdGenerator.Generate(scenario.Region, scenario.Households, scenario.Goods, seed, threads,
            capPublicShare: scenario.Utility.Consumption == ConsumptionForm.Log, everyTypeEverywhere: sorting,
            outsidePool: migration?.OutsidePool ?? 0, unborn: migration is null ? 0 : OutsideOption.UnbornShare(migration, scenario.Years));
        var goodKernels = scenario.Goods.Select(g => new SpilloverKernel(scenario.Region, g.Spillover)).ToList();
        var badKernels = scenario.Bads.Select(b => new SpilloverKernel(scenario.Region, b.Spillover)).ToList();
        var population = new double[scenario.Region.Count];
        for (int i = 0; i < population.Length; i++)
            for (int h = households.Start[i]; h < households.Start[i + 1]; h++)
                population[i] += households.Weight[h] * households.Persons[h];

        var runs = scenario.Structures.Select((structure, k) =>
        {
            var map = StructureBuilder.Build(structure, scenario.Region, scenario.Goods, population);
            // With sorting, households end up in different places under different structures: each sorts its own copy.
            var state = new StructureState(scenario, map, sorting && k > 0 ? households.Clone() : households, goodKernels, badKernels);
            ServiceDelivery.Prepare(state);
            return new StructureRunState(structure, state, new MetricsRecorder(state, threads));
        }).ToArray();
        baselineIndex = Math.Max(0, Array.FindIndex(runs, r => r.Structure.Id == scenario.Baseline));
        return runs;
    }

    internal static void ComputeUtilities(StructureState s, int threads)
    {
        Parallel.For(0, s.N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads }, i =>
            Welfare.Utility.OfNeighborhood(s, i, stackalloc Welfare.Utility.BenefitTerm[s.G]));
    }

    /// <summary>Assigns each household identity its income quintile (0–4) by household-weighted income rank.</summary>
    internal static void IncomeQuintiles(StructureState s, int[] quintile)
    {
        var hh = s.Households;
        var order = Enumerable.Range(0, hh.Count).ToArray();
        var incomes = (double[])s.Income.Clone();
        Array.Sort(incomes, order);
        double total = hh.Weight.Sum(), acc = 0;
        foreach (int h in order)
        {
            double mid = acc + hh.Weight[h] / 2;
            quintile[hh.Id[h]] = Math.Min(4, (int)(5 * mid / total));
            acc += hh.Weight[h];
        }
    }
}
