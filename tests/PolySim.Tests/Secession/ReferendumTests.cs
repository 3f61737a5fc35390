using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Secession;
using PolySim.Core.Simulation;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Secession;

/// <summary>
/// The referendum rules of MODEL.md section 7 against independent calculations: the voting rules, the logit ballot and
/// turnout on benchmarks.md B9a's printed gains, the LAFCO mitigation schedule, the net-revenue basis and the viability
/// check on hand-computed toy cities, and determinism of sampled ballots across thread counts.
/// </summary>
public class ReferendumTests
{
    // B9a's population: one neighborhood per income type (see B9SecessionTests), Valley = the first three.
    private static readonly (string Id, double Income, double Households)[] Types =
        [("v25", 25, 16_425), ("v60", 60, 9_125), ("v120", 120, 10_950), ("r20", 20, 28_575), ("r45", 45, 22_225), ("r160", 160, 12_700)];

    private static Scenario B9(Referendum referendum, HouseholdMode mode = HouseholdMode.Types)
    {
        var finance = HeadTax() with { Redistribution = new Redistribution(1), GovernanceCost = 50_000 };
        var hoods = Types.Select((t, i) => Hood(t.Id, i, Map((t.Id, t.Households)), city: "la")).ToList();
        var groups = Types.Select(t => Group(t.Id, None, income: t.Income)).ToList();
        return Scenario(hoods, groups, [], [Structure("city", StructureKind.Consolidated, DecisionRule.DirectDemocracy, finance)], mode: mode)
            with { Referenda = [referendum] };
    }

    private static Referendum Valley(double noise = 0, Turnout? turnout = null, VotingRuleKind rule = VotingRuleKind.SimpleMajority) =>
        new("valley", 2025, "valley", [0, 1, 2], "valley", DecisionRule.DirectDemocracy, new VotingRule(rule), noise, turnout ?? Turnout.Full);

    private static ReferendumResult Hold(Scenario scenario, int threads = 1) =>
        Simulator.Run(scenario, new RunOptions(threads)).Replications[0].Referenda!.Single();

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Voting_rules_on_B9a_shares()
    {
        // benchmarks.md B9a: Valley yes 0.55, citywide 0.32775 → the unilateral rule passes, the double majority fails.
        Assert.True(new VotingRule(VotingRuleKind.SimpleMajority).Passes(0.55, 0.32775));
        Assert.False(new VotingRule(VotingRuleKind.DoubleMajority).Passes(0.55, 0.32775));
        Assert.False(new VotingRule(VotingRuleKind.Supermajority, 2.0 / 3).Passes(0.55, 0.32775));
        Assert.True(new VotingRule(VotingRuleKind.Supermajority, 0.55).Passes(0.55, 0.2));
        Assert.False(new VotingRule(VotingRuleKind.SimpleMajority).Passes(0.5, 1));   // a tie is not a majority
    }

    [Fact]
    public void Logit_noise_gives_the_expected_yes_share_of_B9a_gains()
    {
        // Expected share = Σ share_k · 1/(1 + exp(−Δ_k/σ)) with B9a's printed gains (4 decimals; tolerance accordingly).
        const double sigma = 2;
        double valley = 0.45 * Logistic(-5.8575 / sigma) + 0.25 * Logistic(1.0723 / sigma) + 0.30 * Logistic(12.9521 / sigma);
        double rest = 0.45 * Logistic(-1.3589 / sigma) + 0.35 * Logistic(-0.6816 / sigma) + 0.20 * Logistic(2.4340 / sigma);
        var result = Hold(B9(Valley(noise: sigma)));
        Assert.Equal(valley, result.AreaYes, 2e-5);
        Assert.Equal(0.365 * valley + 0.635 * rest, result.CityYes, 2e-5);
    }

