using PolySim.Core.Simulation;

namespace PolySim.Core.Finance;

/// <summary>
/// The equalization phase of the yearly loop (MODEL.md section 8), run once a year before decisions. It applies
/// tax-base sharing among the lowest-tier jurisdictions; matching grants and Pigouvian charges act inside the budget
/// (<see cref="PublicAccounts"/>).
/// </summary>
/// <remarks>
/// Tax-base sharing works on the classified C/I base. Contribution_j = share × max(0, r_j·(B_j(t) − B_j(base year))),
/// where B_i(base year) = B_i(start)·(1 + growth_i)^(base year − start year). Distribution follows
/// <see cref="FiscalDisparities"/> with fiscal capacity = (residential value + C/I base) per resident of the prior year.
/// A jurisdiction's effective base is then residential + r_j·B_j − contribution + distribution. Setting its own rate on
/// that base is the same as taxing its distribution at its local rate (B8 rule 5). The areawide tax on the contributed
/// base falls on C/I owners, who are outside the household sector, like the rest of the C/I tax.
/// </remarks>
public static class Equalization
{
    /// <summary>Fills each jurisdiction's contribution, distribution and state grant entitlements for the year.</summary>
    public static void Apply(StructureState s, YearConditions year)
    {
        Array.Clear(s.Contribution);
        Array.Clear(s.Distribution);
        ShareBase(s, year);
        StateGrants(s, year);
    }

    /// <summary>
    /// Lump-sum entitlements (per capita, foundation on the year's base after sharing) and guaranteed bases of the
    /// lowest-tier jurisdictions.
    /// </summary>
    private static void StateGrants(StructureState s, YearConditions year)
    {
        Array.Clear(s.LumpSumEntitlement);
        Array.Clear(s.GuaranteedBase);
        if (s.Finance.Grants is not { } grants) return;
        foreach (int j in s.Map.Lowest.Distinct())
        {
            double pop = s.Population[j], baseTotal = 0;
            foreach (int i in s.Map.Jurisdictions[j].Members)
            {
                baseTotal += s.Finance.Tax switch
                {
                    TaxBase.Property => s.NeighborhoodValue[i] + s.CommercialRatio(j) * year.CommercialBase[i],
                    TaxBase.Head => s.NeighborhoodPopulation[i],
                    _ => s.NeighborhoodIncome[i] * year.IncomeMultiplier,
                };
            }
            baseTotal += s.Distribution[j] - s.Contribution[j];
            s.LumpSumEntitlement[j] = grants.PerCapita * pop + Math.Max(0, grants.FoundationLevel * pop - grants.FoundationRate * baseTotal);
            s.GuaranteedBase[j] = grants.GuaranteedBasePerResident * pop;
        }
    }

    private static void ShareBase(StructureState s, YearConditions year)
    {
        if (s.Finance.BaseSharing is not { } sharing || s.Finance.Tax != TaxBase.Property) return;

        var scenario = s.Scenario;
        var prior = new YearConditions(scenario, Math.Max(0, year.Index - 1));
        var participants = s.Map.Lowest.Distinct().Order().ToArray();
        var inputs = new DisparityInput[participants.Length];
        for (int k = 0; k < participants.Length; k++)
        {
            int j = participants[k];
            double now = 0, baseYear = 0, market = 0;
            foreach (int i in s.Map.Jurisdictions[j].Members)
            {
                var nb = scenario.Region.Neighborhoods[i];
                now += year.CommercialBase[i];
                baseYear += nb.CommercialBase * Math.Pow(1 + nb.CommercialGrowth, sharing.BaseYear - scenario.StartYear);
                market += s.NeighborhoodValue[i] + prior.CommercialBase[i];
            }
            double ratio = s.CommercialRatio(j);
            inputs[k] = new DisparityInput(s.Population[j], market, ratio * now, ratio * baseYear, s.Rate[j]);
        }
        var (shares, _, _) = FiscalDisparities.Compute(inputs, sharing.Share);
        for (int k = 0; k < participants.Length; k++)
        {
            s.Contribution[participants[k]] = shares[k].Contribution;
            s.Distribution[participants[k]] = shares[k].Distribution;
        }
    }
}
