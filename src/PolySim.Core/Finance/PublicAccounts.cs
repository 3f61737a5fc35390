using PolySim.Core.Simulation;

namespace PolySim.Core.Finance;

/// <summary>
/// Money (MODEL.md section 6): spending, grants, tax bases and balanced-budget tax rates of every jurisdiction, and
/// each household's taxes, costs and consumption.
/// </summary>
/// <remarks>
/// Spending_j = Σ_g UnitCost_jg·Σ_{i∈j} pop_i^γ·q_ig + facility and branch costs. Matching grants pay σ_g of the
/// level-dependent part; state lump sums and a guaranteed base come from <see cref="Equalization"/>.
/// Spending includes the structure's fixed governance cost per jurisdiction.
/// Rate_j = (Spending_j − Matching_j − LumpSum_j + Pigouvian_j + Mitigation_j) / max(Base_j, Guaranteed_j), so every budget
/// balances (Mitigation_j: payments under terms of separation, negative when received).
/// c_h = y_h − Σ_j Rate_j·taxable_h − net redistribution tax − housing − travel and waiting − damage + Pigouvian rebate
/// − policy-distance cost.
/// </remarks>
public static class PublicAccounts
{
    /// <summary>Σ_{i∈j} pop_i^γ for the good: the residents a unit of level has to reach.</summary>
    public static double Reach(StructureState s, int j, int g)
    {
        double gamma = s.Goods[g].Rivalry, sum = 0;
        foreach (int i in s.Map.Jurisdictions[j].Members)
            sum += gamma == 1 ? s.NeighborhoodPopulation[i] : gamma == 0 ? 1 : Math.Pow(s.NeighborhoodPopulation[i], gamma);
        return sum;
    }

    /// <summary>Neighborhood i's contribution to the residential part of a base: dwelling value, residents or income.</summary>
    public static double ResidentialBase(StructureState s, int i, YearConditions year) => s.Finance.Tax switch
    {
        TaxBase.Property => s.NeighborhoodValue[i],
        TaxBase.Head => s.NeighborhoodPopulation[i],
        _ => s.NeighborhoodIncome[i] * year.IncomeMultiplier,
    };

    /// <summary>Recomputes budgets and household accounts from the delivered levels.</summary>
    public static void Evaluate(StructureState s, YearConditions year, int threads)
    {
        int G = s.G;
        for (int j = 0; j < s.J; j++)
        {
            var jur = s.Map.Jurisdictions[j];
            double spending = 0, grants = 0, pigouvian = 0;
            for (int g = 0; g < G; g++)
            {
                if (!jur.Provides[g]) { s.VariableSpending[j * G + g] = 0; continue; }
                var good = s.Goods[g];
                double gamma = good.Rivalry, units = 0, emitted = 0;
                foreach (int i in jur.Members)
                {
                    double pop = s.NeighborhoodPopulation[i], q = s.Local[i * G + g];
                    units += (gamma == 1 ? pop : gamma == 0 ? 1 : Math.Pow(pop, gamma)) * q;
                    emitted += pop * q;
                }
                double variable = s.UnitCost[j * G + g] * units;
                s.VariableSpending[j * G + g] = variable;
                spending += variable + s.FixedCost[j * G + g];
                grants += variable * s.Finance.MatchingRates.GetValueOrDefault(good.Id);
                if (good.EmitsBad is { } bad)
                    pigouvian += s.Finance.PigouvianRates.GetValueOrDefault(bad) * good.Emission * emitted;
            }
            spending += s.Finance.GovernanceCost;
            s.Spending[j] = spending;
            s.Pigouvian[j] = pigouvian;

            double residential = 0, commercial = 0;
            foreach (int i in jur.Members)
            {
                residential += ResidentialBase(s, i, year);
                if (s.Finance.Tax == TaxBase.Property) commercial += year.CommercialBase[i];
            }
            s.ResidentialBase[j] = residential;
            s.CommercialTaxable[j] = commercial * s.CommercialRatio(j) - s.Contribution[j] + s.Distribution[j];
            double lumpSum = Math.Min(s.LumpSumEntitlement[j], Math.Max(0, spending - grants));
            double rateBase = s.RateBase(j);
            s.Rate[j] = rateBase > 0 ? (spending - grants - lumpSum + pigouvian + s.Mitigation[j]) / rateBase : 0;
            // Power equalization: the state pays the rate on the shortfall of the own base below the guarantee.
            s.Grants[j] = grants + lumpSum + s.Rate[j] * (rateBase - s.Base(j));
        }

        var hh = s.Households;
        double housingRate = s.Finance.HousingCostRate;
        Parallel.For(0, s.N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads }, i =>
        {
            var memberOf = s.Map.MemberOf[i];
            double value = s.Scenario.Region.Neighborhoods[i].DwellingValue;
            double consumerPerResident = 0, damagePerResident = 0, rebatePerResident = 0;
            for (int g = 0; g < G; g++) consumerPerResident += s.ConsumerCostPerResident[s.Map.Provider(i, g) * G + g];
            for (int b = 0; b < s.B; b++) damagePerResident += s.Bads[b].DamagePerUnit * s.Exposure[i * s.B + b];
            foreach (int j in memberOf) if (s.Population[j] > 0) rebatePerResident += s.Pigouvian[j] / s.Population[j];
            for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
            {
                double y = hh.BaseIncome[h] * year.IncomeMultiplier, persons = hh.Persons[h];
                s.Income[h] = y;
                double taxable = s.ComputeTaxable(h), tax = 0;
                s.TaxableAmount[h] = taxable;
                foreach (int j in memberOf) tax += s.Rate[j] * taxable;
                tax += Redistribution.NetTax(s, h, y);
                s.Tax[h] = tax;
                s.Housing[h] = housingRate * value;
                s.ConsumerCost[h] = persons * consumerPerResident;
                s.Damage[h] = persons * damagePerResident;
                s.Rebate[h] = persons * rebatePerResident;
                s.Consumption[h] = y - tax - s.Housing[h] - s.ConsumerCost[h] - s.Damage[h] + s.Rebate[h] - s.PolicyCost[h];
            }
        });
    }
}
