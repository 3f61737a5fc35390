using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>One listed neighborhood (MODEL.md section 1).</summary>
[Description("One neighborhood.")]
public sealed class NeighborhoodSpec
{
    [Required, Description("Neighborhood id (unique).")]
    public string Id { get; set; } = "";

    [DerivedDefault("the id"), Description("Display name.")]
    public string? Name { get; set; }

    [DerivedDefault("required unless region.distances is given (then 0)"), Description("Centroid east coordinate, km.")]
    public double? X { get; set; }

    [DerivedDefault("required unless region.distances is given (then 0)"), Description("Centroid north coordinate, km.")]
    public double? Y { get; set; }

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("Land area, km2.")]
    public double AreaKm2 { get; set; } = 1;

    [Range(0.0, double.PositiveInfinity), DerivedDefault("total households / 0.95, rounded up (5% vacancy)"),
     Description("Housing capacity K_i, dwellings.")]
    public double? Dwellings { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Assessed residential value per dwelling, $.")]
    public double DwellingValue { get; set; } = 250_000;

    [Range(0.0, double.PositiveInfinity), Description("Commercial-industrial (C/I) assessed value at the start year, $.")]
    public double CommercialBase { get; set; }

    [Range(-0.5, 0.5), Description("Annual growth rate of the C/I base (0.02 = 2%/yr).")]
    public double CommercialGrowth { get; set; }

    [References(IdKind.Bad), Range(0.0, double.PositiveInfinity), Description("Public-bad source strength here, by bad id.")]
    public Dictionary<string, double> BadSources { get; set; } = [];

    [References(IdKind.Group), Range(0.0, double.PositiveInfinity), Description("Initial number of households by household-group id.")]
    public Dictionary<string, double> Households { get; set; } = [];

    [Description("Id of the city this neighborhood belongs to in fragmented structures (free text; neighborhoods with the same city id form one city; omitted: the engine decides).")]
    public string? City { get; set; }

    [Description("District this neighborhood belongs to (free text), e.g. a council district or a secession area; referenda name areas by district.")]
    public string? District { get; set; }
}
