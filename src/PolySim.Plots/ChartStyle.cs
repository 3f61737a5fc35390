using System.Globalization;
using System.Text;
using PolySim.Core.Metrics;
using ScottPlot;

namespace PolySim.Plots;

/// <summary>Shared look of PolySim charts: sizes, fonts, one colour per structure, titles and file output.</summary>
public static class ChartStyle
{
    /// <summary>Default image width, px.</summary>
    public const int Width = 900;

    /// <summary>Default image height, px.</summary>
    public const int Height = 550;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>The colour of the structure at <paramref name="index"/> in the summary's order (the same in every chart).</summary>
    public static Color StructureColor(int index) => Palette.GetColor(index);

    /// <summary>Saves <paramref name="plot"/> as <c>{basePath}.png</c> and <c>{basePath}.svg</c>; returns both full paths.</summary>
    public static IReadOnlyList<string> SavePngAndSvg(Plot plot, string basePath, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrEmpty(basePath);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(basePath));
        if (dir is not null) Directory.CreateDirectory(dir);
        string png = basePath + ".png", svg = basePath + ".svg";
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        return [png, svg];
    }

    /// <summary>The sans-serif font charts use: the first installed of a few common ones, else ScottPlot's choice.</summary>
    public static string FontName { get; } =
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans" }.FirstOrDefault(IsInstalled) ?? Fonts.Sans;

    private static bool IsInstalled(string family)
    {
        using var typeface = SkiaSharp.SKFontManager.Default.MatchFamily(family);
        return typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase);
    }

    internal static void Apply(Plot plot, Metric metric, string subtitle)
    {
        string label = Capitalize(PolySim.Output.MetricLabels.Short(metric));
        var title = new StringBuilder(label);
        foreach (var line in WrapEvenly(metric.Description, 90)) title.Append('\n').Append(line);
        if (subtitle.Length > 0) title.Append('\n').Append(subtitle);
        plot.Title(title.ToString(), 15);
        plot.YLabel(YLabel(metric), 15);
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("G6", CultureInfo.InvariantCulture),
        };
        // Last, so that it reaches every label set above (FontStyler.Set restyles titles, axes, ticks and the legend).
        plot.Font.Set(FontName);
    }

    internal static string YLabel(Metric metric)
    {
        string arrow = metric.HigherIsBetter switch { true => " (higher is better)", false => " (lower is better)", null => "" };
        return (metric.Unit.Length > 0 ? metric.Unit : metric.Name) + arrow;
    }

    internal static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Wraps into as few lines of at most about <paramref name="maxWidth"/> characters as needed, of similar length.</summary>
    internal static IEnumerable<string> WrapEvenly(string text, int maxWidth)
    {
        int lines = Math.Max(1, (text.Length + maxWidth - 1) / maxWidth);
        return Wrap(text, (text.Length + lines - 1) / lines + 8);
    }

    /// <summary>Greedy word wrap at <paramref name="width"/> characters.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    /// <summary>Breaks a long structure id after '_' or '-' (kept at the line end) so tick labels stay narrow.</summary>
    internal static string TickLabel(string id, int width = 16)
    {
        if (id.Length <= width) return id;
        var lines = new List<string>();
        var line = new StringBuilder();
        int start = 0;
        while (start < id.Length)
        {
            int sep = id.IndexOfAny(['_', '-'], start);
            string piece = sep < 0 ? id[start..] : id[start..(sep + 1)];
            if (line.Length > 0 && line.Length + piece.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(piece);
            start += piece.Length;
        }
        lines.Add(line.ToString());
        return string.Join('\n', lines);
    }
}
