using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// One year's secession election in one structure (MODEL.md section 7): the scenario's scheduled referenda of the year
/// and the endogenous mode's candidates, each evaluated against the same status quo; the separations that take effect
/// are applied together.
/// </summary>
public static class Election
{
    /// <summary>Ballot streams of endogenous votes start here, per year (after any realistic number of scheduled referenda).</summary>
    private const int EndogenousStreams = 100_003;

    /// <summary>
    /// Holds the election on state <paramref name="s"/>; appends every result to <paramref name="results"/>. Returns the
    /// state after the separations that took effect and its solver report, or null if nothing changes.
    /// </summary>
    public static (StructureState State, SolverReport Report)? Hold(StructureState s, Scenario scenario, YearConditions year, int threads,
        ulong seed, List<ReferendumResult> results)
    {
        var scheduled = scenario.Referenda ?? [];
        var referenda = scheduled.Concat(scenario.Endogenous?.Referenda(s, year.Year) ?? []).ToList();
        var separations = new List<(Referendum, int, double)>();
        for (int r = 0; r < referenda.Count; r++)
        {
            var referendum = referenda[r];
            if (referendum.Year != year.Year) continue;
            if (referendum.Structures is { } ids && !ids.Contains(s.Map.Structure.Id)) continue;
            // Scheduled referenda keep their scenario index as ballot stream; endogenous ones are numbered per year.
            int stream = r < scheduled.Count ? r : scheduled.Count + (year.Index + 1) * EndogenousStreams + (r - scheduled.Count);
            var outcome = ReferendumEvaluator.Hold(s, referendum, stream, year, threads, seed);
            if (outcome.Result.Status == ReferendumStatus.NotApplicable && referendum.Structures is null) continue;
            results.Add(outcome.Result);
            if (outcome.Result.TookEffect) separations.Add((referendum, outcome.City, outcome.Basis));
        }
        return separations.Count == 0 ? null : ReferendumEvaluator.Separate(s, separations, year, threads);
    }
}
