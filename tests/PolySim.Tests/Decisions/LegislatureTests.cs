using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using PolySim.Scenarios;
using static PolySim.Tests.Support.Textbook;
using static PolySim.Tests.Support.Tolerance;

namespace PolySim.Tests.Decisions;

/// <summary>
/// The upper tier's legislature options (MODEL.md section 5; docs/model.md "Upper-tier legislatures") on a case small
/// enough to compute by hand. Five one-person households in three neighborhoods along a line, one metro good with the
/// B4a technology (quadratic benefit θg − g²/2, unit cost p = 10 per resident, head tax), so each resident's ideal
/// level is θ − p whatever the others do:
///   A (x = 0): θ = 20, 30, 40 → ideals 10, 20, 30 (median 20);  B (x = 1): θ = 100 → 90;  C (x = 2): θ = 50 → 40.
/// Metro median of {10, 20, 30, 40, 90}: 30. Equal-weight median of the neighborhood medians {20, 90, 40}: 40.
/// </summary>
public class LegislatureTests
{
    private static readonly PublicGood Metro = Good("g", 10, BenefitForm.Quadratic, curvature: 1, tier: Tier.Metro);

    private static Structure TwoTier(string id, Legislature? legislature, int seats = 2) =>
        Structure(id, StructureKind.TwoTier, Council(seats) with { Legislature = legislature },
            neighborhoodRule: DecisionRule.DirectDemocracy, assignment: TierAssignment.ByHand);

    private static RunResult Run(params Structure[] structures) => Simulator.Run(Scenario(
        [
            Hood("A", 0, Map(("t20", 1), ("t30", 1), ("t40", 1))),
            Hood("B", 1, Map(("t100", 1))),
            Hood("C", 2, Map(("t50", 1))),
        ],
        new[] { 20, 30, 40, 100, 50 }.Select(t => Group($"t{t}", Map(("g", t)))).ToList(),
        [Metro],
        structures), new RunOptions());

    [Fact]
    public void Each_form_maps_ideal_points_to_the_hand_computed_decision()
    {
        var result = Run(
            TwoTier("districts", null),                                                    // rule's 2 seats: districts {A}, {B, C}
            TwoTier("sized", new Legislature(LegislatureForm.Districts, 0, 2.5, 0)),        // 5 residents / 2.5 = 2 districts
            TwoTier("members", new Legislature(LegislatureForm.NeighborhoodMembers, 0, 0, 0)),
            TwoTier("ex_officio", new Legislature(LegislatureForm.ExOfficio, 0, 0, 0)),
            TwoTier("at_large", new Legislature(LegislatureForm.AtLarge, 9, 0, 0)),
            TwoTier("pr5", new Legislature(LegislatureForm.Proportional, 5, 0, 2)),
            TwoTier("pr4", new Legislature(LegislatureForm.Proportional, 4, 0, 2)));
        AssertConverged(result);

        // Districts {A} and {B, C} (population split 3 | 2 by coordinate bisection): representatives 20 and
        // (40 + 90)/2 = 65 (an even split of two residents); the two-member council's even split: (20 + 65)/2.
        AssertT0(42.5, Region(result, "districts", "level:g"), what: "districts");
        AssertT0(42.5, Region(result, "sized", "level:g"), what: "district_size 2.5");
        // Neighborhood members carry 20, 90, 40 with votes 3, 1, 1: cumulative 3 > 5/2 at 20.
        AssertT0(20, Region(result, "members", "level:g"), what: "neighborhood members, votes by residents");
        // Ex officio delegates carry the same positions with one vote each: median of {20, 40, 90}.
        AssertT0(40, Region(result, "ex_officio", "level:g"), what: "ex officio, one government one vote");
        // At large every member answers to the metro median voter.
        AssertT0(30, Region(result, "at_large", "level:g"), what: "at large");
        // Two blocs by ideal-point rank: mid-ranks 0.1, 0.3 → bloc 1 {10, 20}; 0.5, 0.7, 0.9 → bloc 2 {30, 40, 90}.
        // Positions 15 and 40. Five seats: Hare quotas 2 and 3 exactly → 40. Four seats: quotas 1.6 and 2.4 → 1 + 2,
        // the last seat to the larger remainder (0.6, bloc 1) → 2 | 2, an even split: (15 + 40)/2.
        AssertT0(40, Region(result, "pr5", "level:g"), what: "proportional, 5 seats");
        AssertT0(27.5, Region(result, "pr4", "level:g"), what: "proportional, 4 seats");
    }

