using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Migration at the region's edge and population growth (MODEL.md section 8).</summary>
[Description("Migration at the region's edge: households outside may move in, residents may leave (both pay the moving cost), new households form each year and dwellings can grow. Outside, a household keeps the share of income the region's households kept for private consumption in the first year, plus outside_premium, and gets the region's first-year services at their geometric mean. Omit for a closed region.")]
public sealed class MigrationSpec
{
    [Range(0.0, 10.0), Description("Households in the pool outside the region, as a share of the region's initial households; each year the reconsidering share of them weighs moving in.")]
    public double OutsidePool { get; set; } = 0.1;

    [Description("How much better life outside is than the region's first-year average, in $ of private consumption a household-year (negative = worse).")]
    public double OutsidePremium { get; set; }

    [Range(0.0, 0.2), Description("New households forming each year, as a share of all households (in the region and in the outside pool); they join the outside pool.")]
    public double PopulationGrowth { get; set; }

    [Range(0.0, 0.2), Description("Annual growth of every neighborhood's dwellings (new construction).")]
    public double DwellingGrowth { get; set; }
}
