using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Space;
using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

public class MappingTests
{
    private static PolySim.Core.Simulation.Scenario Load(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, "m.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Scenario!;
    }

    [Fact]
    public void A_small_file_gets_the_documented_defaults()
    {
        var s = Load(Minimal.Yaml);

        Assert.Equal("tiny", s.Name);
        Assert.Equal((2025, 10, 1UL, 1), (s.StartYear, s.Years, s.Seed, s.Replications));
        Assert.Equal(DecisionSettings.Default, s.Decisions);
        Assert.Equal(PolySim.Core.Welfare.UtilitySettings.Default, s.Utility);
        Assert.Equal((10, 0.0), (s.Households.TypesPerGroup, s.Households.IncomeGrowth));

        var g = s.Households.Groups[0];
        Assert.Equal((0.5, 0.2, 0.2, 4.0, 0.6, 2.5), (g.IncomeSigma, g.PreferenceSigma, g.NeedMean, g.NeedConcentration, g.OwnerShare, g.Persons));

        var good = s.Goods[0];
        Assert.Equal("w", good.Name);
        Assert.Equal((1.0, PolySim.Core.Welfare.BenefitForm.Log, Production.InHouse), (good.Rivalry, good.Benefit, good.Production));
        Assert.Equal(0, good.Spillover.Share);
        Assert.Equal(ConsumerCost.None, good.ConsumerCost);

        var structure = Assert.Single(s.Structures);
        Assert.Equal(("consolidated", StructureKind.Consolidated), (structure.Id, structure.Kind));
        Assert.Equal("consolidated", s.Baseline);
        Assert.Equal(new DecisionRule(DecisionRuleKind.Council, 15, CaptureModel.LobbyMix, 0.4, 250_000, null, 0, 2), structure.CityRule);
        var dd = structure.NeighborhoodRule;
        Assert.Equal((DecisionRuleKind.DirectDemocracy, 0, 0.0, 20.0), (dd.Kind, dd.Seats, dd.CaptureMax, dd.MeetingHoursPerYear));
        Assert.Equal(PolySim.Core.Finance.FiscalRule.Default.Tax, structure.Finance.Tax);
        Assert.Equal((1.0, 0.06), (structure.Finance.CommercialRatio, structure.Finance.HousingCostRate));

        var a = s.Region.Neighborhoods[0];
        Assert.Equal(Math.Ceiling(100 / 0.95), a.Dwellings);
        Assert.Equal(5.0, s.Region.Distance(0, 1), 12); // Euclidean (3, 4)
    }

    private static string WithAnyGood(string goodLines) => Minimal.Yaml.Replace(
        "  - id: w\n    cost: { base: 100, premium: 1, optimal_scale: 10000 }", goodLines);

    [Fact]
    public void Facility_scale_defaults_to_the_optimal_scale_and_shorthand_rules_work()
    {
        var s = Load(WithAnyGood("  - id: w\n    cost: { base: 100, premium: 1, optimal_scale: 25000 }\n    consumer_cost: { trips_per_resident: 4 }")
            + "\nstructures:\n  - { kind: two_tier, neighborhood_rule: planner, metro_rule: direct_democracy }\n");
        var cc = s.Goods[0].ConsumerCost;
        Assert.Equal((4.0, 2.0, 25_000.0, 2000.0, 0.85, 15.0), (cc.TripsPerResident, cc.CostPerKm, cc.FacilityScale, cc.OpenHoursPerYear, cc.TargetUtilization, cc.ValueOfTimePerHour));
        var st = s.Structures[0];
        Assert.Equal("two_tier", st.Id);
        Assert.Equal((DecisionRuleKind.Planner, 0.0, 0.0), (st.NeighborhoodRule.Kind, st.NeighborhoodRule.CaptureMax, st.NeighborhoodRule.MeetingHoursPerYear));
        Assert.Equal((DecisionRuleKind.DirectDemocracy, 20.0), (st.MetroRule.Kind, st.MetroRule.MeetingHoursPerYear));
        Assert.Equal(TierAssignment.FiscalEquivalence, st.Assignment);
    }

    [Fact]
    public void Maps_have_ordinal_key_order_and_preferences_cover_every_good()
    {
        var s = Load(WithAnyGood("  - { id: w, cost: { base: 1, optimal_scale: 10 } }\n  - { id: a, cost: { base: 1, optimal_scale: 10 } }")
            .Replace("preferences: { w: 0.05 }", "preferences: { w: 0.05 }"));
        Assert.Equal(["a", "w"], s.Households.Groups[0].Preferences.Keys);
        Assert.Equal(0, s.Households.Groups[0].Preferences["a"]);
    }

    [Fact]
    public void Grid_regions_use_the_engine_generator()
    {
        const string yaml = """
            name: grid
            households:
              groups: [{ id: lo, income_median: 30000 }, { id: hi, income_median: 90000 }]
            region:
              grid:
                width: 4
                height: 3
                cell_km: 1.5
                dwellings: 1000
                group_mix_centre: { lo: 0.8, hi: 0.2 }
                group_mix_edge: { lo: 0.2, hi: 0.8 }
                cities: 4
            goods: [{ id: w, cost: { form: constant, base: 100 } }]
            """;
        var s = Load(yaml);
        var expected = new RegionGrid(4, 3, 1.5, 1000, 250_000, 0, 0, 0, 0, 0.95,
            new Dictionary<string, double> { ["hi"] = 0.2, ["lo"] = 0.8 }, new Dictionary<string, double> { ["hi"] = 0.8, ["lo"] = 0.2 },
            new Dictionary<string, double>(), 0, 4).Generate();
        Assert.Equal(12, s.Region.Count);
        Assert.Equal(expected.Select(n => (n.Id, n.X, n.Y, n.City, n.Households["lo"], n.Households["hi"])),
            s.Region.Neighborhoods.Select(n => (n.Id, n.X, n.Y, n.City, n.Households["lo"], n.Households["hi"])));
        Assert.Equal(10_000, s.Goods[0].Cost.OptimalScale); // constant cost: nominal n*
    }

    [Fact]
    public void An_explicit_distance_matrix_replaces_centroid_distances()
    {
        const string yaml = """
            name: d
            households: { groups: [{ id: g, income_median: 40000 }] }
            region:
              neighborhoods:
                - { id: a, households: { g: 10 } }
                - { id: b, households: { g: 10 } }
                - { id: c, households: { g: 10 } }
              distances: [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
            goods: [{ id: w, cost: { base: 10, optimal_scale: 100 }, spillover: { share: 0.5, decay_km: .inf } }]
            """;
        var s = Load(yaml);
        Assert.Equal(1.0, s.Region.Distance(0, 2));
        Assert.Equal(0.0, s.Region.Neighborhoods[2].X);
        Assert.Equal(0.5, s.Goods[0].Spillover.Weight(1000));
    }

    [Fact]
    public void A_wrongly_sized_distance_matrix_is_an_error()
    {
        const string yaml = """
            name: d
            households: { groups: [{ id: g, income_median: 40000 }] }
            region:
              neighborhoods:
                - { id: a, households: { g: 10 } }
                - { id: b, households: { g: 10 } }
              distances: [[0, 1], [1]]
            goods: [{ id: w, cost: { base: 10, optimal_scale: 100 } }]
            """;
        var error = Assert.Single(ScenarioLoader.Parse(yaml, "d.yaml").Errors);
        Assert.Equal(("region.distances[1]", 7, 23), (error.Path, error.Line, error.Column));
    }
}
