using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Finance;

namespace PolySim.Scenarios;

/// <summary>Upward financing with local delivery (MODEL.md section 6).</summary>
[Description("Upward financing: the upper tier levies a tax and pays every lowest-tier jurisdiction a grant per resident and per need; the lower tiers decide and deliver (two_tier only).")]
public sealed class UpwardFinancingSpec
{
    [Range(0.0, double.PositiveInfinity), Description("Grant per resident, $ per year.")]
    public double PerCapita { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Grant per need-weighted resident (residents x their mean need, 0..1), $ per year.")]
    public double PerNeed { get; set; }

    [Description("Base of the upper tier's levy that pays the grants: property (residential value + C/I * commercial_ratio), head or income. Omitted: the structure's finance.tax.")]
    public TaxBase? LevyBase { get; set; }
}
