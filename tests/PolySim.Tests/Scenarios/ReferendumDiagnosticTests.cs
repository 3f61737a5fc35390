using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

/// <summary>Bad referendum input is rejected with the file, line, key and what would be valid (MODEL.md section 7 keys).</summary>
public class ReferendumDiagnosticTests
{
    private static string Scenario(string referenda, string key = "referenda") => $$"""
        name: referenda
        households:
          groups:
            - { id: g, income_median: 50000, preferences: { w: 0.05 } }
        region:
          neighborhoods:
            - { id: a, district: north, x: 0, y: 0, households: { g: 100 } }
            - { id: b, district: south, x: 3, y: 4, households: { g: 50 } }
        goods:
          - { id: w, cost: { base: 100, premium: 1, optimal_scale: 10000 } }
        {{key}}:
        {{referenda}}
        """;

    /// <summary>A scenario with one referendum: its id and year, then one line per further key.</summary>
    private static ScenarioLoadResult One(string id, int year, params string[] keys) =>
        ScenarioLoader.Parse(Scenario($"  - id: {id}\n    year: {year}\n" + string.Concat(keys.Select(k => $"    {k}\n"))), "r.yaml");

    [Fact]
    public void A_valid_referendum_maps_its_area_and_terms()
    {
        var result = ScenarioLoader.Parse(Scenario("""
              - id: north
                year: 2025
                districts: [north]
                rule: supermajority
                threshold: 0.6
                mitigation: { basis: hold_harmless, years: 5 }
                viability: { min_population: 50 }
            """), "r.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var r = Assert.Single(result.Scenario!.Referenda!);
        Assert.Equal([0], r.Neighborhoods);
        Assert.Equal("north", r.NewCity);
        Assert.Equal(Core.Decisions.DecisionRuleKind.Council, r.NewCityRule.Kind);
        Assert.True(r.Rule.Passes(0.6, 0));
        Assert.False(r.Rule.Passes(0.59, 1));
        Assert.Equal(Core.Secession.MitigationBasis.HoldHarmless, r.Mitigation!.Basis);
        Assert.Equal(50, r.Viability!.MinPopulation);
    }

    [Fact]
    public void An_unknown_district_names_the_valid_ones()
    {
        var result = One("east", 2025, "districts: [east]");
        Assert.False(result.IsValid);
        var d = Assert.Single(result.Errors);
        Assert.Equal("referenda[0].districts[0]", d.Path);
        Assert.Equal("r.yaml", d.File);
        Assert.Equal(14, d.Line);
        Assert.Contains("Unknown district 'east'", d.Message);
        Assert.Contains("valid districts: north, south", d.Message);
    }

    [Fact]
    public void A_referendum_without_an_area_or_with_an_unknown_neighborhood_is_an_error()
    {
        var result = ScenarioLoader.Parse(Scenario("""
              - id: none
                year: 2025
              - id: typo
                year: 2025
                neighborhoods: [aa]
            """), "r.yaml");
        Assert.Contains(result.Errors, d => d.Path == "referenda[0]" && d.Message.Contains("needs an area"));
        Assert.Contains(result.Errors, d => d.Path == "referenda[1].neighborhoods[0]" && d.Message.Contains("valid neighborhoods: a, b"));
    }

    [Fact]
    public void A_new_city_may_not_take_an_existing_jurisdiction_id()
    {
        var result = One("north", 2025, "districts: [north]", "new_city: b");
        var d = Assert.Single(result.Errors);
        Assert.Equal("referenda[0].new_city", d.Path);
        Assert.Contains("'b' is already the id of a jurisdiction", d.Message);
    }

    [Fact]
    public void A_vote_outside_the_horizon_is_a_warning()
    {
        var result = One("late", 2100, "districts: [north]");
        Assert.True(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Path == "referenda[0].year" && d.Message.Contains("will not be held"));
    }

    [Fact]
    public void Endogenous_secession_maps_every_district_and_checks_named_ones()
    {
        var valid = ScenarioLoader.Parse(Scenario("  rule: simple_majority", "endogenous_secession"), "e.yaml");
        Assert.True(valid.IsValid, string.Join("\n", valid.Diagnostics));
        var e = valid.Scenario!.Endogenous!;
        Assert.Equal(["north", "south"], e.Candidates.Select(c => c.Area));
        Assert.Equal([1], e.Candidates[1].Neighborhoods);
        Assert.Equal(Core.Secession.VotingRuleKind.SimpleMajority, e.Terms.Rule.Kind);

        var invalid = ScenarioLoader.Parse(Scenario("  districts: [west]", "endogenous_secession"), "e.yaml");
        var d = Assert.Single(invalid.Errors);
        Assert.Equal("endogenous_secession.districts[0]", d.Path);
        Assert.Contains("valid districts: north, south", d.Message);
    }

    [Fact]
    public void Endogenous_boundaries_map_mergers_and_federation_and_check_their_keys()
    {
        var valid = ScenarioLoader.Parse(Scenario("  generated_areas: 3\n  mergers: true\n  federation: { goods: [w] }\n  max_changes: 2", "endogenous_secession"), "e.yaml");
        Assert.True(valid.IsValid, string.Join("\n", valid.Diagnostics));
        var e = valid.Scenario!.Endogenous!;
        Assert.Equal(3, e.GeneratedAreas);
        Assert.True(e.Mergers);
        Assert.Equal([true], e.Federation!.Goods);
        Assert.Equal(Core.Decisions.DecisionRuleKind.Council, e.Federation.Rule.Kind);
        Assert.Equal(Core.Secession.ConsolidationRule.ConcurrentMajorities, e.Consolidation);
        Assert.Equal(2, e.MaxChanges);

        var unknown = ScenarioLoader.Parse(Scenario("  federation: { goods: [police] }", "endogenous_secession"), "e.yaml");
        AssertOnlyError(unknown, ("e.yaml", 12, "endogenous_secession.federation.goods[0]"), "police");
    }

    /// <summary>The result's one error is at (file, line, key) and its message contains <paramref name="text"/>.</summary>
    private static void AssertOnlyError(ScenarioLoadResult result, (string File, int Line, string Path) at, string text)
    {
        var d = Assert.Single(result.Errors);
        Assert.Equal(at, (d.File, d.Line, d.Path));
        Assert.Contains(text, d.Message);
    }

    [Fact]
    public void Re_sorting_before_a_vote_needs_sorting()
    {
        AssertOnlyError(One("north", 2025, "districts: [north]", "resort_rounds: 2"), ("r.yaml", 15, "referenda[0].resort_rounds"), "add a 'sorting' section");
        var endogenous = ScenarioLoader.Parse(Scenario("  resort_rounds: 1", "endogenous_secession"), "e.yaml");
        Assert.Contains(endogenous.Errors, x => x.Path == "endogenous_secession.resort_rounds");
    }
}
