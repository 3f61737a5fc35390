using System.Globalization;
using PolySim.Core.Metrics;
using PolySim.Output;
using ScottPlot;
using SkiaSharp;

namespace PolySim.Plots;

/// <summary>
/// Charts of <c>polysim compare-formulas</c>: grouped bars by income quintile of jurisdictions (one bar per formula
/// in each quintile), bars of disparity closed and of the cost to outside sources, and a 2 × 2 overview of the four.
/// </summary>
public static class FormulaCharts
{
    /// <summary>Grouped bars: for each quintile 1..5, one bar per structure, final year, means over replications.</summary>
    public static Plot Quintiles(RunSummary summary, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(metric);
        int y = summary.FinalYear, k = summary.Structures.Count;
        var plot = new Plot();
        double width = 0.8 / Math.Max(1, k);
        var bars = new List<Bar>();
        double lo = 0, hi = 0;
        for (int i = 0; i < k; i++)
            for (int q = 1; q <= 5; q++)
            {
                var s = summary.Find(summary.Structures[i], y, FormulaComparison.QuintileEntity(q), metric.Name);
                if (s is null || !s.HasValue) continue;
                double err = s.HasInterval && double.IsFinite(s.HalfWidth) ? s.HalfWidth : 0;
                bars.Add(new Bar
                {
                    Position = q - 0.4 + width * (i + 0.5),
                    Value = s.Mean,
                    Error = err,
                    FillColor = ChartStyle.StructureColor(i),
                    Size = width * 0.9,
                    ErrorSize = width * 0.4,
                    LineWidth = 0,
                });
                lo = Math.Min(lo, s.Mean - err);
                hi = Math.Max(hi, s.Mean + err);
            }
        if (bars.Count > 0) plot.Add.Bars(bars);
        if (lo < 0) plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.Axes.Bottom.SetTicks([1, 2, 3, 4, 5], ["Q1 (poorest)", "Q2", "Q3", "Q4", "Q5 (richest)"]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        double span = Math.Max(hi - lo, 1e-300);
        plot.Axes.SetLimits(0.5, 5.5, lo < 0 ? lo - 0.08 * span : 0, hi + 0.25 * span);
        plot.ShowLegend(summary.Structures.Select((id, i) => new LegendItem
        {
            LabelText = id == summary.Baseline ? id + " *" : id,
            FillColor = ChartStyle.StructureColor(i),
        }), Alignment.UpperCenter);
        plot.Legend.Orientation = Orientation.Horizontal;
        string subtitle = string.Create(CultureInfo.InvariantCulture,
            $"by income quintile of jurisdictions, {y}; ") + (summary.Replications > 1
                ? string.Create(CultureInfo.InvariantCulture, $"mean and 95% interval over {summary.Replications} replications")
                : "single replication");
        ChartStyle.Apply(plot, metric, subtitle);
        return plot;
    }

    /// <summary>
    /// Writes <c>plots/formulas-quintile-{tax,service,ev}</c>, <c>plots/formulas-{disparity-closed,outside-cost}</c> (PNG and
    /// SVG) and <c>plots/formulas-overview.png</c>; returns the files relative to <paramref name="folder"/>.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(RunSummary summary, string folder)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string dir = Path.Combine(folder, RunPlotter.FolderName);
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        var panels = new List<Plot>();
        void Save(Plot plot, string name)
        {
            ChartStyle.SavePngAndSvg(plot, Path.Combine(dir, name));
            files.Add($"{RunPlotter.FolderName}/{name}.png");
            files.Add($"{RunPlotter.FolderName}/{name}.svg");
        }
        var closed = CriterionChart.Create(summary, MetricCatalog.ResourceDisparityClosed);
        Save(closed, "formulas-disparity-closed");
        var cost = CriterionChart.Create(summary, MetricCatalog.OutsideMoneyPerCapita);
        Save(cost, "formulas-outside-cost");
        panels.Add(closed);
        panels.Add(cost);
        foreach (var metric in FormulaComparison.QuintileMetrics)
        {
            var plot = Quintiles(summary, metric);
            Save(plot, "formulas-quintile-" + FormulaComparison.Label(metric));
            if (metric.Name != MetricCatalog.EquivalentVariation.Name) panels.Add(plot);
        }
        WriteGrid(panels, Path.Combine(dir, "formulas-overview.png"), 2);
        files.Add($"{RunPlotter.FolderName}/formulas-overview.png");
        return files;
    }

    /// <summary>Renders the panels side by side, <paramref name="columns"/> per row, into one PNG.</summary>
    private static void WriteGrid(IReadOnlyList<Plot> panels, string path, int columns)
    {
        int w = ChartStyle.Width, h = ChartStyle.Height, rows = (panels.Count + columns - 1) / columns;
        using var surface = SKSurface.Create(new SKImageInfo(columns * w, rows * h));
        surface.Canvas.Clear(SKColors.White);
        for (int k = 0; k < panels.Count; k++)
        {
            using var bitmap = SKBitmap.Decode(panels[k].GetImage(w, h).GetImageBytes());
            surface.Canvas.DrawBitmap(bitmap, k % columns * w, k / columns * h);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
