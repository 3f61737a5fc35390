using PolySim.Core.Decisions;
using PolySim.Core.Simulation;

namespace PolySim.Core.Welfare;

/// <summary>
/// Heterogeneity cost of a jurisdiction's single policy (Alesina &amp; Spolaore 1997; benchmarks.md B3): each lowest-tier
/// jurisdiction's policy sits at the resident-weighted median x of its residents' neighborhoods, and every resident pays
/// h·|x_i − m_J| in money, h = <see cref="UtilitySettings.PolicyDistanceCost"/>. On a strip of neighborhoods the median of
/// an interval is its midpoint, so an interval of length s costs h·s/4 per resident on average.
/// </summary>
public static class PolicyDistance
{
    /// <summary>Sets each lowest-tier jurisdiction's position and each household's cost (households stay put within a year).</summary>
    public static void Decide(StructureState s)
    {
        double cost = s.Scenario.Utility.PolicyDistanceCost;
        if (cost == 0) return;
        var hh = s.Households;
        var nb = s.Scenario.Region.Neighborhoods;
        var lowest = s.Map.Lowest.Distinct().ToArray();
        foreach (int j in lowest)
        {
            var members = s.Map.Jurisdictions[j].Members;
            var x = members.Select(i => nb[i].X).ToArray();
            var w = members.Select(i => s.NeighborhoodPopulation[i]).ToArray();
            s.PolicyPosition[j] = w.Sum() > 0 ? WeightedMedian.Select(x, w) : 0;
        }
        for (int h = 0; h < hh.Count; h++)
        {
            int i = hh.Location[h];
            s.PolicyCost[h] = hh.Persons[h] * cost * Math.Abs(nb[i].X - s.PolicyPosition[s.Map.Lowest[i]]);
        }
    }
}
