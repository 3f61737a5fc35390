using System.Text;
using PolySim.Core.Metrics;
using PolySim.Output;
using PolySim.Plots;
using PolySim.Tests.Output;

namespace PolySim.Tests.Plots;

public class PlotTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        // IHDR width and height (big-endian) are the requested size.
        Assert.Equal(ChartStyle.Width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(ChartStyle.Height, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
    }

    private static string AssertSvg(string path)
    {
        string svg = File.ReadAllText(path);
        Assert.Matches(@"^(<\?xml[^>]*>\s*)?<svg\b", svg);
        Assert.EndsWith("</svg>", svg.TrimEnd());
        var doc = System.Xml.Linq.XDocument.Parse(svg); // well-formed XML
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        return svg;
    }

    [Fact]
    public void WriteAll_writes_png_and_svg_for_every_headline_metric_and_extras()
    {
        using var dir = new TempDir();
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));

        var files = RunPlotter.WriteAll(summary, dir.Path, ["tax_rate", "level:water", "no_such_metric"]);

        var expected = MetricCatalog.Headline.Select(m => MetricLabels.Slug(m.Name)).Concat(["tax-rate", "level-water"])
            .SelectMany(s => new[] { $"plots/criterion-{s}.png", $"plots/criterion-{s}.svg", $"plots/timeseries-{s}.png", $"plots/timeseries-{s}.svg" });
        Assert.Equal(expected, files);
        Assert.Contains("plots/criterion-efficiency.png", files);
        Assert.Contains("plots/timeseries-efficiency.svg", files);
        Assert.Equal(files.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(Path.Combine(dir.Path, "plots")).Select(f => "plots/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
        foreach (var f in files)
        {
            string path = Path.Combine(dir.Path, f);
            if (f.EndsWith(".png", StringComparison.Ordinal)) AssertPng(path);
            else AssertSvg(path);
        }
    }

    [Fact]
    public void Year_axis_has_plain_years_and_numbers_are_invariant_under_german_culture()
    {
        using var dir = new TempDir();
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        var paths = SyntheticRun.WithGermanCulture(() =>
            TimeSeriesChart.Save(summary, MetricCatalog.Efficiency, Path.Combine(dir.Path, "ts")));
        Assert.Equal([Path.Combine(dir.Path, "ts.png"), Path.Combine(dir.Path, "ts.svg")], paths);
        AssertPng(paths[0]);
        string svg = AssertSvg(paths[1]);
        if (svg.Contains("<text", StringComparison.Ordinal)) // SVG keeps text as text: check the labels themselves
        {
            Assert.Matches(@">\s*2026\s*<", svg);
            Assert.DoesNotContain("2,026", svg);
            Assert.DoesNotMatch(@">\s*2\.026\s*<", svg);
            Assert.Matches(@">\s*year\s*<", svg);
            Assert.Contains($"font-family=\"{ChartStyle.FontName}\"", svg);
        }
    }

    [Fact]
    public void Criterion_chart_labels_values_with_intervals_and_structures()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        var plot = CriterionChart.Create(summary, MetricCatalog.Efficiency);

        var texts = plot.GetPlottables<ScottPlot.Plottables.Text>().Select(t => t.LabelText).ToArray();
        Assert.Contains("0.8300 ± 0.0745", texts); // fragmented, final year (see SummaryBuilderTests)
        var bars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().Single().Bars;
        Assert.Equal(3, bars.Count);
        Assert.Equal(0.83, bars[1].Value, 1e-12);
        Assert.Equal(4.302652729749464 * 0.03 / Math.Sqrt(3), bars[1].Error, 1e-12);
        plot.RenderInMemory(ChartStyle.Width, ChartStyle.Height); // tick generators fill their ticks when rendering
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Select(t => t.Label).ToArray();
        Assert.Equal(["consolidated *", "fragmented", "two_tier"], ticks);
    }

    [Fact]
    public void Single_replication_charts_have_no_error_bars_or_bands()
    {
        using var dir = new TempDir();
        var summary = SummaryBuilder.Build(SyntheticRun.Create(1));
        var bars = CriterionChart.Create(summary, MetricCatalog.EquivalentVariation).GetPlottables<ScottPlot.Plottables.BarPlot>().Single().Bars;
        Assert.All(bars, b => Assert.Equal(0, b.Error));
        Assert.Empty(TimeSeriesChart.Create(summary, MetricCatalog.Efficiency).GetPlottables<ScottPlot.Plottables.FillY>());
        var files = RunPlotter.WriteAll(summary, dir.Path);
        Assert.Equal(MetricCatalog.Headline.Count * 4, files.Count);
    }
}

public class ChartStyleTests
{
    [Theory]
    [InlineData("two_tier", "two_tier")]
    [InlineData("administrative_decentralization", "administrative_\ndecentralization")]
    [InlineData("political-decentralization-v2", "political-\ndecentralization-\nv2")]
    [InlineData("averyveryverylongidwithoutseparators", "averyveryverylongidwithoutseparators")]
    public void Long_structure_ids_break_after_separators(string id, string expected)
    {
        string label = ChartStyle.TickLabel(id);
        Assert.Equal(expected, label);
        Assert.Equal(id, label.Replace("\n", "")); // nothing lost
    }
}
