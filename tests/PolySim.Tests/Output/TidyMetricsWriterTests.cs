using System.Text;
using CsvHelper;
using PolySim.Core.Metrics;
using PolySim.Output;

namespace PolySim.Tests.Output;

public class TidyMetricsWriterTests
{
    private static string[] Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split('\n');

    private static byte[] WriteToBytes(PolySim.Core.Simulation.RunResult run, string? label = null)
    {
        using var ms = new MemoryStream();
        TidyMetricsWriter.Write(run, ms, label);
        return ms.ToArray();
    }

    [Fact]
    public void Header_and_row_count_and_canonical_order()
    {
        var lines = Lines(WriteToBytes(SyntheticRun.Create()));

        Assert.Equal("run,replication,structure,year,entity,metric,value", lines[0]);
        Assert.Equal("", lines[^1]); // file ends with a single LF
        int perStructure = SyntheticRun.Years * SyntheticRun.Entities.Length * SyntheticRun.MetricNames.Length;
        Assert.Equal(1 + 3 * 3 * perStructure + 1, lines.Length);

        // The engine listed replication 2 and structure two_tier first; the file starts with replication 0, consolidated.
        var order = lines.Skip(1).SkipLast(1).Select(l => l.Split(',')).Select(f => (Rep: int.Parse(f[1]), f[2])).Distinct().ToArray();
        Assert.Equal(
            [(0, "consolidated"), (0, "fragmented"), (0, "two_tier"), (1, "consolidated"), (1, "fragmented"), (1, "two_tier"),
             (2, "consolidated"), (2, "fragmented"), (2, "two_tier")],
            order);
        // Within a structure, the engine's order is kept: first year, region, first headline metric.
        Assert.StartsWith("synthetic,0,consolidated,2025,region,efficiency,", lines[1]);
        Assert.StartsWith("synthetic,0,consolidated,2025,region,equity,", lines[3]);
    }

    [Fact]
    public void Run_label_overrides_scenario_name()
    {
        var lines = Lines(WriteToBytes(SyntheticRun.Create(), "run-42"));
        Assert.StartsWith("run-42,0,consolidated,", lines[1]);
    }

    [Fact]
    public void Numbers_are_invariant_and_round_trip_under_german_culture()
    {
        var bytes = SyntheticRun.WithGermanCulture(() => WriteToBytes(SyntheticRun.Create()));
        string text = Encoding.UTF8.GetString(bytes);

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no BOM");
        Assert.DoesNotContain('\r', text);
        Assert.Contains("synthetic,0,consolidated,2025,region,population,1234567.891\n", text);
        Assert.Contains("synthetic,0,consolidated,2025,region,tax_rate,0.30000000000000004\n", text); // 0.1 + 0.2, shortest round-trip
        Assert.Contains("synthetic,1,two_tier,2026,region,welfare_ev_per_household,-290\n", text);
        Assert.DoesNotContain("1234567,891", text);
        // NaN is an empty field, never the text "NaN".
        Assert.Contains("synthetic,1,two_tier,2026,region,level:water,\n", text);
        Assert.DoesNotContain("NaN", text);
    }

    [Fact]
    public void Identical_input_gives_identical_bytes()
    {
        using var dir = new TempDir();
        TidyMetricsWriter.Write(SyntheticRun.Create(), dir.File("a.csv"));
        TidyMetricsWriter.Write(SyntheticRun.Create(), dir.File("b.csv")); // a separately built, equal result
        var a = File.ReadAllBytes(dir.File("a.csv"));
        Assert.True(a.Length > 1000);
        Assert.Equal(a, File.ReadAllBytes(dir.File("b.csv")));
        Assert.Equal(a, WriteToBytes(SyntheticRun.Create())); // the file and the stream overloads agree
    }

    [Fact]
    public void File_reads_back_to_the_exact_values()
    {
        using var dir = new TempDir();
        var run = SyntheticRun.Create();
        TidyMetricsWriter.Write(run, dir.File(TidyMetricsWriter.FileName));

        using var reader = CsvReader.FromFile(dir.File(TidyMetricsWriter.FileName));
        var rows = reader.GetRecords<MetricRow>().ToList();

        Assert.Equal(TidyMetricsWriter.Rows(run).ToList(), rows);
        var water = rows.Single(r => r is { Replication: 1, Structure: "two_tier", Year: 2026, Entity: "region", Metric: "level:water" });
        Assert.Null(water.Value);
        var eff = rows.Single(r => r is { Replication: 2, Structure: "fragmented", Year: 2027, Entity: "region" } && r.Metric == MetricCatalog.Efficiency.Name);
        Assert.Equal(0.80 + 0.03 * 2, eff.Value); // bit-exact round trip
    }
}
