using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Secession;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Validation;

/// <summary>
/// benchmarks.md B9a through the engine: the Bolton–Roland toy as a consolidated city with local redistribution (linear
/// income tax, lump-sum rebate, quadratic deadweight cost; the rate set by the median voter) and a fixed governance cost
/// per city, and the Valley's secession referendum evaluated by <see cref="ReferendumEvaluator"/> under the unilateral
/// and double-majority rules and with a hold-harmless mitigation payment. Expected numbers are B9a's printed values
/// (computed by benchmarks-calc/b9.py); the test reads the engine's rates, gains and vote shares.
/// </summary>
public class B9SecessionTests
{
    // 100,000 one-person households: Valley 36.5% (45% at 25, 25% at 60, 30% at 120), Rest 63.5% (45% at 20, 35% at 45,
    // 20% at 160); one neighborhood per income type so that the engine's vote by neighborhood is the vote by type.
    private static readonly (string Id, double Income, double Households, bool Valley)[] Types =
    [
        ("v25", 25, 16_425, true), ("v60", 60, 9_125, true), ("v120", 120, 10_950, true),
        ("r20", 20, 28_575, false), ("r45", 45, 22_225, false), ("r160", 160, 12_700, false),
    ];
    private const double Population = 100_000, FixedCostPerCapita = 0.5;   // F/P = 0.5 under union

    private static Referendum Vote(string id, VotingRuleKind rule, MitigationTerms? mitigation = null) =>
        new(id, 2025, "valley", [0, 1, 2], "valley", DecisionRule.DirectDemocracy, new VotingRule(rule), 0, Turnout.Full,
            mitigation, Structures: [id]);

    private static RunResult Run()
    {
        var finance = HeadTax() with { Redistribution = new Redistribution(1), GovernanceCost = FixedCostPerCapita * Population };
        var hoods = Types.Select((t, i) => Hood(t.Id, i, Map((t.Id, t.Households)), city: "la")).ToList();
        var groups = Types.Select(t => Group(t.Id, None, income: t.Income)).ToList();
        string[] structures = ["union", "unilateral", "double", "mitigated"];
        var scenario = Scenario(hoods, groups, [],
            structures.Select(id => Structure(id, StructureKind.Consolidated, DecisionRule.DirectDemocracy, finance)).ToList()) with
        {
            Referenda =
            [
                Vote("unilateral", VotingRuleKind.SimpleMajority),
                Vote("double", VotingRuleKind.DoubleMajority),
                Vote("mitigated", VotingRuleKind.SimpleMajority, new MitigationTerms(MitigationBasis.HoldHarmless, 1, 0, 0, 1)),
            ],
        };
        return Simulator.Run(scenario, new RunOptions());
    }

    private static readonly Lazy<RunResult> Result = new(Run);

    private static ReferendumResult Referendum(string id) => Result.Value.Replications[0].Referenda!.Single(r => r.Referendum == id);

    private static double Gain(ReferendumResult r, string type) => r.Votes.Single(v => v.Group == type).Gain;

    [Fact]
    public void B9a_tax_rates_under_union_and_separation()
    {
        // Printed to 6 decimals in B9a: agree to half a unit in the last place.
        Assert.Equal(0.234140, Value(Result.Value, 0, "union", "redistribution_rate", "city"), 5e-7);
        Assert.Equal(0.036145, Value(Result.Value, 0, "unilateral", "redistribution_rate", "valley"), 5e-7);
        Assert.Equal(0.207048, Value(Result.Value, 0, "unilateral", "redistribution_rate", "city"), 5e-7);
        // The double majority keeps the union: the structure still has one city at t_C.
        Assert.Equal(0.234140, Value(Result.Value, 0, "double", "redistribution_rate", "city"), 5e-7);
    }

    [Fact]
    public void B9a_gains_by_type_and_votes_under_both_rules()
    {
        var unilateral = Referendum("unilateral");
        (string Type, double Gain)[] expected =
            [("v25", -5.8575), ("v60", 1.0723), ("v120", 12.9521), ("r20", -1.3589), ("r45", -0.6816), ("r160", 2.4340)];
        foreach (var (type, gain) in expected) Assert.Equal(gain, Gain(unilateral, type), 5e-5);   // printed to 4 decimals

        Support.Tolerance.AssertT0Share(0.55, unilateral.AreaYes, "Valley yes");
        Support.Tolerance.AssertT0Share(0.32775, unilateral.CityYes, "citywide yes");
        Assert.True(unilateral.PassesSimple);
        Assert.False(unilateral.PassesDouble);
        Assert.True(unilateral.Passed);

        var doubleMajority = Referendum("double");
        Support.Tolerance.AssertT0Share(0.55, doubleMajority.AreaYes, "Valley yes");
        Assert.False(doubleMajority.Passed);
        Assert.Equal(ReferendumStatus.Held, doubleMajority.Status);
    }

    [Fact]
    public void B9a_revenue_neutrality_payment_turns_the_Valley_vote()
    {
        var mitigated = Referendum("mitigated");
        Assert.Equal(1.185771, mitigated.Mitigation / mitigated.Population, 5e-7);    // per Valley resident
        Assert.Equal(-0.1135, Gain(mitigated, "v60"), 5e-5);                          // the Valley median now loses
        Assert.Equal(0, Gain(mitigated, "r45"), 1e-9);                                // the Rest median is held harmless
        Support.Tolerance.AssertT0Share(0.30, mitigated.AreaYes, "Valley yes with mitigation");
        Support.Tolerance.AssertT0Share(0.2365, mitigated.CityYes, "citywide yes with mitigation");
        Assert.False(mitigated.PassesSimple);
        Assert.False(mitigated.Passed);
    }

    [Fact]
    public void A_passed_referendum_changes_the_structure_and_the_run_continues()
    {
        var union = Result.Value.Replications[0].Structures.Single(s => s.StructureId == "union");
        var unilateral = Result.Value.Replications[0].Structures.Single(s => s.StructureId == "unilateral");
        Assert.DoesNotContain(union.Fiscal, f => f.Jurisdiction == "valley");
        var valley = unilateral.Fiscal.Single(f => f.Jurisdiction == "valley");
        // The new city pays its own fixed cost F out of a head tax: f_V = F/Pop_V = 1.369863 (B9a).
        Assert.Equal(1.369863, valley.TaxRate, 5e-7);
        Assert.Equal(36_500, valley.Population, 1e-9);
        Assert.Equal(0.787402, unilateral.Fiscal.Single(f => f.Jurisdiction == "city").TaxRate, 5e-7);
    }
}
