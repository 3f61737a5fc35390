using PolySim.Core.Simulation;

namespace PolySim.Output;

/// <summary>
/// Writes every metric of a run as tidy long CSV (<c>metrics.csv</c>): columns run, replication, structure, year,
/// entity, metric, value; one row per observation.
/// </summary>
/// <remarks>Rows are ordered by replication, then structure as listed in the scenario, then as the engine produced them.
/// Numbers are invariant-culture, doubles shortest round-trip, NaN and infinities empty fields; LF line ends; UTF-8
/// without BOM. The same <see cref="RunResult"/> always gives the same bytes.</remarks>
public static class TidyMetricsWriter
{
    /// <summary>Conventional file name.</summary>
    public const string FileName = "metrics.csv";

    /// <summary>The rows, in file order.</summary>
    /// <param name="result">The run.</param>
    /// <param name="run">Run label; null or empty for the scenario name.</param>
    public static IEnumerable<MetricRow> Rows(RunResult result, string? run = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        string label = RunOrder.RunLabel(result, run);
        foreach (var rep in RunOrder.Replications(result))
            foreach (var s in RunOrder.Structures(result, rep))
                foreach (var m in s.Metrics)
                    yield return new MetricRow(label, rep.Replication, s.StructureId, m.Year, m.Entity, m.Metric, Csv.Finite(m.Value));
    }

    /// <summary>Writes (or overwrites) the file at <paramref name="path"/>.</summary>
    public static void Write(RunResult result, string path, string? run = null) => Csv.WriteFile(path, Rows(result, run));

    /// <summary>Writes to <paramref name="stream"/> from its current position, leaving it open.</summary>
    public static void Write(RunResult result, Stream stream, string? run = null) => Csv.WriteStream(stream, Rows(result, run));
}
