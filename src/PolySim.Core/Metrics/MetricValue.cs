namespace PolySim.Core.Metrics;

/// <summary>One observation: a metric of an entity ("region", a jurisdiction id, "quintile-3", ...) in a year.</summary>
public readonly record struct MetricValue(int Year, string Entity, string Metric, double Value);
