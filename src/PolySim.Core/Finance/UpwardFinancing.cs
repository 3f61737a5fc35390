namespace PolySim.Core.Finance;

/// <summary>
/// Upward financing with local delivery (MODEL.md section 6; the Los Angeles essay's "upward financing, local
/// delivery"): the upper tier levies a tax and pays every lowest-tier jurisdiction a grant per resident and per unit
/// of need; the lower tiers decide and deliver the services.
/// </summary>
/// <param name="PerCapita">Grant per resident, $.</param>
/// <param name="PerNeed">Grant per resident times the residents' mean need n̄_j (0..1), $: need-weighted residents.</param>
/// <param name="LevyBase">What the upper tier's levy falls on (property, head or income).</param>
/// <remarks>
/// Entitlement_j = PerCapita·pop_j + PerNeed·pop_j·n̄_j. What is paid is the entitlement, scaled down pro rata with the
/// other lump sums if together they would exceed the jurisdiction's spending net of matching grants (see
/// <see cref="PublicAccounts"/>). The payer is the highest-tier jurisdiction over the recipient's neighborhoods; it sets
/// a separate levy rate = Σ paid / its levy base, so its budget balances. The grants are fixed by formula, so they change
/// residents' consumption but not the tax price of any decision.
/// </remarks>
public sealed record UpwardFinancing(double PerCapita, double PerNeed, TaxBase LevyBase)
{
    /// <summary>The grant a lowest-tier jurisdiction with <paramref name="population"/> residents of mean need
    /// <paramref name="meanNeed"/> is entitled to, $.</summary>
    public double Entitlement(double population, double meanNeed) => PerCapita * population + PerNeed * population * meanNeed;
}
