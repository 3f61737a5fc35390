using PolySim.Core.Decisions;
using PolySim.Core.Randomness;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// A solved alternative structure a vote compares with the status quo (MODEL.md section 7), seen from each status-quo
/// household: its utility, taxes and service utility under the alternative, at its current location or, after re-sorting,
/// as the agent with the same <see cref="Households.Households.Id"/>.
/// </summary>
/// <param name="Utility">Utility under the alternative of each status-quo household.</param>
/// <param name="Tax">Taxes under the alternative of each status-quo household.</param>
/// <param name="ServiceUtility">Service utility under the alternative of each status-quo household.</param>
public sealed record Alternative(double[] Utility, double[] Tax, double[] ServiceUtility)
{
    private const ulong ResortPurpose = 0x5245534F52545321UL; // "RESORTS!"

    /// <summary>Solved alternative <paramref name="alt"/> with every household where it lives now.</summary>
    public static Alternative AtCurrentLocations(StructureState alt) => new(alt.Utility, alt.Tax, alt.ServiceUtility);

    /// <summary>Each status-quo household's equivalent variation of the alternative (§2.9), $.</summary>
    public double[] Gains(StructureState s)
    {
        var hh = s.Households;
        var gain = new double[hh.Count];
        for (int h = 0; h < hh.Count; h++)
            gain[h] = Welfare.Utility.EquivalentVariation(s.Scenario.Utility, hh.PublicShare[h], s.Income[h], s.Consumption[h], s.Utility[h], Utility[h]);
        return gain;
    }

    /// <summary>
    /// The alternative after its households re-sort under it: a copy of the households relocates for
    /// <paramref name="rounds"/> rounds of the scenario's Tiebout sorting (seeded by the vote's stream), each followed by
    /// the decision fixed point, so policies and locations adjust together. Agents only (each keeps its id); an agent no
    /// longer in the copy is seen at its current location.
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
        // Re-sorting within the region: who lives where under the alternative, not who would come or go.
        var sorting = new TieboutSorting(moved, settings with { Migration = null }, SeedDerivation.Derive(seed, ResortPurpose, (ulong)stream));
        for (int round = 0; round < rounds; round++)
        {
            sorting.Relocate(year, round, threads);
            DecisionSolver.Solve(moved, year, threads);
            Simulator.ComputeUtilities(moved, threads);
        }
        var hh = moved.Households;
        var byId = new Dictionary<int, int>(hh.Count);
        for (int k = 0; k < hh.Count; k++) byId[hh.Id[k]] = k;
        int n = alt.Households.Count;
        var utility = (double[])alt.Utility.Clone();
        var tax = (double[])alt.Tax.Clone();
        var services = (double[])alt.ServiceUtility.Clone();
        for (int h = 0; h < n; h++)
        {
            if (!byId.TryGetValue(alt.Households.Id[h], out int k)) continue;
            utility[h] = moved.Utility[k];
            tax[h] = moved.Tax[k];
            services[h] = moved.ServiceUtility[k];
        }
        return new Alternative(utility, tax, services);
    }
}
