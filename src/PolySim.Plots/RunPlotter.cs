using PolySim.Core.Metrics;
using PolySim.Output;

namespace PolySim.Plots;

/// <summary>Writes every standard chart of a run into <c>{folder}/plots/</c>.</summary>
public static class RunPlotter
{
    /// <summary>Name of the charts' subfolder.</summary>
    public const string FolderName = "plots";

    /// <summary>
    /// For each headline metric and each of <paramref name="extraMetrics"/> that has data for <paramref name="entity"/>:
    /// <c>criterion-{metric}.png/.svg</c> (bars, final year) and <c>timeseries-{metric}.png/.svg</c> (lines over years),
    /// where {metric} is <see cref="MetricLabels.Slug"/> of the metric name (criterion-efficiency.png,
    /// timeseries-equality-service-gini.svg, ...). Metrics without data are skipped.
    /// </summary>
    /// <param name="summary">The run summary.</param>
    /// <param name="folder">Output folder; charts go to its <c>plots/</c> subfolder (created if needed).</param>
    /// <param name="extraMetrics">More metric names to chart, e.g. "tax_rate" or "level:water".</param>
    /// <param name="entity">Entity; the region by default.</param>
    /// <returns>The files written, relative to <paramref name="folder"/> with '/' separators, in writing order.</returns>
    public static IReadOnlyList<string> WriteAll(RunSummary summary, string folder, IEnumerable<string>? extraMetrics = null,
        string entity = RunSummary.RegionEntity)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var names = MetricCatalog.Headline.Select(m => m.Name).Concat(extraMetrics ?? []).Distinct(StringComparer.Ordinal);
        string dir = Path.Combine(folder, FolderName);
        Directory.CreateDirectory(dir);

        var files = new List<string>();
        foreach (var name in names)
        {
            if (!summary.Has(entity, name)) continue;
            var metric = MetricLabels.Resolve(name);
            string slug = MetricLabels.Slug(name);
            CriterionChart.Save(summary, metric, Path.Combine(dir, "criterion-" + slug), entity);
            files.Add($"{FolderName}/criterion-{slug}.png");
            files.Add($"{FolderName}/criterion-{slug}.svg");
            TimeSeriesChart.Save(summary, metric, Path.Combine(dir, "timeseries-" + slug), entity);
            files.Add($"{FolderName}/timeseries-{slug}.png");
            files.Add($"{FolderName}/timeseries-{slug}.svg");
        }
        return files;
    }

    /// <summary>
    /// For each referendum area: <c>area-{area}.png/.svg</c>, <c>area-{area}-remainder...</c> and
    /// <c>area-{area}-remainder-low-income...</c>, bars of <c>area_ev_per_household</c> by structure in the final year: the
    /// same area (and the rest of the region, and its poorest fifth) under every structure. Entities without data are skipped.
    /// </summary>
    /// <returns>The files written, relative to <paramref name="folder"/>.</returns>
    public static IReadOnlyList<string> WriteAreas(RunSummary summary, string folder, IEnumerable<string> areas)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(areas);
        string dir = Path.Combine(folder, FolderName);
        Directory.CreateDirectory(dir);
        var metric = MetricCatalog.AreaGain;
        var files = new List<string>();
        foreach (var area in areas.Distinct(StringComparer.Ordinal))
            foreach (var entity in new[] { $"area:{area}", $"area:{area}:remainder", $"area:{area}:remainder_low_income" })
            {
                if (!summary.Has(entity, metric.Name)) continue;
                string slug = MetricLabels.Slug(entity);
                CriterionChart.Save(summary, metric, Path.Combine(dir, slug), entity);
                files.Add($"{FolderName}/{slug}.png");
                files.Add($"{FolderName}/{slug}.svg");
            }
        return files;
    }
}
