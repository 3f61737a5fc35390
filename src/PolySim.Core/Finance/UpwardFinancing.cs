namespace PolySim.Core.Finance;

/// <summary>
/// Upward financing with local delivery (MODEL.md section 6; the Los Angeles essay's "upward financing, local
/// delivery"): the upper tier levies a tax and pays every lowest-tier jurisdiction a grant per resident and per unit
/// of need; the lower tiers decide and deliver the services.
/// </summary>
/// <param name="PerCapita">Grant per resident, $.</param>
/// <param name="PerNeed">Grant per resident times the residents' mean need n̄_j (0..1), $: need-weighted residents.</param>
/// <param name="LevyBase">What the upper tier's levy falls on (property, head or income).</param>
/// <param name="Rate">Rate mode: the upper tier levies this rate on its levy base and shares the proceeds among its lower
/// tiers in proportion to PerCapita·pop_j + PerNeed·pop_j·n̄_j (then the amounts are weights); null: amount mode.</param>
/// <remarks>
/// Amount mode: Entitlement_j = PerCapita·pop_j + PerNeed·pop_j·n̄_j. Rate mode: Entitlement_j = Rate·LevyBase_p·w_j/Σ_k w_k
/// over the lower tiers k under the same upper tier p, w_j = PerCapita·pop_j + PerNeed·pop_j·n̄_j. What is paid is the entitlement, scaled down pro rata with the
/// other lump sums if together they would exceed the jurisdiction's spending net of matching grants (see
/// <see cref="PublicAccounts"/>). The payer is the highest-tier jurisdiction over the recipient's neighborhoods; it sets
/// a separate levy rate = Σ paid / its levy base, so its budget balances. The grants are fixed by formula, so they change
/// residents' consumption but not the tax price of any decision.
/// </remarks>
public sealed record UpwardFinancing(double PerCapita, double PerNeed, TaxBase LevyBase, double? Rate = null)
{
    /// <summary>The grant (amount mode) or weight (rate mode) of a lowest-tier jurisdiction with <paramref name="population"/>
    /// residents of mean need <paramref name="meanNeed"/>, $.</summary>
    public double Entitlement(double population, double meanNeed) => PerCapita * population + PerNeed * population * meanNeed;
}
