using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Finance;

namespace PolySim.Scenarios;

/// <summary>Minnesota-style tax-base sharing (MODEL.md section 6; B8; Minn. Stat. ch. 473F).</summary>
[Description("Tax-base sharing among the lowest-tier jurisdictions, as in the Twin Cities Fiscal Disparities program (property tax only).")]
public sealed class TaxBaseSharingSpec
{
    [Range(0.0, 1.0), Description("Share of each jurisdiction's C/I base growth since base_year contributed to the areawide pool (statute: 0.40).")]
    public double Share { get; set; } = 0.40;

    [Range(1800, 2500), Description("Base year of the C/I base (statute: 1971); earlier than the start year deflates each neighborhood's C/I base by its growth rate.")]
    public int BaseYear { get; set; } = 1971;

    [Description("Fiscal capacity measure of the distribution index: market_value_per_capita (statute), market_value_per_household, or base_per_capita (residential + classified C/I before sharing).")]
    public FiscalCapacity Capacity { get; set; } = FiscalCapacity.MarketValuePerCapita;

    [Range(0, 50), Description("Years between the fiscal capacity data and the distribution (1 = prior year, as MODEL.md; the statute's timing is two years before the taxes-payable year). Never earlier than the start year.")]
    public int Lag { get; set; } = 1;

    [Description("Custom distribution index, a formula over jurisdiction attributes with fc and avg_fc the chosen capacity measure (omitted: 'pop * (avg_fc / fc)', the statute's). Negative values count as 0.")]
    public string? Index { get; set; }
}
