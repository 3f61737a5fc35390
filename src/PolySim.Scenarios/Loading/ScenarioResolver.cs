using PolySim.Core.Households;
using PolySim.Core.Decisions;
using PolySim.Core.Goods;

namespace PolySim.Scenarios;

/// <summary>
/// Fills the defaults that depend on other values (documented by <see cref="DerivedDefaultAttribute"/>), so that the
/// resolved specification states every value the engine will use.
/// </summary>
internal static class ScenarioResolver
{
    /// <summary>Vacancy assumed when a neighborhood's dwellings are not given.</summary>
    public const double DefaultOccupancy = 0.95;

    /// <summary>n* used for constant-cost goods (only as their default facility scale).</summary>
    public const double ConstantCostScale = 10_000;

    /// <summary>Ids and names first: references and duplicates are checked against these.</summary>
    public static void ResolveIds(ScenarioSpec spec)
    {
        if (spec.Structures.Count == 0)
            spec.Structures.Add(new StructureSpec { Kind = Core.Governance.StructureKind.Consolidated });
        foreach (var s in spec.Structures) s.Id ??= SpecModel.EnumName(s.Kind);
        foreach (var g in spec.Goods) g.Name ??= g.Id;
        foreach (var b in spec.Bads) b.Name ??= b.Id;
        foreach (var n in spec.Region.Neighborhoods ?? []) n.Name ??= n.Id;
    }

    /// <summary>Every other derived default.</summary>
    public static void ResolveDefaults(ScenarioSpec spec)
    {
        spec.Baseline ??= spec.Structures[0].Id;

        foreach (var group in spec.Households.Groups)
        {
            foreach (var good in spec.Goods)
                group.Preferences.TryAdd(good.Id, 0);
            if (group.IncomeDistribution == IncomeDistribution.Uniform && group.IncomeMin is { } min && group.IncomeMax is { } max)
                group.IncomeMedian ??= (min + max) / 2;
        }

        foreach (var good in spec.Goods)
        {
            if (good.Cost.Form == CostForm.Constant) good.Cost.OptimalScale ??= ConstantCostScale;
            if (good.ConsumerCost is { } cc) cc.FacilityScale ??= good.Cost.OptimalScale;
        }

        bool hasDistances = spec.Region.Distances is not null;
        foreach (var n in spec.Region.Neighborhoods ?? [])
        {
            if (hasDistances) { n.X ??= 0; n.Y ??= 0; }
            n.Dwellings ??= Math.Ceiling(n.Households.Values.Sum() / DefaultOccupancy);
        }
        if (spec.Region.Grid is { } grid) grid.GroupMixEdge ??= new Dictionary<string, double>(grid.GroupMixCentre);

        foreach (var s in spec.Structures)
        {
            s.CityRule = Complete(s.CityRule, DecisionRuleKind.Council);
            s.NeighborhoodRule = Complete(s.NeighborhoodRule, DecisionRuleKind.DirectDemocracy);
            s.MetroRule = Complete(s.MetroRule, DecisionRuleKind.Council);
        }
        foreach (var r in spec.Referenda)
        {
            r.NewCity ??= r.Id;
            r.Area ??= string.Join("+", r.Districts.Concat(r.Neighborhoods));
            r.NewCityRule = Complete(r.NewCityRule, DecisionRuleKind.Council);
        }
        if (spec.EndogenousSecession is { } endogenous)
        {
            endogenous.NewCityRule = Complete(endogenous.NewCityRule, DecisionRuleKind.Council);
            if (endogenous.Federation is { } federation) federation.Rule = Complete(federation.Rule, DecisionRuleKind.Council);
        }
    }

    /// <summary>A rule with its kind-dependent defaults (seats, capture, meeting hours).</summary>
    private static RuleSpec Complete(RuleSpec? rule, DecisionRuleKind defaultKind)
    {
        rule ??= new RuleSpec { Kind = defaultKind };
        bool council = rule.Kind == DecisionRuleKind.Council;
        if (council) rule.Seats ??= 15;
        rule.CaptureMax ??= council ? 0.4 : 0;
        rule.MeetingHoursPerYear ??= rule.Kind switch
        {
            DecisionRuleKind.DirectDemocracy => 20,
            DecisionRuleKind.Council => 2,
            _ => 0,
        };
        return rule;
    }
}
