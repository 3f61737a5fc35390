using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// A new city's appropriations limit (California Constitution art. XIII B, the Gann limit; set provisionally by the
/// boundary commission at incorporation, Gov. Code §56812): its spending may not exceed the limit, which grows with the
/// cost of living and the city's population (art. XIII B §1). By jurisdiction index of the structure's current map.
/// </summary>
/// <remarks>
/// Limit in year t: L_t = L·(m_t/m₀)·(P_t/P₀), m the income multiplier (our cost-of-living index) and P the city's
/// population, both at the year of separation. Enforced in the decision: when the levels the city's rule chooses would
/// cost more, every program is cut by the same share φ = (L_t − F)/V ≤ 1, F the fixed costs and governance cost and V the
/// variable cost at the chosen levels (local offsets of neighborhood councils aside). Mitigation payments are outside
/// the limit (they are transfers, not appropriations for services).
/// </remarks>
/// <param name="City">The limited city.</param>
/// <param name="Limit">Limit L in the year of separation, $ a year.</param>
/// <param name="BaseMultiplier">Income multiplier m₀ in that year.</param>
/// <param name="BasePopulation">The city's population P₀ in that year.</param>
public sealed record AppropriationsLimit(int City, double Limit, double BaseMultiplier, double BasePopulation)
{
    /// <summary>The limit of city <paramref name="city"/> of a state just drawn (its population known), set in <paramref name="year"/>.</summary>
    public static AppropriationsLimit Start(StructureState s, int city, double limit, YearConditions year)
    {
        double population = 0;
        foreach (int i in s.Map.Jurisdictions[city].Members) population += s.NeighborhoodPopulation[i];
        return new AppropriationsLimit(city, limit, year.IncomeMultiplier, population);
    }

    /// <summary>Sets every jurisdiction's spending cap for the year (0 = none).</summary>
    public static void Apply(StructureState s, YearConditions year)
    {
        Array.Clear(s.SpendingCap);
        foreach (var l in s.Limits)
        {
            double population = s.Population[l.City];
            s.SpendingCap[l.City] = l.Limit * year.IncomeMultiplier / l.BaseMultiplier
                                    * (l.BasePopulation > 0 && population > 0 ? population / l.BasePopulation : 1);
        }
    }

    /// <summary>Scales jurisdiction j's chosen levels (<see cref="StructureState.NewLevel"/>) down to its cap, if it has one.</summary>
    public static void Enforce(StructureState s, int j)
    {
        double cap = s.SpendingCap[j];
        if (cap <= 0) return;
        var jur = s.Map.Jurisdictions[j];
        int G = s.G;
        double fixedCost = s.Finance.GovernanceCost, variable = 0;
        for (int g = 0; g < G; g++)
        {
            if (!jur.Provides[g]) continue;
            double gamma = s.Goods[g].Rivalry, units = 0;
            foreach (int i in jur.Members)
            {
                double pop = s.NeighborhoodPopulation[i];
                units += gamma == 1 ? pop : gamma == 0 ? 1 : Math.Pow(pop, gamma);
            }
            fixedCost += s.FixedCost[j * G + g];
            variable += s.UnitCost[j * G + g] * units * s.NewLevel[j * G + g];
        }
        if (variable <= cap - fixedCost) return;
        double share = Math.Max(0, cap - fixedCost) / variable;
        for (int g = 0; g < G; g++) s.NewLevel[j * G + g] *= share;
    }
}