    [Fact]
    public void Turnout_rising_with_income_weights_the_vote()
    {
        // p = min(1, 0.5·(y/ȳ_E)), ȳ_Valley = 62.25 and ȳ_Rest = 56.75 (B9a); σ = 0, so yes iff the B9a gain is positive.
        var result = Hold(B9(Valley(turnout: new Turnout(0.5, 1, 0))));
        double P(double y, double mean) => Math.Min(1, 0.5 * y / mean);
        double vVotes = 0.45 * P(25, 62.25) + 0.25 * P(60, 62.25) + 0.30 * P(120, 62.25);
        double vYes = 0.25 * P(60, 62.25) + 0.30 * P(120, 62.25);
        Assert.Equal(vYes / vVotes, result.AreaYes, 1e-9);
        Assert.Equal(vVotes, result.AreaTurnout, 1e-9);
        double rVotes = 0.45 * P(20, 56.75) + 0.35 * P(45, 56.75) + 0.20 * P(160, 56.75);
        double rYes = 0.20 * P(160, 56.75);
        Assert.Equal((0.365 * vYes + 0.635 * rYes) / (0.365 * vVotes + 0.635 * rVotes), result.CityYes, 1e-9);
        // By income quintile of the Valley (a weighted type sits in the quintile of its midpoint): the 45% at 25 have their
        // midpoint at 0.225 (quintile 2), the 25% at 60 at 0.575 (quintile 3), the 30% at 120 at 0.85 (quintile 5).
        var quintiles = result.Votes.Where(v => v.Group.StartsWith("quintile-", StringComparison.Ordinal)).ToList();
        Assert.Equal(P(25, 62.25), quintiles[1].Turnout, 1e-9);
        Assert.Equal(P(60, 62.25), quintiles[2].Turnout, 1e-9);
        Assert.Equal(P(120, 62.25), quintiles[4].Turnout, 1e-9);
        Assert.Equal(0, quintiles[1].Yes);
        Assert.Equal(1, quintiles[4].Yes);
    }

    [Fact]
    public void Sampled_ballots_do_not_depend_on_threads()
    {
        // Agent mode: 100,000 households draw turnout and votes from the referendum's derived stream.
        var scenario = B9(Valley(noise: 2, turnout: new Turnout(0.6, 0.5, 0)), HouseholdMode.Agents);
        var one = Hold(scenario, threads: 1);
        var four = Hold(scenario, threads: 4);
        Assert.Equal(one.AreaYes, four.AreaYes);
        Assert.Equal(one.CityYes, four.CityYes);
        Assert.Equal(one.AreaTurnout, four.AreaTurnout);
        // And the sample is close to the expectation (36,500 Valley agents: SE of a share ≈ 0.003).
        var expected = Hold(B9(Valley(noise: 2, turnout: new Turnout(0.6, 0.5, 0))));
        Assert.Equal(expected.AreaYes, one.AreaYes, 0.015);
    }

    [Fact]
    public void Lafco_mitigation_schedule_declines_five_percent_a_year_for_twenty_years()
    {
        // Measure F terms: $127,122,000 a year, inflation-adjusted, reduced by 5 percent a year for 20 years.
        var terms = new MitigationTerms(MitigationBasis.NetRevenue, 1, 0.02, 0.05, 20);
        Assert.Equal(127_122_000, terms.Payment(127_122_000, 0), 1e-6);
        Assert.Equal(127_122_000 * Math.Pow(1.02, 10) * 0.5, terms.Payment(127_122_000, 10), 1e-3);
        Assert.Equal(127_122_000 * Math.Pow(1.02, 19) * 0.05, terms.Payment(127_122_000, 19), 1e-3);
        Assert.Equal(0, terms.Payment(127_122_000, 20));
        Assert.Equal(0, terms.Payment(127_122_000, -1));
    }

    // Two equal neighborhoods in one city; the area's dwellings are worth twice as much; one good at constant cost
    // p = 100 per unit level per resident; property tax.
    private static Scenario TwoHoods(Referendum referendum) => Scenario(
        [Hood("rich", 0, Map(("g", 1000)), city: "c", value: 200_000), Hood("poor", 1, Map(("g", 1000)), city: "c", value: 100_000)],
        [Group("g", Map(("w", 0.05)), income: 50_000)],
        [Good("w", 100)],
        [Structure("city", StructureKind.Consolidated, DecisionRule.DirectDemocracy, new FiscalRule(TaxBase.Property, 1, 0, None, None))],
        consumption: Core.Welfare.ConsumptionForm.Log) with { Referenda = [referendum] };

    [Fact]
    public void Net_revenue_basis_is_what_the_city_collected_in_the_area_over_what_it_spent_there()
    {
        var terms = new MitigationTerms(MitigationBasis.NetRevenue, 1, 0, 0, 20);
        var referendum = new Referendum("rich", 2025, "rich", [0], "rich", DecisionRule.DirectDemocracy,
            new VotingRule(VotingRuleKind.SimpleMajority), 0, Turnout.Full, terms, Structures: ["city"], Counterfactual: true);
        var result = Simulator.Run(TwoHoods(referendum), new RunOptions());
        var r = result.Replications[0].Referenda!.Single();
        // Uniform level, equal populations: the area costs half the spending S and pays V_rich/V = 2/3 of it, so B = S/6.
        // S is the status quo's spending, reconstructed from the old rate and the base (2,000 dwellings, $300M).
        double spending = r.OldRate * 300_000_000;
        Assert.Equal(spending / 6, r.Mitigation, 1e-6 * spending);
        Assert.True(r.TookEffect);
        // The payment enters both budgets: the remainder's rate is (spending − payment)/base of the remainder.
        var books = result.Replications[0].Structures[0].Fiscal;
        var remainder = books.Single(f => f.Jurisdiction == "city");
        Assert.Equal((remainder.Spending - r.Mitigation) / remainder.ResidentialBase, remainder.TaxRate, 1e-12);
        var rich = books.Single(f => f.Jurisdiction == "rich");
        Assert.Equal((rich.Spending + r.Mitigation) / rich.ResidentialBase, rich.TaxRate, 1e-12);
    }

