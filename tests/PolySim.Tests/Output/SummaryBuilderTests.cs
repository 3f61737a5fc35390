using System.Text;
using PolySim.Core.Metrics;
using PolySim.Output;

namespace PolySim.Tests.Output;

public class SummaryBuilderTests
{
    // t(0.975; 2). Source: for ν = 2 the Student t quantile has the closed form t = (2p − 1) / sqrt(2p(1 − p))
    // (Wikipedia, "Student's t-distribution", special cases; it inverts F(t) = 1/2 + t / (2·sqrt(2 + t²))).
    // At p = 0.975: 0.95 / sqrt(0.04875) = 4.30265272974946385232... (40-digit decimal arithmetic).
    // The often-quoted 4.302652729911275 is 3.8e-11 too high: F(4.302652729911275) = 0.9750000000017.
    private const double T975Df2 = 4.302652729749464;

    [Fact]
    public void T_quantiles_match_closed_forms()
    {
        Assert.Equal(T975Df2, ConfidenceInterval.TQuantile975(2), 1e-13);
        Assert.Equal(4.302652729911275, ConfidenceInterval.TQuantile975(2), 1e-9); // the quoted value, to its accuracy
        Assert.Equal(0.95 / Math.Sqrt(2 * 0.975 * 0.025), ConfidenceInterval.TQuantile975(2), 1e-12);
        // ν = 1 is the Cauchy distribution: t = tan(π(p − 1/2)).
        Assert.Equal(Math.Tan(Math.PI * 0.475), ConfidenceInterval.TQuantile975(1), 1e-10);
        // ν = 4 (same source): α = 4p(1 − p), q = cos(arccos(√α) / 3) / √α, t = 2·sqrt(q − 1); tables list 2.776.
        double alpha = 4 * 0.975 * 0.025, q = Math.Cos(Math.Acos(Math.Sqrt(alpha)) / 3) / Math.Sqrt(alpha);
        Assert.Equal(2 * Math.Sqrt(q - 1), ConfidenceInterval.TQuantile975(4), 1e-12);
        Assert.Equal(2.776, ConfidenceInterval.TQuantile975(4), 3);
    }

    [Fact]
    public void Mean_and_interval_match_a_hand_computation()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        var s = summary.Find("fragmented", SyntheticRun.FinalYear, "region", MetricCatalog.Efficiency.Name);

