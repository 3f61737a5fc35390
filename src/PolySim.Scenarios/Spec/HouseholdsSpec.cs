using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Households;

namespace PolySim.Scenarios;

/// <summary>Household groups and their representation (MODEL.md section 2).</summary>
[Description("Household groups and how households are represented.")]
public sealed class HouseholdsSpec
{
    [Description("agents: every household is drawn; types: each group x neighborhood is represented by weighted income-quantile types.")]
    public HouseholdMode Mode { get; set; } = HouseholdMode.Agents;

    [Range(1, 1000), Description("In types mode, income-quantile types per group and neighborhood.")]
    public int TypesPerGroup { get; set; } = 10;

    [Range(-0.5, 0.5), Description("Annual growth rate of all incomes (0.01 = 1%/yr).")]
    public double IncomeGrowth { get; set; }

    [Required, Description("The household groups (at least one; ids must be unique).")]
    public List<HouseholdGroupSpec> Groups { get; set; } = [];
}
