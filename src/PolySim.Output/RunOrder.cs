using PolySim.Core.Simulation;

namespace PolySim.Output;

/// <summary>The canonical order of a run's parts in every output: replications by index, structures as listed in the
/// scenario (structures the scenario does not list follow in the engine's order), rows as the engine produced them.</summary>
internal static class RunOrder
{
    public static IEnumerable<ReplicationResult> Replications(RunResult result) =>
        result.Replications.OrderBy(r => r.Replication); // OrderBy is stable: equal indexes keep the engine's order

    public static IEnumerable<StructureRun> Structures(RunResult result, ReplicationResult replication)
    {
        var rank = StructureRank(result.Scenario);
        return replication.Structures.OrderBy(s => rank.GetValueOrDefault(s.StructureId, int.MaxValue));
    }

    public static Dictionary<string, int> StructureRank(Scenario scenario)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < scenario.Structures.Count; i++) rank.TryAdd(scenario.Structures[i].Id, i);
        return rank;
    }

    /// <summary>Structure ids in output order: the scenario's, then any others in order of first appearance.</summary>
    public static IReadOnlyList<string> StructureIds(RunResult result)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in result.Scenario.Structures)
            if (seen.Add(s.Id)) ids.Add(s.Id);
        foreach (var rep in Replications(result))
            foreach (var s in rep.Structures)
                if (seen.Add(s.StructureId)) ids.Add(s.StructureId);
        return ids;
    }

    /// <summary>The run label: <paramref name="run"/> if given, else the scenario name.</summary>
    public static string RunLabel(RunResult result, string? run) =>
        string.IsNullOrEmpty(run) ? result.Scenario.Name : run;
}
