using PolySim.Core.Simulation;

namespace PolySim.Output;

/// <summary>
/// Writes <c>flows.csv</c> (Tiebout sorting): one row per replication × structure × year × pair of lowest-tier
/// jurisdictions between which households moved. Same conventions and order as <see cref="TidyMetricsWriter"/>.
/// </summary>
public static class FlowWriter
{
    /// <summary>Conventional file name.</summary>
    public const string FileName = "flows.csv";

    /// <summary>Whether any structure of the run sorted households (and so has flows to write).</summary>
    public static bool HasFlows(RunResult result) =>
        result.Replications.Any(r => r.Structures.Any(s => s.Flows is not null));

    /// <summary>The rows, in file order.</summary>
    public static IEnumerable<FlowRow> Rows(RunResult result, string? run = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        string label = RunOrder.RunLabel(result, run);
        foreach (var rep in RunOrder.Replications(result))
            foreach (var s in RunOrder.Structures(result, rep))
                foreach (var f in s.Flows ?? [])
                    yield return new FlowRow(label, rep.Replication, s.StructureId, f.Year, f.From, f.To, Csv.Finite(f.Households));
    }

    /// <summary>Writes (or overwrites) the file at <paramref name="path"/>.</summary>
    public static void Write(RunResult result, string path, string? run = null) => Csv.WriteFile(path, Rows(result, run));
}
