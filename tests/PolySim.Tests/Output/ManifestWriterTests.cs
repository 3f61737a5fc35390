using System.Text.Json;
using PolySim.Output;

namespace PolySim.Tests.Output;

public class ManifestWriterTests
{
    private static RunManifest Sample(RunStatus status = RunStatus.Complete) => new(
        PolysimVersion: "0.1.0+5e9133765762ae14e83fcf9c5c2f5bf1441fd0bb",
        GitCommit: "5e9133765762ae14e83fcf9c5c2f5bf1441fd0bb",
        CommandLine: ["run", "scenarios/demo.yaml", "--replications", "3"],
        ScenarioPath: "scenarios/demo.yaml",
        ScenarioSha256File: new string('a', 64),
        ScenarioSha256Resolved: new string('b', 64),
        MasterSeed: 18_446_744_073_709_551_557UL, // > 2^53: must survive exactly
        Replications: [new(0, 12_345_678_901_234_567_890UL), new(1, 42UL)],
        StartYear: 2025,
        Years: 10,
        Threads: 2,
        PhaseSeconds: new Dictionary<string, double> { ["load"] = 0.125, ["simulate"] = 12.5, ["write"] = 0.3 },
        StartedUtc: new DateTimeOffset(2026, 11, 23, 10, 2, 11, TimeSpan.FromHours(1)),
        FinishedUtc: new DateTimeOffset(2026, 11, 23, 9, 2, 24, 500, TimeSpan.Zero),
        Status: status,
        Files: ["metrics.csv", "summary.csv", "plots/criterion-efficiency.png"])
    {
        ScenarioName = "demo",
        Runtime = ".NET 10.0.0",
    };

    [Fact]
    public void Writes_every_field_with_exact_values()
    {
        string json = SyntheticRun.WithGermanCulture(() => ManifestWriter.ToJson(Sample()));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("polysim/run-manifest@1", root.GetProperty("schema").GetString());
        Assert.Equal("0.1.0+5e9133765762ae14e83fcf9c5c2f5bf1441fd0bb", root.GetProperty("polysim_version").GetString());
        Assert.Contains("\"0.1.0+5e91", json); // '+' is not escaped as \u002B
        Assert.Equal("5e9133765762ae14e83fcf9c5c2f5bf1441fd0bb", root.GetProperty("git_commit").GetString());
        Assert.Equal(["run", "scenarios/demo.yaml", "--replications", "3"], root.GetProperty("command_line").EnumerateArray().Select(e => e.GetString()));
        var scenario = root.GetProperty("scenario");
        Assert.Equal("demo", scenario.GetProperty("name").GetString());
        Assert.Equal("scenarios/demo.yaml", scenario.GetProperty("path").GetString());
        Assert.Equal(new string('a', 64), scenario.GetProperty("sha256_file").GetString());
        Assert.Equal(new string('b', 64), scenario.GetProperty("sha256_resolved").GetString());
        Assert.Equal(18_446_744_073_709_551_557UL, root.GetProperty("master_seed").GetUInt64());
        Assert.Contains("\"master_seed\": 18446744073709551557", json);
        var reps = root.GetProperty("replications");
        Assert.Equal(2, reps.GetProperty("count").GetInt32());
        var seeds = reps.GetProperty("seeds").EnumerateArray().ToArray();
        Assert.Equal(0, seeds[0].GetProperty("replication").GetInt32());
        Assert.Equal(12_345_678_901_234_567_890UL, seeds[0].GetProperty("seed").GetUInt64());
        Assert.Equal(2025, root.GetProperty("start_year").GetInt32());
        Assert.Equal(10, root.GetProperty("years").GetInt32());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        var timings = root.GetProperty("timings_seconds").EnumerateObject().ToArray();
        Assert.Equal(["load", "simulate", "write"], timings.Select(t => t.Name));
        Assert.Equal(12.5, timings[1].Value.GetDouble());
        Assert.Contains("\"load\": 0.125", json); // invariant decimal point under de-DE
        Assert.Equal("2026-11-23T09:02:11Z", root.GetProperty("started_utc").GetString());
        Assert.Equal("2026-11-23T09:02:24.5Z", root.GetProperty("finished_utc").GetString());
        Assert.Equal("complete", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal(["metrics.csv", "summary.csv", "plots/criterion-efficiency.png"], root.GetProperty("files").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Output_is_indented_lf_only_and_deterministic()
    {
        string json = ManifestWriter.ToJson(Sample());
        Assert.StartsWith("{\n  \"schema\": \"polysim/run-manifest@1\",\n", json);
        Assert.EndsWith("}\n", json);
        Assert.DoesNotContain('\r', json);
        Assert.Equal(json, ManifestWriter.ToJson(Sample()));

        using var dir = new TempDir();
        ManifestWriter.Write(Sample(), dir.File(ManifestWriter.FileName));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(json), File.ReadAllBytes(dir.File(ManifestWriter.FileName)));
    }

    [Fact]
    public void Failed_status_and_error_are_written()
    {
        using var doc = JsonDocument.Parse(ManifestWriter.ToJson(Sample(RunStatus.Failed) with { Error = "solver diverged" }));
        Assert.Equal("failed", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("solver diverged", doc.RootElement.GetProperty("error").GetString());
    }
}