    [Fact]
    public void Viability_check_keeps_a_costly_proposal_off_the_ballot()
    {
        // The poor half alone pays its own costs from half the base per resident: its rate exceeds the city's, so a
        // check that allows no rate increase rejects it and nothing changes; one that allows a doubling lets it vote.
        Referendum Poor(double ratio) => new("poor", 2025, "poor", [1], "poor", DecisionRule.DirectDemocracy,
            new VotingRule(VotingRuleKind.SimpleMajority), 0, Turnout.Full, Viability: new ViabilityCheck(0, ratio), Structures: ["city"]);
        var strict = Simulator.Run(TwoHoods(Poor(1.0)), new RunOptions()).Replications[0];
        var r = strict.Referenda!.Single();
        Assert.Equal(ReferendumStatus.NotViable, r.Status);
        Assert.True(r.NewCityRate > r.OldRate);
        Assert.False(r.TookEffect);
        Assert.DoesNotContain(strict.Structures[0].Fiscal, f => f.Jurisdiction == "poor");
        var lenient = Simulator.Run(TwoHoods(Poor(10.0)), new RunOptions()).Replications[0].Referenda!.Single();
        Assert.Equal(ReferendumStatus.Held, lenient.Status);
    }

    [Fact]
    public void Assets_and_debts_split_by_assessed_value()
    {
        var referendum = new Referendum("rich", 2025, "rich", [0], "rich", DecisionRule.DirectDemocracy,
            new VotingRule(VotingRuleKind.SimpleMajority), 0, Turnout.Full, Separation: new SeparationTerms(900, 300));
        var r = Simulator.Run(TwoHoods(referendum), new RunOptions()).Replications[0].Referenda!.Single();
        Assert.Equal(600, r.AssetsToNewCity, 1e-9);   // 2/3 of the assessed value lies in the area
        Assert.Equal(200, r.DebtsToNewCity, 1e-9);
    }

    [Theory]
    [InlineData(VotingRuleKind.SimpleMajority)]
    [InlineData(VotingRuleKind.DoubleMajority)]
    public void Endogenous_mode_lets_B9a_areas_vote_every_year_until_none_is_inside_a_larger_city(VotingRuleKind rule)
    {
        // Both B9a regions are candidates. In 2025 the Valley votes yes 0.55 and the Rest 0.20 (B9a); the unilateral rule
        // lets the Valley go, after which both are whole cities and nobody votes again. Under the double majority (city
        // yes 0.32775) nobody leaves, and both vote again every year.
        var endogenous = new EndogenousSecession([new("valley", [0, 1, 2]), new("rest", [3, 4, 5])], Valley(rule: rule));
        var scenario = B9(Valley()) with { Referenda = null, Endogenous = endogenous, Years = 3 };
        var result = Simulator.Run(scenario, new RunOptions()).Replications[0];
        var votes = result.Referenda!;
        var first = votes.Where(r => r.Year == 2025).ToDictionary(r => r.Area);
        Support.Tolerance.AssertT0Share(0.55, first["valley"].AreaYes, "Valley yes");
        Support.Tolerance.AssertT0Share(0.20, first["rest"].AreaYes, "Rest yes");
        Support.Tolerance.AssertT0Share(0.32775, first["valley"].CityYes, "city yes");
        Assert.False(first["rest"].Passed);
        var cities = result.Structures[0].Fiscal.Where(f => f.Year == 2027).Select(f => f.Jurisdiction).Order().ToList();
        if (rule == VotingRuleKind.SimpleMajority)
        {
            Assert.True(first["valley"].Passed);
            Assert.Equal(2, votes.Count);                       // no candidate is inside a larger city after 2025
            Assert.Equal(["city", "valley"], cities);
        }
        else
        {
            Assert.False(first["valley"].Passed);
            Assert.Equal(6, votes.Count);                       // two candidates × three years
            Assert.Equal(["city"], cities);
        }
    }
}