    [Fact]
    public void Localism_index_and_residents_per_decision_maker()
    {
        var result = Run(
            TwoTier("districts", null),
            TwoTier("members", new Legislature(LegislatureForm.NeighborhoodMembers, 0, 0, 0)),
            TwoTier("ex_officio", new Legislature(LegislatureForm.ExOfficio, 0, 0, 0)),
            TwoTier("at_large", new Legislature(LegislatureForm.AtLarge, 9, 0, 0)));
        // l = (L − M)/M = (40 − 30)/30 = 1/3; index = d/l with d = (r − M)/M for the single good.
        string index = MetricCatalog.LocalismIndex.Name;
        AssertT0(1, Region(result, "ex_officio", index), what: "ex officio decides at L");
        AssertT0(0, Region(result, "at_large", index), what: "at large decides at M");
        AssertT0(-1, Region(result, "members", index), what: "(20 − 30)/30 ÷ 1/3");
        AssertT0(1.25, Region(result, "districts", index), what: "(42.5 − 30)/30 ÷ 1/3");
        // Residents per decision-maker: 5 residents over 3 delegates, 2 district members, 9 members at large.
        string perSeat = MetricCatalog.ResidentsPerDecisionMaker.Name;
        AssertT0(5.0 / 3, Region(result, "ex_officio", perSeat));
        AssertT0(2.5, Region(result, "districts", perSeat));
        AssertT0(5.0 / 9, Region(result, "at_large", perSeat));
    }

    private static string Yaml(string kind, string legislature, string extra = "") => $$"""
        name: legislature
        households:
          groups:
            - { id: g, income_median: 50000, preferences: { w: 0.05 } }
        region:
          neighborhoods:
            - { id: a, x: 0, y: 0, households: { g: 100 } }
            - { id: b, x: 3, y: 4, households: { g: 50 } }
        goods:
          - { id: w, cost: { base: 100, premium: 1, optimal_scale: 10000 } }
        structures:
          - kind: {{kind}}
            {{extra}}
            legislature: {{legislature}}
        """;

    [Theory]
    [InlineData("consolidated", "{ form: at_large }", "", "structures[0].legislature", "has no upper tier")]
    [InlineData("administrative_decentralization", "{ form: ex_officio }", "", "structures[0].legislature.form", "neighborhood governments")]
    [InlineData("two_tier", "{ form: at_large, district_size: 100000 }", "", "structures[0].legislature.district_size", "only to form 'districts'")]
    [InlineData("two_tier", "{ form: districts, blocs: 3 }", "", "structures[0].legislature.blocs", "only to form 'proportional'")]
    [InlineData("two_tier", "{ form: ex_officio, seats: 5 }", "", "structures[0].legislature.seats", "one member per neighborhood")]
    [InlineData("two_tier", "{ form: districts, seats: 5, district_size: 100000 }", "", "structures[0].legislature.seats", "not both")]
    [InlineData("two_tier", "{ form: at_large }", "metro_rule: direct_democracy", "structures[0].legislature", "needs a council upper tier")]
    public void Invalid_legislatures_are_rejected_with_the_key(string kind, string legislature, string extra, string path, string message)
    {
        var result = ScenarioLoader.Parse(Yaml(kind, legislature, extra), "l.yaml");
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Valid_legislatures_load_and_map_to_the_upper_rule()
    {
        var twoTier = ScenarioLoader.Parse(Yaml("two_tier", "{ form: proportional, seats: 21 }"), "l.yaml");
        Assert.True(twoTier.IsValid, string.Join("\n", twoTier.Diagnostics));
        Assert.Equal(new Legislature(LegislatureForm.Proportional, 21, 0, 5), twoTier.Scenario!.Structures[0].MetroRule.Legislature);
        Assert.Null(twoTier.Scenario.Structures[0].CityRule.Legislature);

        var city = ScenarioLoader.Parse(Yaml("political_decentralization", "{ form: ex_officio }"), "l.yaml");
        Assert.True(city.IsValid, string.Join("\n", city.Diagnostics));
        Assert.Equal(LegislatureForm.ExOfficio, city.Scenario!.Structures[0].CityRule.Form);

        var sized = ScenarioLoader.Parse(Yaml("two_tier", "{ form: districts, district_size: 20000 }"), "l.yaml");
        Assert.True(sized.IsValid);
        Assert.Contains(sized.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains("50,000-500,000"));
    }
}
