namespace PolySim.Core.Households;

/// <summary>Household generation settings.</summary>
/// <param name="Mode">Agents or weighted types.</param>
/// <param name="TypesPerGroup">In type mode, the number of income quantile types per group and neighborhood.</param>
/// <param name="IncomeGrowth">Annual growth of all incomes (0.01 = 1%/yr).</param>
/// <param name="Groups">The household groups.</param>
public sealed record HouseholdSettings(
    HouseholdMode Mode,
    int TypesPerGroup,
    double IncomeGrowth,
    IReadOnlyList<HouseholdGroup> Groups);
