using PolySim.Core.Decisions;
using PolySim.Core.Randomness;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// A solved alternative structure a vote compares with the status quo (MODEL.md section 7), and where each status-quo
/// household is in it: the same index when households vote at their current locations, or, after re-sorting, the entry with
/// the same <see cref="Households.Households.Id"/> (agents: the same agent).
/// </summary>
/// <param name="State">The solved alternative, utilities computed.</param>
/// <param name="Index">Index in <paramref name="State"/> of each status-quo household, or null for the same index.</param>
public sealed record Alternative(StructureState State, int[]? Index)
{
    private const ulong ResortPurpose = 0x5245534F52545321UL; // "RESORTS!"

    /// <summary>Index in the alternative of status-quo household <paramref name="h"/>.</summary>
    public int At(int h) => Index is null ? h : Index[h];

    /// <summary>Each status-quo household's equivalent variation of the alternative (§2.9), $.</summary>
    public double[] Gains(StructureState s)
    {
        var hh = s.Households;
        var gain = new double[hh.Count];
        for (int h = 0; h < hh.Count; h++)
            gain[h] = Welfare.Utility.EquivalentVariation(s.Scenario.Utility, hh.PublicShare[h], s.Income[h], s.Consumption[h], s.Utility[h], State.Utility[At(h)]);
        return gain;
    }

    /// <summary>
    /// The alternative after its households re-sort under it: a copy of the households relocates for
    /// <paramref name="rounds"/> rounds of the scenario's Tiebout sorting (seeded by the vote's stream), each followed by
    /// the decision fixed point, so policies and locations adjust together. Agents only (each keeps its id).
    /// </summary>
    public static Alternative Resorted(StructureState alt, int rounds, YearConditions year, int threads, ulong seed, int stream)
    {
        var settings = alt.Scenario.Sorting ?? throw new InvalidOperationException("Re-sorting before a vote needs the scenario's sorting settings.");
        if (alt.Scenario.Households.Mode != Households.HouseholdMode.Agents)
            throw new InvalidOperationException("Re-sorting before a vote compares each agent with itself; weighted types share ids across neighborhoods.");
        var moved = MapDraft.Carry(alt, alt.Map, alt.Households.Clone());
        Array.Copy(alt.Level, moved.Level, alt.Level.Length);
        moved.Obligations.AddRange(alt.Obligations);
        DecisionSolver.Solve(moved, year, threads);
        Simulator.ComputeUtilities(moved, threads);
        var sorting = new TieboutSorting(moved, settings, SeedDerivation.Derive(seed, ResortPurpose, (ulong)stream));
        for (int round = 0; round < rounds; round++)
        {
            sorting.Relocate(year, round, threads);
            DecisionSolver.Solve(moved, year, threads);
            Simulator.ComputeUtilities(moved, threads);
        }
        var hh = moved.Households;
        var byId = new Dictionary<int, int>(hh.Count);
        for (int k = 0; k < hh.Count; k++) byId[hh.Id[k]] = k;
        var index = new int[hh.Count];
        for (int h = 0; h < index.Length; h++) index[h] = byId[alt.Households.Id[h]];
        return new Alternative(moved, index);
    }
}
