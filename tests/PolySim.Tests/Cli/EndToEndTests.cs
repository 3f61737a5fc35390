using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Cli;

/// <summary>Every shipped scenario runs through the real command line and writes its outputs.</summary>
public class EndToEndTests
{
    public static TheoryData<string> ShippedScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.File("scenarios"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void Every_shipped_scenario_runs_and_writes_its_outputs(string file)
    {
        string folder = CliRunner.NewFolder(Path.GetFileNameWithoutExtension(file));
        try
        {
            // One year and two replications keep the default suite fast while exercising replication summaries;
            // the full horizon of the main scenario runs in .ci/run. The 3.7-million-household scale test runs as
            // weighted types here (its agent-mode run is a measured benchmark, minutes long, not a unit test).
            string[] mode = file == "metro-10m.yaml" ? ["--households", "types"] : [];
            var outcome = CliRunner.Run(["run", RepoPaths.File($"scenarios/{file}"), "--out", folder, "--years", "1", "--replications", "2", .. mode]);
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            Assert.Contains("efficiency", outcome.Output);
            foreach (var name in new[] { "metrics.csv", "fiscal.csv", "summary.csv", "comparison.txt", "manifest.json", "scenario.resolved.json" })
                Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 0, name);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "plots"), "*.png"));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "plots"), "*.svg"));
            var header = File.ReadLines(Path.Combine(folder, "metrics.csv")).First();
            Assert.Equal("run,replication,structure,year,entity,metric,value", header);
            // Every structure converged in every year (the solver reports it; a shipped scenario must not hide it).
            Assert.DoesNotContain("did not converge", outcome.Output);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
