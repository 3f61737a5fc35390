namespace PolySim.Core.Relocation;

/// <summary>The region's edge (MODEL.md section 8: "growth ... population inflow"): households outside who may move in,
/// residents who may leave, new households forming, and new dwellings.</summary>
/// <param name="OutsidePool">Households living just outside the region, as a share of its initial households: each year the
/// reconsidering share of them weighs moving in.</param>
/// <param name="OutsidePremium">How much better (in $ of private consumption a year; negative = worse) life outside is than the
/// region's average bundle of the first year.</param>
/// <param name="PopulationGrowth">New households forming each year, as a share of all households (residents and outside pool); they
/// join the outside pool and may then move in.</param>
/// <param name="DwellingGrowth">Annual growth of every neighborhood's dwellings (new construction).</param>
public sealed record MigrationSettings(double OutsidePool, double OutsidePremium, double PopulationGrowth, double DwellingGrowth);
