using System.Globalization;
using PolySim.Core.Metrics;
using PolySim.Output;
using ScottPlot;

namespace PolySim.Plots;

/// <summary>
/// One metric of one entity over the years, a line per structure, with a shaded 95% interval band when replicated.
/// The year axis shows plain integer years.
/// </summary>
public static class TimeSeriesChart
{
    /// <summary>Builds the chart.</summary>
    /// <param name="summary">The run summary.</param>
    /// <param name="metric">The metric (catalog entry or <see cref="MetricLabels.Resolve"/>).</param>
    /// <param name="entity">Entity; the region by default.</param>
    public static Plot Create(RunSummary summary, Metric metric, string entity = RunSummary.RegionEntity)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(metric);
        var plot = new Plot();
        bool anyBand = false;

        for (int i = 0; i < summary.Structures.Count; i++)
        {
            string id = summary.Structures[i];
            var points = summary.Series(id, entity, metric.Name).Where(s => s.HasValue).ToArray();
            if (points.Length == 0) continue;
            var color = ChartStyle.StructureColor(i);
            double[] xs = points.Select(p => (double)p.Year).ToArray();

            if (points.Any(p => p.HasInterval && double.IsFinite(p.HalfWidth)))
            {
                anyBand = true;
                var band = plot.Add.FillY(xs,
                    points.Select(p => double.IsFinite(p.HalfWidth) ? p.Low : p.Mean).ToArray(),
                    points.Select(p => double.IsFinite(p.HalfWidth) ? p.High : p.Mean).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineWidth = 0;
                band.LegendText = "";
            }

            var line = plot.Add.ScatterLine(xs, points.Select(p => p.Mean).ToArray(), color);
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = id == summary.Baseline ? id + " (baseline)" : id;
        }

        plot.XLabel("year", 15);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture),
        };
        if (summary.Years.Count == 1)
            plot.Axes.SetLimitsX(summary.Years[0] - 1, summary.Years[0] + 1);

        string subtitle = entity + "; " + (anyBand
            ? string.Create(CultureInfo.InvariantCulture, $"lines: mean, bands: 95% interval over {summary.Replications} replications")
            : "single replication");
        ChartStyle.Apply(plot, metric, subtitle);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>Builds the chart and saves it as <c>{basePath}.png</c> and <c>{basePath}.svg</c>; returns both full paths.</summary>
    public static IReadOnlyList<string> Save(RunSummary summary, Metric metric, string basePath, string entity = RunSummary.RegionEntity,
        int width = ChartStyle.Width, int height = ChartStyle.Height)
    {
        var plot = Create(summary, metric, entity);
        return ChartStyle.SavePngAndSvg(plot, basePath, width, height);
    }
}
