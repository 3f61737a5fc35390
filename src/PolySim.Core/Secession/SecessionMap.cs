using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Space;

namespace PolySim.Core.Secession;

/// <summary>
/// The structure after a secession (MODEL.md section 7): the city that contains the area loses it and keeps its index,
/// rule and powers (council districts redrawn over what remains); the area becomes a new city, appended last, that
/// provides what the old city provided under its own rule. Every other jurisdiction is unchanged.
/// </summary>
public static class SecessionMap
{
    /// <summary>The city-tier jurisdiction containing every neighborhood of <paramref name="area"/> and more, or −1.</summary>
    public static int CityOf(JurisdictionMap map, IReadOnlyList<int> area)
    {
        for (int j = 0; j < map.Jurisdictions.Count; j++)
        {
            var jur = map.Jurisdictions[j];
            if (jur.Tier != Tier.City || jur.Members.Count <= area.Count) continue;
            var members = jur.Members.ToHashSet();
            if (area.All(members.Contains)) return j;
        }
        return -1;
    }

    /// <summary>The map with <paramref name="area"/> split off city <paramref name="city"/> as <paramref name="newCity"/>.</summary>
    public static JurisdictionMap Split(JurisdictionMap map, Region region, IReadOnlyList<double> population, int city,
        IReadOnlyList<int> area, string newCity, DecisionRule rule)
    {
        var old = map.Jurisdictions[city];
        var leaving = area.ToHashSet();
        var remaining = old.Members.Where(i => !leaving.Contains(i)).ToList();
        var sorted = area.Order().ToList();
        var list = map.Jurisdictions.ToList();
        list[city] = old with { Members = remaining, Districts = Districts(region, population, remaining, old.Rule) };
        list.Add(old with { Id = newCity, Members = sorted, Rule = rule, Districts = Districts(region, population, sorted, rule) });
        return new JurisdictionMap(map.Structure, list, region.Count, map.Goods);
    }

    private static IReadOnlyList<IReadOnlyList<int>> Districts(Region region, IReadOnlyList<double> population, IReadOnlyList<int> members,
        DecisionRule rule) =>
        rule.Kind == DecisionRuleKind.Council ? CouncilDistricts.Draw(region, members, population, rule.Seats) : [members];
}
