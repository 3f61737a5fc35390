using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Tiebout sorting and the housing market (MODEL.md section 8).</summary>
[Description("Tiebout sorting: households reconsider where to live, choose a neighborhood by logit over utility net of moving cost, and housing prices adjust to excess demand. Omit to keep households where they are.")]
public sealed class SortingSpec
{
    [Range(0.0, 1.0), Description("Share of households that reconsider where to live each year (or each equilibrium round).")]
    public double ReconsiderShare { get; set; } = 0.10;

    [Range(0.0, double.PositiveInfinity),
     Description("Logit scale mu in utility units: choice probabilities proportional to exp(U/mu); 0 = best response. Under log consumption 0.02 means a 2% consumption difference moves odds by e.")]
    public double NoiseScale { get; set; } = 0.02;

    [Range(0.0, 10.0),
     Description("Tatonnement speed kappa: a neighborhood's price premium moves each round by kappa x mean income x (demand - dwellings) / dwellings; 0 = fixed prices.")]
    public double PriceResponse { get; set; } = 0.02;

    [Range(0, 10_000),
     Description("0 = dynamic mode (one relocation a year); n > 0 = equilibrium mode: each year, alternate decisions and sorting up to n rounds until few households move.")]
    public int EquilibriumRounds { get; set; }

    [Range(0.0, 1.0, MinimumIsExclusive = true),
     Description("Equilibrium mode stops when the share of households moving in a round and the largest relative excess demand for dwellings are both at most this.")]
    public double EquilibriumTolerance { get; set; } = 1e-3;

    [Description("Migration at the region's edge and population growth; omit for a closed region.")]
    public MigrationSpec? Migration { get; set; }
}
