using PolySim.Core.Secession;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Cli;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Secession;

/// <summary>
/// The shipped los-angeles-2002 case: its structure is what the scenario's comments promise (the 2002 referenda held
/// together under the double majority, the Harbor proposal through the viability check, the counterfactual separations
/// taking effect, no referendum in the two-tier city), its outputs are written, and its reports are internally consistent.
/// </summary>
public class LosAngelesTests
{
    private static readonly Lazy<(Scenario Scenario, ReplicationResult Result)> Run = new(() =>
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/los-angeles-2002.yaml"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var scenario = loaded.Scenario! with { Years = 1 };
        return (scenario, Simulator.Run(scenario, new RunOptions()).Replications[0]);
    });

    [Fact]
    public void The_stylized_city_matches_its_cited_figures()
    {
        var scenario = Run.Value.Scenario;
        double residents = scenario.Region.Neighborhoods.Sum(n => n.Households.Values.Sum()) * 2.83;
        Assert.Equal(3_694_820, residents, 0.01 * 3_694_820);                // 2000 census, within 1%
        var valley = scenario.Referenda!.Single(r => r.Id == "valley");
        double valleyResidents = valley.Neighborhoods.Sum(i => scenario.Region.Neighborhoods[i].Households.Values.Sum()) * 2.83;
        Assert.Equal(1_350_000, valleyResidents, 0.01 * 1_350_000);          // LA Times, 30 May 2002
        Assert.InRange(scenario.Region.Count * 1.0, 3_694_820 / 10_000.0, 3_694_820 / 5_000.0);   // 5,000-10,000-resident neighborhoods
    }

    [Fact]
    public void The_2002_election_is_held_in_one_structure_and_the_counterfactuals_take_effect()
    {
        var referenda = Run.Value.Result.Referenda!;
        var election = referenda.Where(r => r.Structure == "referenda-2002").ToList();
        Assert.Equal(["valley", "hollywood", "harbor"], election.Select(r => r.Referendum));
        Assert.All(election.Where(r => r.Referendum != "harbor"), r => Assert.Equal(VotingRuleKind.DoubleMajority, r.Rule));
        // Each result obeys its rule: passed = the double majority; a proposal goes to the ballot iff it is viable.
        foreach (var r in election.Where(r => r.Status == ReferendumStatus.Held))
        {
            Assert.Equal(r.AreaYes > 0.5 && r.CityYes > 0.5, r.Passed);
            Assert.Equal(r.Passed, r.TookEffect);
        }
        var harbor = election.Single(r => r.Referendum == "harbor");
        Assert.Equal(harbor.NewCityRate > harbor.OldRate, harbor.Status == ReferendumStatus.NotViable);
        // Both counterfactuals take effect whatever the vote, and evaluate the same separation as the election did.
        foreach (var (imposed, voted) in new[] { ("valley-imposed", "valley"), ("hollywood-imposed", "hollywood") })
        {
            var c = referenda.Single(r => r.Referendum == imposed);
            Assert.True(c.TookEffect);
            Assert.Equal(election.Single(r => r.Referendum == voted).AreaYes, c.AreaYes, 1e-12);
        }
        Assert.DoesNotContain(referenda, r => r.Structure is "two-tier" or "status-quo");
        var secession = Run.Value.Result.Structures.Single(s => s.StructureId == "valley-secession");
        Assert.Contains(secession.Fiscal, f => f.Jurisdiction == "valley");
    }

    [Fact]
    public void Area_outcomes_compare_every_structure_against_the_status_quo()
    {
        foreach (var structure in Run.Value.Result.Structures)
        {
            var gains = structure.Metrics.Where(m => m.Metric == "area_ev_per_household").ToList();
            Assert.Equal(3 * 4, gains.Count);   // three areas × (area, low income, remainder, remainder low income)
            if (structure.StructureId == "status-quo") Assert.All(gains, m => Assert.Equal(0, m.Value, 1e-9));   // the baseline itself
        }
        // The counterfactual's area gain is the mean gain the voters were shown (the same separation, the same year).
        var valley = Run.Value.Result.Referenda!.Single(r => r.Referendum == "valley-imposed");
        var metric = Run.Value.Result.Structures.Single(s => s.StructureId == "valley-secession").Metrics
            .Single(m => m.Entity == "area:valley" && m.Metric == "area_ev_per_household");
        Assert.Equal(valley.Effects.Single(e => e.Group == "area").Gain, metric.Value, 1e-6 * Math.Abs(metric.Value));
    }

    [Fact]
    public void The_run_writes_the_referendum_tables_and_area_charts()
    {
        string folder = CliRunner.NewFolder("los-angeles-2002");
        try
        {
            var outcome = CliRunner.Run("run", RepoPaths.File("scenarios/los-angeles-2002.yaml"), "--out", folder, "--years", "1");
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            var referenda = File.ReadAllLines(Path.Combine(folder, "referenda.csv"));
            Assert.StartsWith("run,replication,structure,referendum,year,area,city,status,rule,area_yes,city_yes", referenda[0]);
            Assert.Equal(1 + 5, referenda.Length);
            var votes = File.ReadAllLines(Path.Combine(folder, "referendum_votes.csv"));
            Assert.Contains(votes, l => l.Contains(",valley,quintile-1,", StringComparison.Ordinal));
            Assert.Contains(votes, l => l.Contains(",valley,valley-west-001,", StringComparison.Ordinal));
            var effects = File.ReadAllLines(Path.Combine(folder, "referendum_effects.csv"));
            Assert.Contains(effects, l => l.Contains(",valley,remainder_low_income,", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(folder, "plots", "area-valley.png")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Referendum_outputs_are_byte_identical_at_any_thread_count()
    {
        string one = CliRunner.NewFolder("la-t1"), two = CliRunner.NewFolder("la-t2");
        try
        {
            string scenario = RepoPaths.File("scenarios/los-angeles-2002.yaml");
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", one, "--years", "1", "--threads", "1", "--no-plots").ExitCode);
            Assert.Equal(0, CliRunner.Run("run", scenario, "--out", two, "--years", "1", "--threads", "2", "--no-plots").ExitCode);
            foreach (var name in new[] { "referenda.csv", "referendum_votes.csv", "referendum_effects.csv", "metrics.csv" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(one, name)), File.ReadAllBytes(Path.Combine(two, name)));
        }
        finally
        {
            foreach (var d in new[] { one, two }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }
}
