using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

public class ShippedScenarioTests
{
    private const string Modeline = "# yaml-language-server: $schema=./schema/polysim.scenario.schema.json";

    [Theory]
    [InlineData("scenarios/textbook.yaml")]
    [InlineData("scenarios/metro-baseline.yaml")]
    [InlineData("scenarios/endogenous-boundaries.yaml")]
    public void Loads_without_any_diagnostic_and_references_the_schema(string relative)
    {
        string path = RepoPaths.File(relative);
        var result = ScenarioLoader.Load(path);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Scenario);
        Assert.Matches("^[0-9a-f]{64}$", result.ResolvedSha256);
        Assert.Matches("^[0-9a-f]{64}$", result.FileSha256);
        Assert.Equal(Modeline, File.ReadLines(path).First());
    }

    [Fact]
    public void Textbook_is_a_small_three_neighborhood_comparison()
    {
        var s = ScenarioLoader.Load(RepoPaths.File("scenarios/textbook.yaml")).Scenario!;

        Assert.Equal(3, s.Region.Count);
        Assert.Equal(5, s.Years);
        Assert.Equal(HouseholdMode.Agents, s.Households.Mode);
        double households = s.Region.Neighborhoods.Sum(n => n.Households.Values.Sum());
        Assert.InRange(households, 1000, 10_000);
        Assert.InRange(s.Households.Groups.Count, 2, 3);
        Assert.Equal([StructureKind.Consolidated, StructureKind.Fragmented, StructureKind.TwoTier], s.Structures.Select(x => x.Kind));
        Assert.Equal("consolidated", s.Baseline);
        Assert.Single(s.Bads);
        Assert.Contains(s.Goods, g => g.Reduces == s.Bads[0].Id);
        // a labour-intensive good with small n*, a need-sensitive one, a capital-intensive one
        Assert.Contains(s.Goods, g => g.Cost.OptimalScale <= 10_000 && g.CapitalIntensity <= 0.2 && g.Reduces is null);
        Assert.Contains(s.Goods, g => g.NeedSensitivity >= 0.5);
        Assert.Contains(s.Goods, g => g.Cost.OptimalScale >= 1_000_000 && g.CapitalIntensity >= 0.8);
    }

    [Fact]
    public void Metro_baseline_has_the_stated_size_goods_and_structures()
    {
        var s = ScenarioLoader.Load(RepoPaths.File("scenarios/metro-baseline.yaml")).Scenario!;

        Assert.InRange(s.Region.Count, 150, 300);
        var persons = s.Households.Groups.ToDictionary(g => g.Id, g => g.Persons);
        double households = s.Region.Neighborhoods.Sum(n => n.Households.Values.Sum());
        double residents = s.Region.Neighborhoods.Sum(n => n.Households.Sum(kv => kv.Value * persons[kv.Key]));
        Assert.InRange(households, 550_000, 650_000);
        Assert.InRange(residents, 1_400_000, 1_600_000);
        Assert.All(s.Region.Neighborhoods, n =>
            Assert.InRange(n.Households.Sum(kv => kv.Value * persons[kv.Key]), 5_000, 10_000));
        Assert.InRange(s.Region.Neighborhoods.Select(n => n.City).Distinct().Count(), 20, 30);
        Assert.InRange(s.Households.Groups.Count, 3, 4);
        Assert.Equal(20, s.Years);
        Assert.Equal(HouseholdMode.Agents, s.Households.Mode);
        Assert.True(s.Goods.Count >= 6);

        // B6 cost parameters (benchmarks.md): b, theta, n*
        var b6 = new Dictionary<string, (double b, double theta, double n)>
        {
            ["foot_patrol"] = (170, 0.5, 10_000),
            ["streets_parks"] = (80, 0.3, 25_000),
            ["schooling"] = (1400, 5, 25_000),
            ["fire"] = (110, 2, 100_000),
            ["police_support"] = (15, 2, 1_000_000),
            ["water_sewage"] = (280, 4, 1_000_000),
            ["transit"] = (200, 5, 2_000_000),
        };
        foreach (var (id, (b, theta, n)) in b6)
        {
            var cost = s.Goods.Single(g => g.Id == id).Cost;
            Assert.Equal((b, theta, n), (cost.Base, cost.Premium, cost.OptimalScale));
        }
        Assert.True(s.Goods.Single(g => g.Id == "schooling").NeedSensitivity > 0);

        var bad = Assert.Single(s.Bads);
        Assert.Equal(10_000, bad.FaceToFaceScale);
        Assert.Contains(s.Goods, g => g.Reduces == bad.Id);

        // public spending share alpha: 5-15% on average
        foreach (var g in s.Households.Groups) Assert.InRange(g.Preferences.Values.Sum(), 0.03, 0.16);

        var consolidated = s.Structures.Single(x => x.Kind == StructureKind.Consolidated);
        var fragmented = s.Structures.Single(x => x.Kind == StructureKind.Fragmented);
        var twoTier = s.Structures.Single(x => x.Kind == StructureKind.TwoTier);
        Assert.Equal((DecisionRuleKind.Council, 15), (consolidated.CityRule.Kind, consolidated.CityRule.Seats));
        Assert.Equal((DecisionRuleKind.Council, 7), (fragmented.CityRule.Kind, fragmented.CityRule.Seats));
        Assert.Equal(DecisionRuleKind.DirectDemocracy, twoTier.NeighborhoodRule.Kind);
        Assert.Equal(DecisionRuleKind.Council, twoTier.MetroRule.Kind);
        Assert.Equal(TierAssignment.FiscalEquivalence, twoTier.Assignment);
        Assert.Equal(consolidated.Id, s.Baseline);
    }
}
