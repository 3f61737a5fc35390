namespace PolySim.Output;

/// <summary>
/// All metrics of a run summarized across replications (<see cref="MetricSummary"/> per structure × year × entity ×
/// metric), with lookups for tables and charts.
/// </summary>
public sealed class RunSummary
{
    /// <summary>The entity that stands for the whole metro region.</summary>
    public const string RegionEntity = "region";

    private readonly Dictionary<(string Structure, int Year, string Entity, string Metric), MetricSummary> _index;
    private readonly Dictionary<(string Structure, string Entity, string Metric), MetricSummary[]> _series;

    /// <summary>Creates a summary from rows (normally made by <see cref="SummaryBuilder.Build"/>).</summary>
    /// <param name="run">Run label.</param>
    /// <param name="baseline">Baseline structure id (welfare EV is measured against it).</param>
    /// <param name="structures">Structure ids in display order; structures of <paramref name="rows"/> not listed are appended.</param>
    /// <param name="replications">Number of replications.</param>
    /// <param name="rows">One row per structure × year × entity × metric (duplicates are rejected).</param>
    public RunSummary(string run, string baseline, IReadOnlyList<string> structures, int replications, IReadOnlyList<MetricSummary> rows)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(structures);
        ArgumentNullException.ThrowIfNull(rows);
        Run = run;
        Baseline = baseline;
        Replications = replications;
        Rows = rows;

        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in structures) if (seen.Add(s)) order.Add(s);
        foreach (var r in rows) if (seen.Add(r.Structure)) order.Add(r.Structure);
        Structures = order;

        _index = new(rows.Count);
        foreach (var r in rows)
            if (!_index.TryAdd((r.Structure, r.Year, r.Entity, r.Metric), r))
                throw new ArgumentException($"Duplicate summary row: {r.Structure}, {r.Year}, {r.Entity}, {r.Metric}.", nameof(rows));
        _series = rows.GroupBy(r => (r.Structure, r.Entity, r.Metric))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Year).ToArray());

        Years = rows.Select(r => r.Year).Distinct().Order().ToArray();
        Metrics = rows.Select(r => r.Metric).Distinct(StringComparer.Ordinal).ToArray();
        Entities = rows.Select(r => r.Entity).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Run label (scenario name or run id).</summary>
    public string Run { get; }

    /// <summary>Baseline structure id.</summary>
    public string Baseline { get; }

    /// <summary>Structure ids in display order (the scenario's order).</summary>
    public IReadOnlyList<string> Structures { get; }

    /// <summary>Number of replications summarized.</summary>
    public int Replications { get; }

    /// <summary>All rows, in file order: structure, then first appearance in the engine's output.</summary>
    public IReadOnlyList<MetricSummary> Rows { get; }

    /// <summary>Distinct years, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Last year present (0 when there are no rows).</summary>
    public int FinalYear => Years.Count == 0 ? 0 : Years[^1];

    /// <summary>Distinct metric names in order of first appearance.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Distinct entities in order of first appearance.</summary>
    public IReadOnlyList<string> Entities { get; }

    /// <summary>The summary of one cell, or null if the run has none.</summary>
    public MetricSummary? Find(string structure, int year, string entity, string metric) =>
        _index.GetValueOrDefault((structure, year, entity, metric));

    /// <summary>One structure's values of a metric for an entity over the years, ascending (empty if none).</summary>
    public IReadOnlyList<MetricSummary> Series(string structure, string entity, string metric) =>
        _series.TryGetValue((structure, entity, metric), out var s) ? s : [];

    /// <summary>True if any structure has a value of <paramref name="metric"/> for <paramref name="entity"/>.</summary>
    public bool Has(string entity, string metric) =>
        Structures.Any(s => Series(s, entity, metric).Any(r => r.HasValue));
}
