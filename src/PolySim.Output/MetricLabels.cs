using PolySim.Core.Metrics;

namespace PolySim.Output;

/// <summary>Display labels of metrics for tables and charts.</summary>
public static class MetricLabels
{
    /// <summary>
    /// Short label: the criterion for a headline metric ("efficiency", "equality (service gini)",
    /// "accountability (congruence)", "welfare (EV vs baseline)"), else the metric name.
    /// </summary>
    public static string Short(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Name == MetricCatalog.ServiceGini.Name) return "equality (service gini)";
        if (metric.Name == MetricCatalog.Congruence.Name) return "accountability (congruence)";
        if (metric.Name == MetricCatalog.EquivalentVariation.Name) return "welfare (EV vs baseline)";
        if (metric.Name == MetricCatalog.AreaGain.Name) return "welfare of the area's group (EV vs baseline)";
        if (metric.Name == MetricCatalog.Efficiency.Name) return "efficiency";
        if (metric.Name == MetricCatalog.Effectiveness.Name) return "effectiveness";
        if (metric.Name == MetricCatalog.Equity.Name) return "equity";
        return metric.Name;
    }

    /// <summary>"higher", "lower" or "neutral" from <see cref="Metric.HigherIsBetter"/>.</summary>
    public static string Better(Metric metric) => metric.HigherIsBetter switch
    {
        true => "higher",
        false => "lower",
        null => "neutral",
    };

    /// <summary>
    /// The catalog entry for <paramref name="name"/>, or a neutral stand-in for per-good and unknown metrics
    /// ("level:water" has unit "level", "unit_cost:water" "$ per unit level per resident").
    /// </summary>
    public static Metric Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (MetricCatalog.Find(name) is { } m) return m;
        if (name.StartsWith(MetricCatalog.LevelPrefix, StringComparison.Ordinal))
            return new Metric(name, Criterion.State, "level", null, $"service level of {name[MetricCatalog.LevelPrefix.Length..]}");
        if (name.StartsWith(MetricCatalog.UnitCostPrefix, StringComparison.Ordinal))
            return new Metric(name, Criterion.State, "$ per unit level per resident", null, $"unit cost of {name[MetricCatalog.UnitCostPrefix.Length..]}");
        return new Metric(name, Criterion.State, "", null, name);
    }

    /// <summary>A file-name-safe slug of a metric name: lower case, anything but [a-z0-9] becomes '-'.</summary>
    public static string Slug(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var chars = name.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }
}
