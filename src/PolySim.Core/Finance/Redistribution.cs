using PolySim.Core.Decisions;
using PolySim.Core.Simulation;

namespace PolySim.Core.Finance;

/// <summary>
/// Local redistribution (benchmarks.md B9; Meltzer &amp; Richard 1981, Bolton &amp; Roland 1997): each lowest-tier
/// jurisdiction J levies a linear income tax t_J and pays every resident the lump sum (t_J − d·t_J²/2)·ȳ_J, where ȳ_J is
/// income per resident and d·t²/2 the quadratic deadweight cost. A household of income y and p persons nets
/// −t·y + p·(t − d·t²/2)·ȳ_J; its ideal rate is clamp((1 − y/(p·ȳ_J))/d, 0, 1), and t_J is the resident-weighted median
/// of the ideal rates (single-peaked, so the median voter decides whatever the jurisdiction's rule for goods).
/// </summary>
/// <param name="Deadweight">d: the deadweight cost of raising t is d·t²/2 of the tax base (B9: 1).</param>
public sealed record Redistribution(double Deadweight)
{
    /// <summary>Ideal rate of a resident with per-person income <paramref name="income"/> in a jurisdiction with mean <paramref name="mean"/>.</summary>
    public double Ideal(double income, double mean) => mean > 0 ? Math.Clamp((1 - income / mean) / Deadweight, 0, 1) : 0;

    /// <summary>Rebate per resident at rate t: (t − d·t²/2)·ȳ.</summary>
    public double RebatePerResident(double t, double mean) => (t - Deadweight * t * t / 2) * mean;

    /// <summary>Sets each lowest-tier jurisdiction's rate and mean income per resident for this year's incomes.</summary>
    public static void Decide(StructureState s, YearConditions year)
    {
        var rule = s.Finance.Redistribution;
        if (rule is null) return;
        var hh = s.Households;
        var income = new double[s.J];
        var residents = new double[s.J];
        var members = new List<int>[s.J];
        for (int h = 0; h < hh.Count; h++)
        {
            int j = s.Map.Lowest[hh.Location[h]];
            income[j] += hh.Weight[h] * hh.BaseIncome[h] * year.IncomeMultiplier;
            residents[j] += hh.Weight[h] * hh.Persons[h];
            (members[j] ??= []).Add(h);
        }
        for (int j = 0; j < s.J; j++)
        {
            s.RedistributionMean[j] = residents[j] > 0 ? income[j] / residents[j] : 0;
            if (members[j] is not { Count: > 0 } list) { s.RedistributionRate[j] = 0; continue; }
            var ideals = new double[list.Count];
            var weights = new double[list.Count];
            for (int k = 0; k < list.Count; k++)
            {
                int h = list[k];
                ideals[k] = rule.Ideal(hh.BaseIncome[h] * year.IncomeMultiplier / hh.Persons[h], s.RedistributionMean[j]);
                weights[k] = hh.Weight[h] * hh.Persons[h];
            }
            s.RedistributionRate[j] = WeightedMedian.Select(ideals, weights);
        }
    }

    /// <summary>Net redistribution tax of household h (tax minus rebate), $.</summary>
    public static double NetTax(StructureState s, int h, double income)
    {
        var rule = s.Finance.Redistribution;
        if (rule is null) return 0;
        int j = s.Map.Lowest[s.Households.Location[h]];
        double t = s.RedistributionRate[j];
        return t * income - s.Households.Persons[h] * rule.RebatePerResident(t, s.RedistributionMean[j]);
    }
}
