using PolySim.Core.Metrics;
using PolySim.Output;

namespace PolySim.Tests.Output;

public class ComparisonTableTests
{
    private static string[] TableLines(string table) => table.Split('\n').SkipWhile(l => l.Length > 0).Skip(1).Where(l => l.Length > 0).ToArray();

    [Fact]
    public void Replicated_table_shows_means_half_widths_directions_and_baseline()
    {
        string table = SyntheticRun.WithGermanCulture(() => ComparisonTable.Render(SummaryBuilder.Build(SyntheticRun.Create(3))));
        var lines = TableLines(table);

        Assert.Contains("year 2027", table);
        Assert.Contains("95% interval over 3 replications (Student t, 2 df)", table);
        Assert.Contains("baseline structure (*): consolidated", table);
        Assert.Equal(["structure", "efficiency", "effectiveness", "equity", "equality (service gini)", "accountability (congruence)", "welfare (EV vs baseline)"],
            lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("$ per household-year", lines[1]);
        Assert.Equal(["better", "higher", "higher", "higher", "lower", "higher", "higher"],
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("---", lines[3]);
        Assert.StartsWith("consolidated *", lines[4]);
        Assert.StartsWith("fragmented ", lines[5]);
        Assert.StartsWith("two_tier ", lines[6]);
        Assert.Equal(7, lines.Length);

        // fragmented efficiency: 0.83 ± 4.302652729749464 · 0.03 / √3 = 0.0745 (SummaryBuilderTests), invariant decimals.
        Assert.Contains("0.8300 ± 0.0745", lines[5]);
        Assert.DoesNotContain("0,83", table);
        // welfare EV of fragmented in 2027: −150.5 + 10·rep + 2 over rep 0..2 → mean −138.5; sd 10, half-width 24.84;
        // the column's largest |mean| (289) sets one decimal for every row of the column.
        Assert.Contains("-138.5 ± 24.8", lines[5]);
        Assert.Contains("   0.0 ±  0.0", lines[4]);
    }

    [Fact]
    public void Columns_are_aligned()
    {
        var lines = TableLines(ComparisonTable.Render(SummaryBuilder.Build(SyntheticRun.Create(3))));
        // Every ± of a column sits at the same character position in every structure row.
        var body = lines.Skip(4).ToArray();
        var plusMinus = body.Select(l => Enumerable.Range(0, l.Length).Where(i => l[i] == '±').ToArray()).ToArray();
        Assert.All(plusMinus, p => Assert.Equal(6, p.Length));
        Assert.All(plusMinus, p => Assert.Equal(plusMinus[0], p));
        // Metric columns are right-aligned: header, unit, direction and values of a column end at the same position.
        int End(string line, string text) => line.IndexOf(text, StringComparison.Ordinal) + text.Length;
        Assert.Equal(End(lines[0], "equity"), End(lines[1], "correlation"));
        Assert.Equal(End(lines[0], "equality (service gini)"), End(lines[2], "lower"));
        Assert.Equal(End(lines[0], "welfare (EV vs baseline)"), End(lines[5], "-138.5 ± 24.8"));
        Assert.Equal(lines[0].Length, lines[4].Length);
    }

    [Fact]
    public void Single_replication_shows_means_only()
    {
        string table = ComparisonTable.Render(SummaryBuilder.Build(SyntheticRun.Create(1)));
        Assert.Contains("n=1", table);
        Assert.DoesNotContain("±", string.Join('\n', TableLines(table)));
        Assert.Contains("0.8000", TableLines(table)[5]);
    }

    [Fact]
    public void Missing_cells_show_na_and_other_metrics_and_years_can_be_chosen()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        string table = ComparisonTable.Render(summary, [MetricCatalog.TaxRate, MetricCatalog.Displaced], "city01", 2025);
        var lines = TableLines(table);
        Assert.Contains("entity city01, year 2025", table);
        Assert.Contains("tax_rate", lines[0]);
        Assert.Contains("n/a", lines[4]);
        Assert.Contains("0.3000 ± 0.0000", lines[4]);
    }

    [Fact]
    public void Written_file_is_the_rendered_text()
    {
        using var dir = new TempDir();
        string table = ComparisonTable.Render(SummaryBuilder.Build(SyntheticRun.Create(3)));
        ComparisonTable.Write(table, dir.File(ComparisonTable.FileName));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(table), File.ReadAllBytes(dir.File(ComparisonTable.FileName)));
    }
}
