using System.Globalization;
using System.Text;
using PolySim.Core.Metrics;

namespace PolySim.Output;

/// <summary>
/// The side-by-side comparison of equalization formulas (one structure per formula, MODEL.md section 6): a table of
/// disparity closed, efficiency, equity, welfare, winners and losers and the cost to outside sources, a table of
/// taxes, services and welfare by income quintile of jurisdictions, and the jurisdictions that gain and lose; as text (<c>formulas.txt</c>) and CSV
/// (<c>formulas.csv</c>). Region values of the final year; means over replications.
/// </summary>
public static class FormulaComparison
{
    /// <summary>Conventional file names.</summary>
    public const string TextFileName = "formulas.txt", CsvFileName = "formulas.csv";

    /// <summary>The region metrics of the main table, in column order.</summary>
    public static IReadOnlyList<Metric> Metrics { get; } =
    [
        MetricCatalog.ResourceDisparityClosed, MetricCatalog.FiscalCv, MetricCatalog.SpendingCv, MetricCatalog.Efficiency, MetricCatalog.Equity,
        MetricCatalog.EquivalentVariation, MetricCatalog.Winners, MetricCatalog.Losers, MetricCatalog.OutsideMoneyPerCapita,
        MetricCatalog.FederalCreditPerCapita, MetricCatalog.UpwardGrantsPerCapita,
    ];

    /// <summary>The per-quintile metrics (entities jurisdiction-quintile-1..5).</summary>
    public static IReadOnlyList<Metric> QuintileMetrics { get; } =
        [MetricCatalog.TaxPerHousehold, MetricCatalog.ServiceIndex, MetricCatalog.EquivalentVariation];

    /// <summary>Entity of jurisdiction income quintile <paramref name="q"/> (1 = poorest).</summary>
    public static string QuintileEntity(int q) => $"jurisdiction-quintile-{q}";

    /// <summary>Both tables as text.</summary>
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = new StringBuilder();
        sb.Append(ComparisonTable.Render(summary, Metrics));
        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"By income quintile of jurisdictions (1 = poorest), year {summary.FinalYear}:\n\n");
        var head = new List<string> { "structure" };
        foreach (var m in QuintileMetrics)
            for (int q = 1; q <= 5; q++) head.Add($"{Label(m)} Q{q}");
        var rows = new List<string[]> { head.ToArray() };
        foreach (var id in summary.Structures)
        {
            var row = new List<string> { id == summary.Baseline ? id + " *" : id };
            foreach (var m in QuintileMetrics)
            {
                double magnitude = Enumerable.Range(1, 5).Select(q => summary.Find(id, summary.FinalYear, QuintileEntity(q), m.Name))
                    .Where(c => c is { HasValue: true }).Select(c => Math.Abs(c!.Mean)).DefaultIfEmpty(0).Max();
                for (int q = 1; q <= 5; q++) row.Add(ComparisonTable.Cell(summary.Find(id, summary.FinalYear, QuintileEntity(q), m.Name), magnitude));
            }
            rows.Add(row.ToArray());
        }
        var width = Enumerable.Range(0, head.Count).Select(j => rows.Max(r => r[j].Length)).ToArray();
        foreach (var (r, k) in rows.Select((r, k) => (r, k)))
        {
            sb.Append(string.Join("  ", r.Select((c, j) => j == 0 ? c.PadRight(width[j]) : c.PadLeft(width[j]))).TrimEnd()).Append('\n');
            if (k == 0) sb.Append(string.Join("  ", width.Select(w => new string('-', w)))).Append('\n');
        }
        sb.Append("\ntax = own and levy taxes per household, $; service = service index (region mean = 1); ev = welfare EV per household vs the baseline, $.\n");
        sb.Append("\nLowest-tier jurisdictions whose residents gain / lose on average (mean EV per household > 0 / < 0):\n\n");
        int idWidth = summary.Structures.Max(id => id.Length + 2);
        foreach (var id in summary.Structures)
        {
            var (gaining, losing, total) = Jurisdictions(summary, id);
            sb.Append((id == summary.Baseline ? id + " *" : id).PadRight(idWidth))
                .Append(CultureInfo.InvariantCulture, $"  {gaining} gain, {losing} lose, of {total}\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Lowest-tier jurisdictions (the entities with <c>tax_per_household</c> other than the quintiles) whose mean EV per
    /// household is above / below zero in the final year (|EV| ≤ 1e-6 $ counts as neither).
    /// </summary>
    public static (int Gaining, int Losing, int Total) Jurisdictions(RunSummary summary, string structure)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int y = summary.FinalYear, gaining = 0, losing = 0, total = 0;
        foreach (var entity in summary.Entities)
        {
            if (entity.StartsWith("jurisdiction-quintile-", StringComparison.Ordinal)) continue;
            if (summary.Find(structure, y, entity, MetricCatalog.TaxPerHousehold.Name) is not { HasValue: true }) continue;
            total++;
            if (summary.Find(structure, y, entity, MetricCatalog.EquivalentVariation.Name) is not { HasValue: true } ev) continue;
            if (ev.Mean > 1e-6) gaining++;
            else if (ev.Mean < -1e-6) losing++;
        }
        return (gaining, losing, total);
    }

    /// <summary>Short column label of a quintile metric.</summary>
    public static string Label(Metric metric) =>
        metric.Name == MetricCatalog.TaxPerHousehold.Name ? "tax" : metric.Name == MetricCatalog.ServiceIndex.Name ? "service" : "ev";

    /// <summary>One row per structure, final year.</summary>
    public static IEnumerable<FormulaRow> Rows(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int y = summary.FinalYear;
        foreach (var id in summary.Structures)
        {
            double? R(Metric m) => summary.Find(id, y, RunSummary.RegionEntity, m.Name) is { HasValue: true } s ? Csv.Finite(s.Mean) : null;
            double? Q(Metric m, int q) => summary.Find(id, y, QuintileEntity(q), m.Name) is { HasValue: true } s ? Csv.Finite(s.Mean) : null;
            var (gaining, losing, _) = Jurisdictions(summary, id);
            yield return new FormulaRow(summary.Run, id, y, id == summary.Baseline,
                R(MetricCatalog.ResourceDisparityClosed), R(MetricCatalog.FiscalCv), R(MetricCatalog.SpendingCv), R(MetricCatalog.Efficiency),
                R(MetricCatalog.Equity), R(MetricCatalog.EquivalentVariation), R(MetricCatalog.Winners), R(MetricCatalog.Losers),
                R(MetricCatalog.OutsideMoneyPerCapita), R(MetricCatalog.FederalCreditPerCapita), R(MetricCatalog.UpwardGrantsPerCapita),
                Q(MetricCatalog.TaxPerHousehold, 1), Q(MetricCatalog.TaxPerHousehold, 2), Q(MetricCatalog.TaxPerHousehold, 3),
                Q(MetricCatalog.TaxPerHousehold, 4), Q(MetricCatalog.TaxPerHousehold, 5),
                Q(MetricCatalog.ServiceIndex, 1), Q(MetricCatalog.ServiceIndex, 2), Q(MetricCatalog.ServiceIndex, 3),
                Q(MetricCatalog.ServiceIndex, 4), Q(MetricCatalog.ServiceIndex, 5), gaining, losing);
        }
    }

    /// <summary>Writes <c>formulas.csv</c>.</summary>
    public static void WriteCsv(RunSummary summary, string path) => Csv.WriteFile(path, Rows(summary));
}
