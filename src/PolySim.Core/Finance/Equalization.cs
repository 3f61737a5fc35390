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
        LowerTierEntitlements(s, year);
    }

    /// <summary>
    /// Upward-financing grants, vouchers and sales tax rebates each lowest-tier jurisdiction is entitled to this year,
    /// from its current residents (so they follow households that move) and, for the rebate, last year's program level.
    /// </summary>
    private static void LowerTierEntitlements(StructureState s, YearConditions year)
    {
        var f = s.Flows;
        Array.Clear(f.UpwardEntitlement);
        Array.Clear(f.VoucherEntitlement);
        Array.Clear(f.RebateEntitlement);
        var finance = s.Finance;
        if (finance.Upward is null && finance.Vouchers is null && finance.Rebate is null) return;
        int program = finance.Rebate is { } r ? IndexOfGood(s, r.ProgramGood) : -1;
        foreach (int j in s.Map.Lowest.Distinct())
        {
            double pop = s.Population[j];
            if (finance.Upward is { } upward && f.Payer[j] >= 0) f.UpwardEntitlement[j] = upward.Entitlement(pop, s.NeedMean[j]);
            if (finance.Vouchers is { } vouchers && (vouchers.Payer == VoucherPayer.State || f.Payer[j] >= 0))
                f.VoucherEntitlement[j] = vouchers.PerResident * pop;
            if (finance.Rebate is { } rebate && program >= 0 && s.Map.Jurisdictions[j].Provides[program])
            {
                double income = 0;
                foreach (int i in s.Map.Jurisdictions[j].Members) income += s.NeighborhoodIncome[i] * year.IncomeMultiplier;
                // s.Level still holds last year's decision (the solver's starting level in the first year).
                f.RebateEntitlement[j] = rebate.Amount(income, s.Level[j * s.G + program]);
            }
        }
        if (finance.Upward is { Rate: { } rate }) ShareLevy(s, year, rate);
    }

    /// <summary>Rate mode of upward financing: each upper tier's levy proceeds shared in proportion to the weights.</summary>
    private static void ShareLevy(StructureState s, YearConditions year, double rate)
    {
        var f = s.Flows;
        var weights = new double[s.J];
        for (int j = 0; j < s.J; j++) if (f.Payer[j] >= 0) weights[f.Payer[j]] += f.UpwardEntitlement[j];
        for (int j = 0; j < s.J; j++)
        {
            int p = f.Payer[j];
            if (p < 0 || f.UpwardEntitlement[j] <= 0) continue;
            f.UpwardEntitlement[j] = rate * PublicAccounts.LevyBase(s, p, year) * f.UpwardEntitlement[j] / weights[p];
        }
    }

    private static int IndexOfGood(StructureState s, string id)
    {
        for (int g = 0; g < s.G; g++) if (s.Goods[g].Id == id) return g;
        throw new InvalidOperationException($"The sales tax rebate's program good '{id}' is not a good of the scenario.");
    }

    /// <summary>
    /// Lump-sum entitlements (per capita, foundation and custom formulas, on the year's base after sharing) and guaranteed
    /// bases of the lowest-tier jurisdictions.
    /// </summary>
    private static void StateGrants(StructureState s, YearConditions year)
    {
        Array.Clear(s.LumpSumEntitlement);
        Array.Clear(s.GuaranteedBase);
        if (s.Finance.Grants is not { } grants) return;
        var attributes = Attributes(s, year);
        foreach (var (j, a) in attributes)
        {
            double entitlement = grants.PerCapita * a.Pop + Math.Max(0, grants.FoundationLevel * a.Pop - grants.FoundationRate * a.Base);
            foreach (var custom in grants.Custom ?? [])
            {
                double amount = custom.Amount(a);
                if (!double.IsFinite(amount))
                    throw new InvalidOperationException(
                        $"Custom grant '{custom.Name}' ({custom.Formula}) gave {amount} for jurisdiction '{s.Map.Jurisdictions[j].Id}' in {year.Year}.");
                entitlement += Math.Max(0, amount);
            }
            s.LumpSumEntitlement[j] = entitlement;
            s.GuaranteedBase[j] = grants.GuaranteedBasePerResident * a.Pop;
        }
    }

    /// <summary>
    /// The attributes custom formulas read, for each lowest-tier jurisdiction: current base after sharing, prior-year
    /// market value per resident (fc), prior-year spending and rate, C/I growth since the sharing base year (or the start).
    /// </summary>
    public static IReadOnlyList<(int Jurisdiction, JurisdictionAttributes Attributes)> Attributes(StructureState s, YearConditions year)
    {
        var scenario = s.Scenario;
        var prior = new YearConditions(scenario, Math.Max(0, year.Index - 1));
        int baseYear = s.Finance.BaseSharing?.BaseYear ?? scenario.StartYear;
        var participants = s.Map.Lowest.Distinct().Order().ToArray();
        var rows = new List<(int, JurisdictionAttributes)>(participants.Length);
        double totalPop = 0, totalMarket = 0, totalBase = 0;
        var market = new double[participants.Length];
        var bases = new double[participants.Length];
        for (int k = 0; k < participants.Length; k++)
        {
            int j = participants[k];
            double baseTotal = 0;
            foreach (int i in s.Map.Jurisdictions[j].Members)
            {
                market[k] += s.NeighborhoodValue[i] + prior.CommercialBase[i];
                baseTotal += PublicAccounts.ResidentialBase(s, i, year)
                    + (s.Finance.Tax == TaxBase.Property ? s.CommercialRatio(j) * year.CommercialBase[i] : 0);
            }
            bases[k] = baseTotal + s.Distribution[j] - s.Contribution[j];
            totalPop += s.Population[j];
            totalMarket += market[k];
            totalBase += bases[k];
        }
        for (int k = 0; k < participants.Length; k++)
        {
            int j = participants[k];
            double pop = s.Population[j], households = 0, income = 0, ci = 0, ciBase = 0, area = 0;
            foreach (int i in s.Map.Jurisdictions[j].Members)
            {
                var nb = scenario.Region.Neighborhoods[i];
                households += s.NeighborhoodHouseholds[i];
                income += s.NeighborhoodIncome[i] * year.IncomeMultiplier;
                ci += year.CommercialBase[i];
                ciBase += nb.CommercialBase * Math.Pow(1 + nb.CommercialGrowth, baseYear - scenario.StartYear);
                area += nb.AreaKm2;
            }
            double ratio = s.CommercialRatio(j);
            rows.Add((j, new JurisdictionAttributes
            {
                Pop = pop,
                Households = households,
                Base = bases[k],
                BasePc = pop > 0 ? bases[k] / pop : 0,
                Fc = pop > 0 ? market[k] / pop : 0,
                AvgFc = totalPop > 0 ? totalMarket / totalPop : 0,
                Need = s.NeedMean[j],
                AvgNeed = s.RegionNeedMean,
                IncomePc = pop > 0 ? income / pop : 0,
                Ci = ratio * ci,
                CiGrowth = ratio * Math.Max(0, ci - ciBase),
                Spending = s.Spending[j],
                Rate = s.Rate[j],
                AreaKm2 = area,
                TotalPop = totalPop,
                TotalBase = totalBase,
            }));
        }
        return rows;
    }

    private static void ShareBase(StructureState s, YearConditions year)
    {
        if (s.Finance.BaseSharing is not { } sharing || s.Finance.Tax != TaxBase.Property) return;

        var scenario = s.Scenario;
        var lagged = new YearConditions(scenario, Math.Max(0, year.Index - sharing.Lag));
        var participants = s.Map.Lowest.Distinct().Order().ToArray();
        var inputs = new DisparityInput[participants.Length];
        for (int k = 0; k < participants.Length; k++)
        {
            int j = participants[k];
            double now = 0, baseYear = 0, market = 0, households = 0, taxBase = 0;
            double ratio = s.CommercialRatio(j);
            foreach (int i in s.Map.Jurisdictions[j].Members)
            {
                var nb = scenario.Region.Neighborhoods[i];
                now += year.CommercialBase[i];
                baseYear += nb.CommercialBase * Math.Pow(1 + nb.CommercialGrowth, sharing.BaseYear - scenario.StartYear);
                market += s.NeighborhoodValue[i] + lagged.CommercialBase[i];
                taxBase += s.NeighborhoodValue[i] + ratio * lagged.CommercialBase[i];
                households += s.NeighborhoodHouseholds[i];
            }
            inputs[k] = sharing.Capacity switch
            {
                FiscalCapacity.MarketValuePerHousehold => new DisparityInput(s.Population[j], market, ratio * now, ratio * baseYear, s.Rate[j], households),
                FiscalCapacity.BasePerCapita => new DisparityInput(s.Population[j], taxBase, ratio * now, ratio * baseYear, s.Rate[j]),
                _ => new DisparityInput(s.Population[j], market, ratio * now, ratio * baseYear, s.Rate[j]),
            };
        }
        Func<int, double, double, double>? index = null;
        if (sharing.Index is { } formula)
        {
            // The custom index sees the jurisdiction's attributes with fc and avg_fc replaced by the sharing's capacity measure.
            var attributes = Attributes(s, year);
            index = (k, fc, avgFc) =>
            {
                double value = formula(attributes[k].Attributes with { Fc = fc, AvgFc = avgFc });
                return double.IsFinite(value) ? value : throw new InvalidOperationException(
                    $"The tax-base-sharing index ({sharing.IndexFormula}) gave {value} for jurisdiction '{s.Map.Jurisdictions[participants[k]].Id}' in {year.Year}.");
            };
        }
        var (shares, _, _) = FiscalDisparities.Compute(inputs, sharing.Share, index);
        for (int k = 0; k < participants.Length; k++)
        {
            s.Contribution[participants[k]] = shares[k].Contribution;
            s.Distribution[participants[k]] = shares[k].Distribution;
        }
    }
}
