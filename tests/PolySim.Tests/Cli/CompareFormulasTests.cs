using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Cli;

/// <summary><c>polysim compare-formulas</c>: the chosen formulas and the baseline, side by side, in text, CSV and charts.</summary>
public class CompareFormulasTests
{
    [Fact]
    public void Compares_the_chosen_formulas_with_the_baseline_in_a_table_a_csv_and_charts()
    {
        string folder = CliRunner.NewFolder("formulas");
        try
        {
            var outcome = CliRunner.Run("compare-formulas", RepoPaths.File("scenarios/equalization-formulas.yaml"), "--out", folder,
                "--years", "1", "--formulas", "per_capita, tax_base_sharing");
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            Assert.Contains("By income quintile of jurisdictions", outcome.Output);
            Assert.Contains("resource_disparity_closed", outcome.Output);

            var csv = File.ReadAllLines(Path.Combine(folder, "formulas.csv"));
            Assert.StartsWith("run,structure,year,baseline,disparity_closed,fiscal_cv,spending_cv,efficiency,equity,welfare_ev_per_household,winners_share,losers_share,outside_money_per_capita,", csv[0]);
            // The baseline runs even when not asked for (welfare is measured against it); the others keep scenario order.
            Assert.Equal(["none", "tax_base_sharing", "per_capita"], csv.Skip(1).Select(l => l.Split(',')[1]).ToArray());
            var row = csv.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[1]);
            // The baseline closes nothing and costs nothing; the per-capita grant is $300 per resident of state money.
            Assert.Equal("0", row["none"][4]);
            Assert.Equal(300, double.Parse(row["per_capita"][12], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal("0", row["tax_base_sharing"][12]);
            Assert.True(double.Parse(row["tax_base_sharing"][4], System.Globalization.CultureInfo.InvariantCulture) > 0);
            // Jurisdictions gaining and losing: none against itself; a per-capita grant leaves no city worse off.
            Assert.Equal(["0", "0"], row["none"][^2..]);
            Assert.Equal("0", row["per_capita"][^1]);
            Assert.Contains("Lowest-tier jurisdictions whose residents gain / lose", outcome.Output);
            Assert.Contains("of 12", outcome.Output);
            foreach (var chart in new[] { "formulas-overview.png", "formulas-quintile-tax.png", "formulas-quintile-service.svg", "formulas-disparity-closed.png" })
                Assert.True(new FileInfo(Path.Combine(folder, "plots", chart)).Length > 0, chart);
            Assert.True(new FileInfo(Path.Combine(folder, "formulas.txt")).Length > 0);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Unknown_formula_is_invalid_input_naming_the_valid_ones()
    {
        string folder = CliRunner.NewFolder("formulas-bad");
        var outcome = CliRunner.Run("compare-formulas", RepoPaths.File("scenarios/equalization-formulas.yaml"), "--out", folder, "--formulas", "percapita");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("unknown structure(s) 'percapita'", outcome.Error);
        Assert.Contains("per_capita", outcome.Error);
        Assert.False(Directory.Exists(folder));
    }
}
