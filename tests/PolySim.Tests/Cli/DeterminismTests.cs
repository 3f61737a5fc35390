using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Cli;

/// <summary>Same scenario + seed + version give byte-identical CSV, whatever the thread count.</summary>
public class DeterminismTests
{
    [Fact]
    public void Outputs_are_byte_identical_across_runs_and_thread_counts()
    {
        string one = CliRunner.NewFolder("det1"), two = CliRunner.NewFolder("det2"), again = CliRunner.NewFolder("det3");
        try
        {
            string scenario = RepoPaths.File("scenarios/textbook.yaml");
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", one, "--threads", "1", "--replications", "2", "--no-plots").ExitCode);
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", two, "--threads", "2", "--replications", "2", "--no-plots").ExitCode);
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", again, "--threads", "0", "--replications", "2", "--no-plots").ExitCode);
            foreach (var name in new[] { "metrics.csv", "fiscal.csv", "summary.csv", "comparison.txt" })
            {
                byte[] a = File.ReadAllBytes(Path.Combine(one, name));
                Assert.True(a.Length > 1000, name);
                Assert.Equal(a, File.ReadAllBytes(Path.Combine(two, name)));
                Assert.Equal(a, File.ReadAllBytes(Path.Combine(again, name)));
            }
        }
        finally
        {
            foreach (var d in new[] { one, two, again }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }

    [Fact]
    public void A_different_seed_changes_agent_draws()
    {
        string a = CliRunner.NewFolder("seedA"), b = CliRunner.NewFolder("seedB");
        try
        {
            string scenario = RepoPaths.File("scenarios/textbook.yaml");
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", a, "--seed", "1", "--years", "1", "--no-plots").ExitCode);
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", b, "--seed", "2", "--years", "1", "--no-plots").ExitCode);
            Assert.NotEqual(File.ReadAllText(Path.Combine(a, "metrics.csv")), File.ReadAllText(Path.Combine(b, "metrics.csv")));
        }
        finally
        {
            foreach (var d in new[] { a, b }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }
}
