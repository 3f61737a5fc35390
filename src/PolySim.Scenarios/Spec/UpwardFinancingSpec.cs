using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Finance;

namespace PolySim.Scenarios;

/// <summary>Upward financing with local delivery (MODEL.md section 6).</summary>
[Description("Upward financing: the upper tier levies a tax and pays every lowest-tier jurisdiction a grant per resident and per need; the lower tiers decide and deliver (two_tier only).")]
public sealed class UpwardFinancingSpec
{
    [Range(0.0, double.PositiveInfinity), Description("Grant per resident, $ per year (with 'rate': the weight of a resident in sharing the levy).")]
    public double PerCapita { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Grant per need-weighted resident (residents x their mean need, 0..1), $ per year (with 'rate': its weight).")]
    public double PerNeed { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Rate mode: the upper tier levies this rate on its levy base (a fraction; for a head levy, $ per resident) and shares the proceeds among its lower tiers in proportion to per_capita x residents + per_need x need-weighted residents. Omitted: amount mode (the grants are per_capita and per_need dollars, and the levy rate balances).")]
    public double? Rate { get; set; }

    [Description("Base of the upper tier's levy that pays the grants: property (residential value + C/I * commercial_ratio), head or income. Omitted: the structure's finance.tax.")]
    public TaxBase? LevyBase { get; set; }
}
