namespace PolySim.Output;

/// <summary>A metric of an entity in a year of one structure, summarized across replications.</summary>
/// <param name="Structure">Structure id.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Entity">Entity ("region", a jurisdiction id, ...).</param>
/// <param name="Metric">Metric name.</param>
/// <param name="N">Replications with a finite value.</param>
/// <param name="Mean">Mean over those replications (NaN when <paramref name="N"/> = 0).</param>
/// <param name="StdDev">Sample standard deviation (null when <paramref name="N"/> &lt; 2).</param>
/// <param name="HalfWidth">Half-width of the 95% Student t interval, t(0.975; n−1)·sd/√n; 0 when n = 1, NaN when n = 0.</param>
public sealed record MetricSummary(string Structure, int Year, string Entity, string Metric, int N, double Mean, double? StdDev, double HalfWidth)
{
    /// <summary>True when at least one replication gave a finite value.</summary>
    public bool HasValue => N > 0;

    /// <summary>True when there is an interval (n ≥ 2).</summary>
    public bool HasInterval => N > 1;

    /// <summary>Lower end of the 95% interval (the mean when n = 1).</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>Upper end of the 95% interval (the mean when n = 1).</summary>
    public double High => Mean + HalfWidth;

    /// <summary>What the interval columns mean: "t95", "n=1" or "none".</summary>
    public string IntervalKind => N switch { 0 => "none", 1 => "n=1", _ => "t95" };
}
