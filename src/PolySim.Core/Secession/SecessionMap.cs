using PolySim.Core.Governance;

namespace PolySim.Core.Secession;

/// <summary>
/// Where a secession applies (MODEL.md section 7): the city-tier jurisdiction that strictly contains the area. The map
/// after secession is drawn by <see cref="MapDraft.Split"/>.
/// </summary>
public static class SecessionMap
{
    /// <summary>The city-tier jurisdiction containing every neighborhood of <paramref name="area"/> and more, or −1.</summary>
    public static int CityOf(JurisdictionMap map, IReadOnlyList<int> area) => CityOf(map.Jurisdictions, area);

    /// <summary>The city-tier jurisdiction of <paramref name="jurisdictions"/> containing every neighborhood of <paramref name="area"/> and more, or −1.</summary>
    public static int CityOf(IReadOnlyList<Jurisdiction> jurisdictions, IReadOnlyList<int> area)
    {
        for (int j = 0; j < jurisdictions.Count; j++)
        {
            var jur = jurisdictions[j];
            if (jur.Tier != Tier.City || jur.Members.Count <= area.Count) continue;
            var members = jur.Members.ToHashSet();
            if (area.All(members.Contains)) return j;
        }
        return -1;
    }
}
