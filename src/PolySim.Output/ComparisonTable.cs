using System.Globalization;
using System.Text;
using PolySim.Core.Metrics;

namespace PolySim.Output;

/// <summary>
/// A plain-text comparison of structures (rows) by headline metrics (columns) for one entity in one year: the mean
/// and, with replications, ± the half-width of the 95% interval. Monospace, aligned, LF line ends.
/// </summary>
public static class ComparisonTable
{
    /// <summary>Conventional file name.</summary>
    public const string FileName = "comparison.txt";

    private const string Missing = "n/a";

    /// <summary>Renders the table.</summary>
    /// <param name="summary">The run summary.</param>
    /// <param name="metrics">Columns; null for <see cref="MetricCatalog.Headline"/>.</param>
    /// <param name="entity">Entity; the region by default.</param>
    /// <param name="year">Year; null for the final year of the run.</param>
    public static string Render(RunSummary summary, IReadOnlyList<Metric>? metrics = null, string entity = RunSummary.RegionEntity, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        metrics ??= MetricCatalog.Headline;
        int y = year ?? summary.FinalYear;
        var inv = CultureInfo.InvariantCulture;

        string[] head = ["structure", .. metrics.Select(MetricLabels.Short)];
        string[] units = ["unit", .. metrics.Select(m => m.Unit.Length == 0 ? "-" : m.Unit)];
        string[] better = ["better", .. metrics.Select(MetricLabels.Better)];
        // Each metric cell is mean and half-width, aligned separately so the ± signs line up.
        // Decimals are chosen per column from its largest |mean|, so a column's numbers line up on the decimal point.
        var found = summary.Structures.Select(s => metrics.Select(m => summary.Find(s, y, entity, m.Name)).ToArray()).ToArray();
        var decimals = Enumerable.Range(0, metrics.Count)
            .Select(j => Decimals(found.Select(r => r[j]).Where(c => c is { HasValue: true }).Select(c => Math.Abs(c!.Mean)).DefaultIfEmpty(0).Max()))
            .ToArray();
        var cells = found.Select(r => r.Select((c, j) => Parts(c, decimals[j])).ToArray()).ToList();
        var meanWidth = new int[metrics.Count];
        var halfWidth = new int[metrics.Count];
        foreach (var r in cells)
            for (int j = 0; j < metrics.Count; j++)
            {
                meanWidth[j] = Math.Max(meanWidth[j], r[j].Mean.Length);
                halfWidth[j] = Math.Max(halfWidth[j], r[j].Half?.Length ?? 0);
            }
        var body = new List<string[]>();
        for (int i = 0; i < cells.Count; i++)
        {
            string id = summary.Structures[i];
            var row = new string[metrics.Count + 1];
            row[0] = id == summary.Baseline ? id + " *" : id;
            for (int j = 0; j < metrics.Count; j++)
            {
                var (mean, half) = cells[i][j];
                row[j + 1] = halfWidth[j] == 0
                    ? mean.PadLeft(meanWidth[j])
                    : mean.PadLeft(meanWidth[j]) + (half is null ? new string(' ', halfWidth[j] + 3) : " ± " + half.PadLeft(halfWidth[j]));
            }
            body.Add(row);
        }

        int cols = head.Length;
        var width = new int[cols];
        foreach (var r in body.Append(head).Append(units).Append(better))
            for (int j = 0; j < cols; j++) width[j] = Math.Max(width[j], r[j].Length);

        var sb = new StringBuilder();
        string interval = summary.Replications > 1
            ? string.Create(inv, $"mean ± half-width of the 95% interval over {summary.Replications} replications (Student t, {summary.Replications - 1} df)")
            : "single replication: means only, no interval (n=1)";
        sb.Append(inv, $"PolySim comparison: {summary.Run}, entity {entity}, year {y}\n");
        sb.Append(interval).Append('\n');
        sb.Append("baseline structure (*): ").Append(summary.Baseline).Append(" (welfare EV is measured against it)\n\n");
        foreach (var r in new[] { head, units, better }) AppendRow(sb, r, width);
        sb.Append(string.Join("  ", width.Select(w => new string('-', w)))).Append('\n');
        foreach (var r in body) AppendRow(sb, r, width);
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="table"/> (from <see cref="Render"/>) as UTF-8 without BOM.</summary>
    public static void Write(string table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        File.WriteAllText(path, table, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>"mean ± half-width" (the half-width only when n ≥ 2), both with the same number of decimals; "n/a" without a value.</summary>
    /// <param name="s">The cell.</param>
    /// <param name="magnitude">The largest |mean| shown alongside (sets the decimals, so that neighbouring cells match);
    /// null for the cell's own |mean|.</param>
    public static string Cell(MetricSummary? s, double? magnitude = null)
    {
        var (mean, half) = Parts(s, Decimals(magnitude ?? (s is { HasValue: true } ? Math.Abs(s.Mean) : 0)));
        return half is null ? mean : $"{mean} ± {half}";
    }

    private static (string Mean, string? Half) Parts(MetricSummary? s, int decimals)
    {
        if (s is null || !s.HasValue) return (Missing, null);
        return (Format(s.Mean, decimals), s.HasInterval && double.IsFinite(s.HalfWidth) ? Format(s.HalfWidth, decimals) : null);
    }

    /// <summary>Decimals for about four significant digits of a magnitude <paramref name="a"/>; never scientific notation.</summary>
    private static int Decimals(double a)
    {
        return a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
    }

    private static string Format(double v, int decimals)
    {
        string text = v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // Negative values that round to zero print as 0, not -0.000.
        return text.StartsWith('-') && text.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? text[1..] : text;
    }

    /// <summary>The structure column is left-aligned, the metric columns right-aligned (headers included).</summary>
    private static void AppendRow(StringBuilder sb, string[] cells, int[] width)
    {
        var parts = new string[cells.Length];
        for (int j = 0; j < cells.Length; j++)
            parts[j] = j == 0 ? cells[j].PadRight(width[j]) : cells[j].PadLeft(width[j]);
        sb.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
    }
}
