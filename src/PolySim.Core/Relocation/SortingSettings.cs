namespace PolySim.Core.Relocation;

/// <summary>Tiebout sorting and the housing market (MODEL.md section 8).</summary>
/// <param name="ReconsiderShare">Share of households that reconsider where to live each year (or each equilibrium round).</param>
/// <param name="NoiseScale">Logit scale μ in utility units: choice probabilities ∝ exp(U/μ); 0 = best response.</param>
/// <param name="PriceResponse">Tatonnement speed κ: a neighborhood's price premium moves by κ·ȳ·(demand − dwellings)/dwellings a
/// round, ȳ the region's mean household income.</param>
/// <param name="EquilibriumRounds">0 = dynamic (one relocation a year); n &gt; 0 = each year, iterate decisions and sorting up to
/// n rounds until the share of households moving falls below <paramref name="EquilibriumTolerance"/>.</param>
/// <param name="EquilibriumTolerance">Share of households moving in a round below which the equilibrium counts as reached.</param>
/// <param name="Migration">Migration at the region's edge and population growth; null = a closed region.</param>
public sealed record SortingSettings(
    double ReconsiderShare,
    double NoiseScale,
    double PriceResponse,
    int EquilibriumRounds,
    double EquilibriumTolerance,
    MigrationSettings? Migration = null)
{
    /// <summary>10% reconsider a year, μ = 0.02, κ = 0.02, dynamic mode.</summary>
    public static SortingSettings Default { get; } = new(0.10, 0.02, 0.02, 0, 1e-3);
}
