using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>A generated grid of square neighborhoods; mirrors <see cref="PolySim.Core.Space.RegionGrid"/>.</summary>
[Description("A W x H grid of square neighborhoods with radial gradients from the centre (ids nYYXX, row by row from the south-west).")]
public sealed class GridSpec
{
    [Required, Range(1, 1000), Description("Cells east-west.")]
    public int Width { get; set; }

    [Required, Range(1, 1000), Description("Cells north-south.")]
    public int Height { get; set; }

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("Side of one cell, km.")]
    public double CellKm { get; set; } = 1;

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("Dwellings per cell.")]
    public double Dwellings { get; set; } = 3000;

    [Range(0.0, double.PositiveInfinity), Description("Dwelling value at the centre, $.")]
    public double DwellingValue { get; set; } = 250_000;

    [Range(-1.0, double.PositiveInfinity), Description("Relative change of dwelling value from centre to edge (0.5 = +50% at the edge).")]
    public double DwellingValueGradient { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Total C/I base of the region, $, concentrated toward the centre.")]
    public double CommercialBase { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Exponential decay rate of the C/I base with normalized distance from the centre (0 = even).")]
    public double CommercialConcentration { get; set; }

    [Range(-0.5, 0.5), Description("Annual C/I growth rate.")]
    public double CommercialGrowth { get; set; }

    [Range(0.0, 1.0, MinimumIsExclusive = true), Description("Share of dwellings occupied at the start.")]
    public double Occupancy { get; set; } = 0.95;

    [Required, References(IdKind.Group), Range(0.0, 1.0), Description("Household-group shares at the centre, by group id (must sum to 1).")]
    public Dictionary<string, double> GroupMixCentre { get; set; } = [];

    [References(IdKind.Group), Range(0.0, 1.0), DerivedDefault("group_mix_centre"),
     Description("Household-group shares at the edge, by group id (must sum to 1; linear blend in between).")]
    public Dictionary<string, double>? GroupMixEdge { get; set; }

    [References(IdKind.Bad), Range(0.0, double.PositiveInfinity), Description("Public-bad source strength at the centre, by bad id.")]
    public Dictionary<string, double> BadSourcesCentre { get; set; } = [];

    [Range(-1.0, double.PositiveInfinity), Description("Relative change of bad sources from centre to edge (-1 = none at the edge).")]
    public double BadSourceGradient { get; set; }

    [Range(1, 1_000_000), Description("Number of cities the grid is cut into for fragmented structures (contiguous blocks bx x by = cities, bx <= width, by <= height).")]
    public int Cities { get; set; } = 1;
}
