namespace PolySim.Core.Secession;

/// <summary>
/// The boundary commission's viability test that can keep a proposal off the ballot (MODEL.md section 7; California Gov.
/// Code §56720: the new city must be expected to receive revenues sufficient to provide public services): the area must
/// have at least MinPopulation residents, and the new city's tax rate, with its own services and its mitigation payment,
/// may exceed the old city's rate by at most the factor MaxRateRatio (1 = its revenue at the old rate covers its costs).
/// </summary>
/// <param name="MinPopulation">Fewest residents a new city may have.</param>
/// <param name="MaxRateRatio">Largest allowed ratio of the new city's rate to the old city's.</param>
public sealed record ViabilityCheck(double MinPopulation, double MaxRateRatio)
{
    /// <summary>Whether a new city of <paramref name="population"/> residents at <paramref name="newRate"/> passes, against <paramref name="oldRate"/>.</summary>
    public bool Passes(double population, double newRate, double oldRate) =>
        population >= MinPopulation && newRate <= MaxRateRatio * oldRate + 1e-12 * Math.Abs(oldRate);
}
