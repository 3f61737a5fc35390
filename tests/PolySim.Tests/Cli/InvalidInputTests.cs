using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Cli;

/// <summary>Bad input: exit code 2, messages with file, line and column, and nothing written or overwritten.</summary>
public class InvalidInputTests
{
    private const string Malformed = """
        name: broken
        seed: 7
        horizon: { start_year: 2025, yaers: 5 }
        households:
          groups:
            - id: g
              income_median: -5
              preferences: { patrol: 0.05 }
        region:
          neighborhoods:
            - { id: a, x: 0, y: 0, households: { nobody: 100 } }
        goods:
          - id: patrol
            cost: { form: olson, base: 170, premium: 0.5, optimal_scale: 10000 }
        structures:
          - { id: c, kind: consolidated }
        """;

    [Fact]
    public void Malformed_scenario_exits_2_with_positions_and_writes_nothing()
    {
        string dir = CliRunner.NewFolder("bad");
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "broken.yaml");
            File.WriteAllText(file, Malformed);
            string outDir = Path.Combine(dir, "out");
            var run = CliRunner.Run("run", file, "--out", outDir);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("broken.yaml:3:", run.Error);                // the misspelled 'yaers' key, line 3
            Assert.Contains("years", run.Error);                         // ... with its suggestion
            Assert.Contains("broken.yaml:7:", run.Error);                // negative income, line 7
            Assert.Contains("broken.yaml:11:", run.Error);               // unknown group 'nobody', line 11
            Assert.False(Directory.Exists(outDir));
            Assert.Equal(new[] { file }, Directory.GetFileSystemEntries(dir));

            var validate = CliRunner.Run("validate", file);
            Assert.Equal(2, validate.ExitCode);
            Assert.Contains("broken.yaml:11:", validate.Error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Valid_scenario_validates_with_exit_0()
    {
        var validate = CliRunner.Run("validate", RepoPaths.File("scenarios/textbook.yaml"));
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("valid", validate.Output);
    }

    [Fact]
    public void Bad_option_values_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("run", RepoPaths.File("scenarios/textbook.yaml"), "--years", "0").ExitCode);
        Assert.Equal(2, CliRunner.Run("run", RepoPaths.File("scenarios/textbook.yaml"), "--bogus").ExitCode);
        Assert.Equal(2, CliRunner.Run("run", "does-not-exist.yaml").ExitCode);
        var unknownMetric = CliRunner.Run("run", RepoPaths.File("scenarios/textbook.yaml"), "--metrics", "efficiency,effciency");
        Assert.Equal(2, unknownMetric.ExitCode);
        Assert.Contains("unknown metric 'effciency'", unknownMetric.Error);
    }

    [Fact]
    public void Existing_output_folder_is_kept_without_force_and_replaced_with_it()
    {
        string outDir = CliRunner.NewFolder("exists");
        Directory.CreateDirectory(outDir);
        string precious = Path.Combine(outDir, "my-notes.txt");
        File.WriteAllText(precious, "do not lose me");
        try
        {
            var run = CliRunner.Run("run", RepoPaths.File("scenarios/textbook.yaml"), "--out", outDir, "--years", "1", "--no-plots");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--force", run.Error);
            Assert.Equal("do not lose me", File.ReadAllText(precious));
            Assert.Single(Directory.GetFileSystemEntries(outDir));

            var forced = CliRunner.Run("run", RepoPaths.File("scenarios/textbook.yaml"), "--out", outDir, "--years", "1", "--no-plots", "--force");
            Assert.Equal(0, forced.ExitCode);
            Assert.True(File.Exists(Path.Combine(outDir, "metrics.csv")));
            Assert.False(File.Exists(precious));
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }

    [Fact]
    public void Help_is_available_everywhere()
    {
        foreach (var args in new[] { new[] { "--help" }, ["run", "--help"], ["validate", "--help"], ["schema", "--help"] })
        {
            var outcome = CliRunner.Run(args);
            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("Usage", outcome.Output);
        }
    }
}