        // Values 0.80, 0.83, 0.86: mean 0.83; sd = sqrt((0.03² + 0 + 0.03²) / 2) = 0.03;
        // half-width = t(0.975; 2) · 0.03 / √3 = 4.302652729749464 · 0.0173205080756888 = 0.07452413135...
        Assert.NotNull(s);
        Assert.Equal(3, s.N);
        Assert.Equal(0.83, s.Mean, 1e-14);
        Assert.Equal(0.03, s.StdDev!.Value, 1e-14);
        double half = T975Df2 * 0.03 / Math.Sqrt(3);
        Assert.Equal(0.0745241313525, half, 1e-12);
        Assert.Equal(half, s.HalfWidth, 1e-12);
        Assert.Equal(0.83 - half, s.Low, 1e-12);
        Assert.Equal(0.83 + half, s.High, 1e-12);
        Assert.Equal("t95", s.IntervalKind);
    }

    [Fact]
    public void Identical_values_give_exactly_that_mean_and_zero_width()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        var s = summary.Find("two_tier", 2025, "region", MetricCatalog.TaxRate.Name)!;
        Assert.Equal(0.1 + 0.2, s.Mean); // exact, no rounding drift from summing
        Assert.Equal(0.0, s.StdDev);
        Assert.Equal(0.0, s.HalfWidth);
    }

    [Fact]
    public void Non_finite_values_are_left_out_of_n()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        Assert.Equal(2, summary.Find("two_tier", 2026, "region", "level:water")!.N);
        Assert.Equal(3, summary.Find("two_tier", 2027, "region", "level:water")!.N);
    }

    [Fact]
    public void One_replication_collapses_the_interval_and_says_n_1()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(1));
        var s = summary.Find("fragmented", SyntheticRun.FinalYear, "region", MetricCatalog.Efficiency.Name)!;
        Assert.Equal(1, s.N);
        Assert.Equal(0.80, s.Mean);
        Assert.Null(s.StdDev);
        Assert.Equal(s.Mean, s.Low);
        Assert.Equal(s.Mean, s.High);

        using var ms = new MemoryStream();
        SummaryBuilder.Write(summary, ms);
        var line = Encoding.UTF8.GetString(ms.ToArray()).Split('\n')
            .Single(l => l.StartsWith("synthetic,fragmented,2027,region,efficiency,", StringComparison.Ordinal));
        Assert.Equal("synthetic,fragmented,2027,region,efficiency,1,0.8,,0.8,0.8,0,n=1", line);
    }

    [Fact]
    public void Summary_csv_has_fixed_columns_structure_order_and_invariant_numbers()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        string text = SyntheticRun.WithGermanCulture(() =>
        {
            using var ms = new MemoryStream();
            SummaryBuilder.Write(summary, ms);
            return Encoding.UTF8.GetString(ms.ToArray());
        });
        var lines = text.Split('\n');
        Assert.Equal("run,structure,year,entity,metric,n,mean,sd,ci_low,ci_high,half_width,interval", lines[0]);
        int cells = SyntheticRun.Years * SyntheticRun.Entities.Length * SyntheticRun.MetricNames.Length;
        Assert.Equal(1 + 3 * cells + 1, lines.Length);
        Assert.StartsWith("synthetic,consolidated,2025,region,efficiency,3,", lines[1]);
        Assert.StartsWith("synthetic,fragmented,", lines[1 + cells]);
        Assert.StartsWith("synthetic,two_tier,", lines[1 + 2 * cells]);
        var population = lines.Single(l => l.StartsWith("synthetic,consolidated,2025,region,population,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(12, population.Length);
        Assert.Equal(1234568.891, double.Parse(population[6], System.Globalization.CultureInfo.InvariantCulture), 1e-8);
        Assert.Equal(1.0, double.Parse(population[7], System.Globalization.CultureInfo.InvariantCulture), 1e-8);
        Assert.DoesNotContain("1234568,891", text);
    }

    [Fact]
    public void In_memory_summary_exposes_structures_years_and_series()
    {
        var summary = SummaryBuilder.Build(SyntheticRun.Create(3));
        Assert.Equal(SyntheticRun.StructureIds, summary.Structures);
        Assert.Equal([2025, 2026, 2027], summary.Years);
        Assert.Equal(2027, summary.FinalYear);
        Assert.Equal("consolidated", summary.Baseline);
        Assert.Equal(3, summary.Replications);
        var series = summary.Series("fragmented", "region", MetricCatalog.Efficiency.Name);
        Assert.Equal([2025, 2026, 2027], series.Select(s => s.Year));
        Assert.True(summary.Has("region", "level:water"));
        Assert.False(summary.Has("region", "no_such_metric"));
    }

    [Fact]
    public void Summary_csv_is_byte_identical_for_identical_input()
    {
        byte[] Write()
        {
            using var ms = new MemoryStream();
            SummaryBuilder.Write(SummaryBuilder.Build(SyntheticRun.Create(3)), ms);
            return ms.ToArray();
        }
        var first = Write();
        Assert.True(first.Length > 1000);
        Assert.Equal(first, Write());
    }

    [Fact]
    public void A_metric_reported_twice_in_one_replication_is_rejected()
    {
        var run = SyntheticRun.Create(2);
        var rep = run.Replications[0];
        var structure = rep.Structures[0];
        var doubled = structure with { Metrics = [.. structure.Metrics, structure.Metrics[0]] };
        var broken = run with { Replications = [rep with { Structures = [doubled, .. rep.Structures.Skip(1)] }, .. run.Replications.Skip(1)] };
        var e = Assert.Throws<InvalidOperationException>(() => SummaryBuilder.Build(broken));
        Assert.Contains("twice", e.Message);
    }
}
