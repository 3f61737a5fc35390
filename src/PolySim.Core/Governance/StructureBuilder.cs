using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Space;

namespace PolySim.Core.Governance;

/// <summary>
/// Lays a named structure (MODEL.md section 4) out on a region: which jurisdictions exist, who provides what.
/// </summary>
public static class StructureBuilder
{
    /// <summary>Builds the jurisdictions of <paramref name="structure"/> for the given neighborhood populations.</summary>
    public static JurisdictionMap Build(Structure structure, Region region, IReadOnlyList<PublicGood> goods, IReadOnlyList<double> population)
    {
        int n = region.Count, g = goods.Count;
        var all = Enumerable.Range(0, n).ToList();
        bool[] everything = Enumerable.Repeat(true, g).ToArray();
        var list = new List<Jurisdiction>();

        Jurisdiction Make(string id, Tier tier, IReadOnlyList<int> members, bool[] provides, DecisionRule rule,
            bool branches = false, double discretion = 0)
        {
            var districts = rule.Kind == DecisionRuleKind.Council ? Legislature(region, members, population, ref rule) : [members];
            return new(id, tier, members, provides, rule, districts, branches, discretion);
        }

        switch (structure.Kind)
        {
            case StructureKind.Consolidated:
                list.Add(Make("city", Tier.City, all, everything, structure.CityRule));
                break;
            case StructureKind.AdministrativeDecentralization:
                list.Add(Make("city", Tier.City, all, everything, structure.CityRule, branches: true));
                break;
            case StructureKind.PoliticalDecentralization:
                list.Add(Make("city", Tier.City, all, everything, structure.CityRule, discretion: structure.NeighborhoodDiscretion));
                break;
            case StructureKind.Fragmented:
                foreach (var (city, members) in Cities(region))
                    list.Add(Make(city, Tier.City, members, everything, structure.CityRule));
                break;
            case StructureKind.TwoTier:
                BuildTwoTier(structure, region, goods, population, list, Make);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(structure), structure.Kind, "Unknown structure kind.");
        }
        return new JurisdictionMap(structure, list, n, g);
    }

    /// <summary>
    /// A council's districts by the form of its legislature (MODEL.md section 5); the rule's seats are set to the
    /// members the form gives, so residents per decision-maker follow it.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<int>> Legislature(Region region, IReadOnlyList<int> members, IReadOnlyList<double> population,
        ref DecisionRule rule)
    {
        var legislature = rule.Legislature;
        switch (rule.Form)
        {
            case LegislatureForm.NeighborhoodMembers:
            case LegislatureForm.ExOfficio:
                rule = rule with { Seats = members.Count };
                return members.Select(i => (IReadOnlyList<int>)[i]).ToList();
            case LegislatureForm.AtLarge:
            case LegislatureForm.Proportional:
                rule = rule with { Seats = legislature!.Seats };
                return [members];
            default:
                if (legislature is not null)
                    rule = rule with
                    {
                        Seats = legislature.DistrictSize > 0
                            ? Math.Max(1, (int)Math.Round(members.Sum(i => population[i]) / legislature.DistrictSize))
                            : legislature.Seats,
                    };
                return CouncilDistricts.Draw(region, members, population, rule.Seats);
        }
    }

    /// <summary>The tier each good goes to in a two-tier structure.</summary>
    public static Tier[] TwoTierAssignment(Structure structure, Region region, IReadOnlyList<PublicGood> goods, IReadOnlyList<double> population)
    {
        var cities = Cities(region);
        var tiers = new Dictionary<Tier, (double Population, double AreaKm2)>
        {
            [Tier.Neighborhood] = (population.Average(), region.AreaKm2 / region.Count),
            [Tier.Metro] = (population.Sum(), region.AreaKm2),
        };
        if (cities.Count > 1 && cities.Count < region.Count)
            tiers[Tier.SpecialDistrict] = (population.Sum() / cities.Count, region.AreaKm2 / cities.Count);
        return goods.Select(good => structure.Assignment == TierAssignment.FiscalEquivalence
                ? FiscalEquivalence.Assign(good, tiers)
                : Nearest(good.Tier ?? Tier.Metro, tiers.Keys))
            .ToArray();
    }

    private static Tier Nearest(Tier wanted, IEnumerable<Tier> available) =>
        available.Where(t => t >= wanted).DefaultIfEmpty(Tier.Metro).Min();

    private static void BuildTwoTier(Structure structure, Region region, IReadOnlyList<PublicGood> goods, IReadOnlyList<double> population,
        List<Jurisdiction> list, Func<string, Tier, IReadOnlyList<int>, bool[], DecisionRule, bool, double, Jurisdiction> make)
    {
        var assignment = TwoTierAssignment(structure, region, goods, population);
        bool[] At(Tier t) => assignment.Select(a => a == t).ToArray();
        // Neighborhood governments exist even when they provide nothing, so every resident has a lowest tier for the
        // disparity and decomposition metrics (the metro legislature options of MODEL.md section 5 come later).
        for (int i = 0; i < region.Count; i++)
            list.Add(make(region.Neighborhoods[i].Id, Tier.Neighborhood, [i], At(Tier.Neighborhood), structure.NeighborhoodRule, false, 0));
        if (assignment.Contains(Tier.SpecialDistrict))
        {
            // Joint-powers special districts over the cities' footprints; run by one delegate per member neighborhood.
            foreach (var (city, members) in Cities(region))
                list.Add(make($"{city}-district", Tier.SpecialDistrict, members, At(Tier.SpecialDistrict),
                    structure.MetroRule with { Seats = members.Count, Legislature = null }, false, 0));
        }
        list.Add(make("metro", Tier.Metro, Enumerable.Range(0, region.Count).ToList(), At(Tier.Metro), structure.MetroRule, false, 0));
    }

    /// <summary>Neighborhoods grouped by their City attribute (a neighborhood without one is its own city), in first-seen order.</summary>
    public static IReadOnlyList<(string City, IReadOnlyList<int> Members)> Cities(Region region)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<int>>();
        for (int i = 0; i < region.Count; i++)
        {
            string city = region.Neighborhoods[i].City ?? region.Neighborhoods[i].Id;
            if (!groups.TryGetValue(city, out var members))
            {
                groups[city] = members = [];
                order.Add(city);
            }
            members.Add(i);
        }
        return order.Select(c => (c, (IReadOnlyList<int>)groups[c])).ToList();
    }
}
