using PolySim.Core.Governance;

namespace PolySim.Core.Finance;

/// <summary>
/// Who pays and who receives under each equalization instrument, per jurisdiction (and the credit per household),
/// refreshed every evaluation (MODEL.md section 6: "every rule reports who pays and who receives").
/// </summary>
/// <remarks>
/// Budget identity of every jurisdiction j: own taxes + levy + Σ grants received = spending + Pigouvian rebates + grants
/// paid to lower tiers, with own taxes = Rate_j·Base_j, levy = LevyRate_j·LevyBase_j, grants received = Matching +
/// StateLumpSum + Guaranteed + Upward + Vouchers + Rebate and grants paid = UpwardPaid + VouchersPaid. Outside money:
/// Matching, StateLumpSum, Guaranteed, Rebate, Vouchers when the state pays, and the federal Credit (to households).
/// </remarks>
public sealed class FiscalFlows
{
    /// <summary>Arrays for <paramref name="map"/>'s jurisdictions and <paramref name="households"/> households.</summary>
    public FiscalFlows(JurisdictionMap map, int households)
    {
        int J = map.Jurisdictions.Count;
        Matching = new double[J];
        StateLumpSum = new double[J];
        Guaranteed = new double[J];
        Upward = new double[J];
        Vouchers = new double[J];
        Rebate = new double[J];
        UpwardPaid = new double[J];
        VouchersPaid = new double[J];
        LevyBase = new double[J];
        LevyRate = new double[J];
        Credit = new double[J];
        UpwardEntitlement = new double[J];
        VoucherEntitlement = new double[J];
        RebateEntitlement = new double[J];
        HouseholdCredit = new double[households];
        // The upper tier over each jurisdiction: the highest-tier jurisdiction over its neighborhoods, if above it.
        Payer = new int[J];
        for (int j = 0; j < J; j++)
        {
            Payer[j] = -1;
            var members = map.Jurisdictions[j].Members;
            if (members.Count == 0) continue;
            foreach (int p in map.MemberOf[members[0]])
                if (map.Jurisdictions[p].Tier > map.Jurisdictions[j].Tier && (Payer[j] < 0 || map.Jurisdictions[p].Tier > map.Jurisdictions[Payer[j]].Tier))
                    Payer[j] = p;
        }
    }

    /// <summary>Matching grants received (outside), $.</summary>
    public double[] Matching { get; }
    /// <summary>State lump sums received: per capita, foundation and custom formulas (outside), $.</summary>
    public double[] StateLumpSum { get; }
    /// <summary>State payment under a guaranteed tax base (outside), $.</summary>
    public double[] Guaranteed { get; }
    /// <summary>Upward-financing grants received from the upper tier, $.</summary>
    public double[] Upward { get; }
    /// <summary>Vouchers cashed, $ (outside when the state pays).</summary>
    public double[] Vouchers { get; }
    /// <summary>Sales tax rebate received (outside), $.</summary>
    public double[] Rebate { get; }
    /// <summary>Upward-financing grants paid to lower tiers, $.</summary>
    public double[] UpwardPaid { get; }
    /// <summary>Vouchers redeemed from the upper tier, $.</summary>
    public double[] VouchersPaid { get; }
    /// <summary>Base of the upper tier's levy, $ (or residents, or income).</summary>
    public double[] LevyBase { get; }
    /// <summary>Levy rate of the upper tier for the grants it pays.</summary>
    public double[] LevyRate { get; }
    /// <summary>Federal income tax credit of the jurisdiction's residents (lowest tier; outside), $.</summary>
    public double[] Credit { get; }
    /// <summary>Upward-financing entitlement this year, $.</summary>
    public double[] UpwardEntitlement { get; }
    /// <summary>Voucher entitlement this year, $.</summary>
    public double[] VoucherEntitlement { get; }
    /// <summary>Sales tax rebate entitlement this year, $.</summary>
    public double[] RebateEntitlement { get; }
    /// <summary>Federal income tax credit per household, $.</summary>
    public double[] HouseholdCredit { get; }
    /// <summary>The upper-tier jurisdiction over each jurisdiction (−1: none).</summary>
    public int[] Payer { get; }

    /// <summary>Levy revenue of jurisdiction j, $.</summary>
    public double Levy(int j) => LevyRate[j] * LevyBase[j];
}
