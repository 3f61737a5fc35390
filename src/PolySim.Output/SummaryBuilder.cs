using PolySim.Core.Simulation;

namespace PolySim.Output;

/// <summary>
/// Summarizes a run across replications: per structure × year × entity × metric, n, mean, sample sd and the 95%
/// interval mean ± t(0.975; n−1)·sd/√n (<see cref="ConfidenceInterval"/>); written as <c>summary.csv</c>.
/// </summary>
public static class SummaryBuilder
{
    /// <summary>Conventional file name.</summary>
    public const string FileName = "summary.csv";

    /// <summary>Builds the in-memory summary.</summary>
    /// <param name="result">The run.</param>
    /// <param name="run">Run label; null or empty for the scenario name.</param>
    /// <remarks>Row order: structures as in the scenario, then each (year, entity, metric) in order of first appearance
    /// over replications in index order. Non-finite values are left out of n.</remarks>
    /// <exception cref="InvalidOperationException">A structure reports the same (year, entity, metric) twice in one replication.</exception>
    public static RunSummary Build(RunResult result, string? run = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var structures = RunOrder.StructureIds(result);
        var perStructure = structures.ToDictionary(s => s, _ => new List<(int Year, string Entity, string Metric)>(), StringComparer.Ordinal);
        var values = new Dictionary<(string, int, string, string), List<double>>();
        var lastReplication = new Dictionary<(string, int, string, string), int>();

        int ordinal = 0; // position of the replication in canonical order, so duplicate indexes are caught too
        foreach (var rep in RunOrder.Replications(result))
        {
            foreach (var s in RunOrder.Structures(result, rep))
                foreach (var m in s.Metrics)
                {
                    var key = (s.StructureId, m.Year, m.Entity, m.Metric);
                    if (!values.TryGetValue(key, out var list))
                    {
                        values[key] = list = [];
                        perStructure[s.StructureId].Add((m.Year, m.Entity, m.Metric));
                    }
                    else if (lastReplication[key] == ordinal)
                    {
                        throw new InvalidOperationException(
                            $"Replication {rep.Replication} reports {m.Metric} of {m.Entity} in {m.Year} twice for structure {s.StructureId}; "
                            + "a summary would count the duplicate as another replication.");
                    }
                    lastReplication[key] = ordinal;
                    list.Add(m.Value);
                }
            ordinal++;
        }

        var rows = new List<MetricSummary>(values.Count);
        foreach (var structure in structures)
            foreach (var (year, entity, metric) in perStructure[structure])
            {
                var (n, mean, sd, half) = ConfidenceInterval.Of(values[(structure, year, entity, metric)]);
                rows.Add(new MetricSummary(structure, year, entity, metric, n, mean, sd, half));
            }

        return new RunSummary(RunOrder.RunLabel(result, run), result.Scenario.Baseline, structures, result.Replications.Count, rows);
    }

    /// <summary>The CSV rows of <paramref name="summary"/>, in order.</summary>
    public static IEnumerable<SummaryRow> Rows(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var r in summary.Rows)
            yield return new SummaryRow(summary.Run, r.Structure, r.Year, r.Entity, r.Metric, r.N,
                Csv.Finite(r.Mean), r.StdDev is { } sd ? Csv.Finite(sd) : null,
                Csv.Finite(r.Low), Csv.Finite(r.High), Csv.Finite(r.HalfWidth), r.IntervalKind);
    }

    /// <summary>Writes (or overwrites) <c>summary.csv</c> at <paramref name="path"/>.</summary>
    public static void Write(RunSummary summary, string path) => Csv.WriteFile(path, Rows(summary));

    /// <summary>Writes to <paramref name="stream"/> from its current position, leaving it open.</summary>
    public static void Write(RunSummary summary, Stream stream) => Csv.WriteStream(stream, Rows(summary));
}
