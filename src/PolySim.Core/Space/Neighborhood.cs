namespace PolySim.Core.Space;

/// <summary>
/// One neighborhood of the region (MODEL.md section 1): the smallest spatial unit and the building block of
/// every jurisdiction.
/// </summary>
/// <param name="Id">Unique identifier used in outputs and references.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="X">Centroid east coordinate, km.</param>
/// <param name="Y">Centroid north coordinate, km.</param>
/// <param name="AreaKm2">Land area, km².</param>
/// <param name="Dwellings">Housing capacity K_i (dwellings).</param>
/// <param name="DwellingValue">Assessed residential value per dwelling, $.</param>
/// <param name="CommercialBase">Commercial-industrial assessed value B_i at the start year, $.</param>
/// <param name="CommercialGrowth">Annual growth rate of the C/I base (0.02 = 2%/yr).</param>
/// <param name="BadSources">Strength of each public-bad source here, by bad id (units of exposure).</param>
/// <param name="Households">Initial number of households by household-group id.</param>
/// <param name="City">Id of the city this neighborhood belongs to in fragmented structures (null: generated).</param>
public sealed record Neighborhood(
    string Id,
    string Name,
    double X,
    double Y,
    double AreaKm2,
    double Dwellings,
    double DwellingValue,
    double CommercialBase,
    double CommercialGrowth,
    IReadOnlyDictionary<string, double> BadSources,
    IReadOnlyDictionary<string, double> Households,
    string? City);
