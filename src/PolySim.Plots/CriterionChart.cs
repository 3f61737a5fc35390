using System.Globalization;
using PolySim.Core.Metrics;
using PolySim.Output;
using ScottPlot;

namespace PolySim.Plots;

/// <summary>
/// A bar chart comparing structures on one metric for one entity in one year (the region in the final year by default),
/// with 95% interval error bars and "mean ± half-width" labels when replicated.
/// </summary>
public static class CriterionChart
{
    /// <summary>Builds the chart.</summary>
    /// <param name="summary">The run summary.</param>
    /// <param name="metric">The metric (catalog entry or <see cref="MetricLabels.Resolve"/>).</param>
    /// <param name="entity">Entity; the region by default.</param>
    /// <param name="year">Year; null for the final year.</param>
    public static Plot Create(RunSummary summary, Metric metric, string entity = RunSummary.RegionEntity, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(metric);
        int y = year ?? summary.FinalYear;
        var plot = new Plot();

        var bars = new List<Bar>();
        var positions = new double[summary.Structures.Count];
        var names = new string[summary.Structures.Count];
        var labels = new List<(double X, double Y, bool Below, string Text)>();
        double magnitude = summary.Structures.Select(id => summary.Find(id, y, entity, metric.Name))
            .Where(s => s is { HasValue: true }).Select(s => Math.Abs(s!.Mean)).DefaultIfEmpty(0).Max();
        double lo = 0, hi = 0;
        for (int i = 0; i < summary.Structures.Count; i++)
        {
            string id = summary.Structures[i];
            positions[i] = i;
            names[i] = ChartStyle.TickLabel(id == summary.Baseline ? id + " *" : id);
            var s = summary.Find(id, y, entity, metric.Name);
            if (s is null || !s.HasValue)
            {
                labels.Add((i, 0, false, "n/a"));
                continue;
            }
            double err = s.HasInterval && double.IsFinite(s.HalfWidth) ? s.HalfWidth : 0;
            bars.Add(new Bar
            {
                Position = i,
                Value = s.Mean,
                Error = err,
                FillColor = ChartStyle.StructureColor(i),
                Size = 0.6,
                ErrorSize = 0.15,
                LineWidth = 1.5f,
            });
            bool below = s.Mean < 0;
            labels.Add((i, below ? s.Mean - err : s.Mean + err, below, ComparisonTable.Cell(s, magnitude)));
            lo = Math.Min(lo, s.Mean - err);
            hi = Math.Max(hi, s.Mean + err);
        }

        if (bars.Count > 0) plot.Add.Bars(bars);
        foreach (var (x, yv, below, text) in labels)
        {
            var t = plot.Add.Text(text, x, yv);
            t.LabelFontSize = 13;
            t.LabelFontName = ChartStyle.FontName;
            t.Alignment = below ? Alignment.UpperCenter : Alignment.LowerCenter;
            t.OffsetY = below ? 4 : -4;
        }
        if (lo < 0) plot.Add.HorizontalLine(0, 1, Colors.Black);

        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();

        // Room for the value labels: 15% of the data range beyond the outermost bar end on each side that has bars.
        double span = Math.Max(hi - lo, Math.Max(Math.Abs(hi), Math.Abs(lo)));
        if (span == 0) span = 1;
        plot.Axes.SetLimits(-0.6, summary.Structures.Count - 0.4, lo < 0 ? lo - 0.15 * span : 0, hi > 0 ? hi + 0.15 * span : 0.15 * span);

        string subtitle = string.Create(CultureInfo.InvariantCulture, $"{entity}, {y}; ")
            + (summary.Replications > 1
                ? string.Create(CultureInfo.InvariantCulture, $"mean and 95% interval over {summary.Replications} replications")
                : "single replication")
            + (summary.Structures.Contains(summary.Baseline) ? "; * baseline" : "");
        ChartStyle.Apply(plot, metric, subtitle);
        return plot;
    }

    /// <summary>Builds the chart and saves it as <c>{basePath}.png</c> and <c>{basePath}.svg</c>; returns both full paths.</summary>
    public static IReadOnlyList<string> Save(RunSummary summary, Metric metric, string basePath, string entity = RunSummary.RegionEntity,
        int? year = null, int width = ChartStyle.Width, int height = ChartStyle.Height)
    {
        var plot = Create(summary, metric, entity, year);
        return ChartStyle.SavePngAndSvg(plot, basePath, width, height);
    }
}
