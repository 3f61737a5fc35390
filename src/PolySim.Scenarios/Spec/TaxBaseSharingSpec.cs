using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Minnesota-style tax-base sharing (MODEL.md section 6; B8; Minn. Stat. ch. 473F).</summary>
[Description("Tax-base sharing among the lowest-tier jurisdictions, as in the Twin Cities Fiscal Disparities program (property tax only).")]
public sealed class TaxBaseSharingSpec
{
    [Range(0.0, 1.0), Description("Share of each jurisdiction's C/I base growth since base_year contributed to the areawide pool (statute: 0.40).")]
    public double Share { get; set; } = 0.40;

    [Range(1800, 2500), Description("Base year of the C/I base (statute: 1971); earlier than the start year deflates each neighborhood's C/I base by its growth rate.")]
    public int BaseYear { get; set; } = 1971;
}
