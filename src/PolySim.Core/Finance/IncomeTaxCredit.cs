namespace PolySim.Core.Finance;

/// <summary>
/// A federal income tax credit for taxes paid to the lowest-tier jurisdiction (MODEL.md section 6; the Los Angeles
/// essay's proposal of a dollar-for-dollar credit for neighborhood taxes): money from outside the region.
/// </summary>
/// <param name="CapPerHousehold">Largest credit per household and year, $.</param>
/// <remarks>
/// Credit_h = min(T_h, cap), T_h = Rate_l·taxable_h the household's tax to its lowest-tier jurisdiction l. The federal
/// cost is Σ_h w_h·Credit_h. Households are assumed to owe at least the cap in federal income tax (the credit is never
/// limited by liability). Below the cap the household's marginal tax price of lowest-tier services is zero, so its
/// ideal level is at least the level where its tax reaches the cap (see Decisions.HouseholdMargin).
/// </remarks>
public sealed record IncomeTaxCredit(double CapPerHousehold)
{
    /// <summary>The credit on a lowest-tier tax of <paramref name="tax"/>, $.</summary>
    public double Credit(double tax) => Math.Min(Math.Max(tax, 0), CapPerHousehold);
}
