using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Finance;

namespace PolySim.Scenarios;

/// <summary>Taxes and grants of a structure (MODEL.md section 6).</summary>
[Description("Taxes and grants; budgets balance every year.")]
public sealed class FinanceSpec
{
    [Description("Base of own taxes: property (residential value + C/I base * commercial_ratio), head (equal per resident) or income (proportional).")]
    public TaxBase Tax { get; set; } = TaxBase.Property;

    [Range(0.0, double.PositiveInfinity), Description("Classification ratio of the C/I base relative to residential (1 = same rate).")]
    public double CommercialRatio { get; set; } = 1;

    [Range(0.0, 1.0), Description("Annual housing cost (rent or owner user cost) as a share of dwelling value.")]
    public double HousingCostRate { get; set; } = 0.06;

    [References(IdKind.Good), Range(0.0, 1.0), Description("Matching grant rate by good id: the upper tier pays this share of the cost.")]
    public Dictionary<string, double> MatchingRates { get; set; } = [];

    [References(IdKind.Bad), Range(0.0, double.PositiveInfinity), Description("Pigouvian tax per unit of emission per resident of the source, by bad id (rebated lump-sum).")]
    public Dictionary<string, double> PigouvianRates { get; set; } = [];

    [Description("Tax-base sharing of C/I growth among the lowest-tier jurisdictions (omitted: none).")]
    public TaxBaseSharingSpec? TaxBaseSharing { get; set; }

    [Description("State grants to the lowest-tier jurisdictions: per capita, foundation, guaranteed tax base (omitted: none).")]
    public StateGrantsSpec? Grants { get; set; }

    [Description("Upward financing with local delivery (omitted: none).")]
    public UpwardFinancingSpec? UpwardFinancing { get; set; }

    [Description("Federal income tax credit for lowest-tier taxes (omitted: none).")]
    public IncomeTaxCreditSpec? IncomeTaxCredit { get; set; }

    [Description("State sales tax rebated to lowest-tier jurisdictions that run a recommended program (omitted: none).")]
    public SalesTaxRebateSpec? SalesTaxRebate { get; set; }

    [Description("Per-resident vouchers only lowest-tier jurisdictions can cash (omitted: none).")]
    public VouchersSpec? Vouchers { get; set; }

    [Description("Local redistribution by the lowest-tier jurisdictions (omitted: none).")]
    public RedistributionSpec? Redistribution { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Fixed cost of running one jurisdiction, $ a year, in every jurisdiction's spending (the scale economy of a larger government).")]
    public double GovernanceCost { get; set; }
}
