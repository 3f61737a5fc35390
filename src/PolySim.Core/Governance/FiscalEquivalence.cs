using PolySim.Core.Goods;

namespace PolySim.Core.Governance;

/// <summary>
/// Assigns a good to the tier that fits it (MODEL.md section 4; benchmark B6).
/// </summary>
/// <remarks>
/// Olson (1969), "The principle of fiscal equivalence": the providing jurisdiction must cover the good's benefit area,
/// so a good may only be provided at a tier at least as large as its spillover tier; among those tiers it goes to the
/// one with the lowest in-house average cost AC(n_tier).
/// </remarks>
public static class FiscalEquivalence
{
    /// <summary>
    /// The spillover tier of a good: its declared one, else the smallest tier whose typical jurisdiction radius
    /// √(area/π) reaches the spillover decay length (goods with a spillover share under 5% stay at the smallest tier).
    /// </summary>
    public static Tier SpilloverTier(PublicGood good, IReadOnlyDictionary<Tier, (double Population, double AreaKm2)> tiers)
    {
        if (good.SpilloverTier is { } declared) return declared;
        var ordered = tiers.Keys.Order().ToList();
        if (good.Spillover.Share < 0.05) return ordered[0];
        foreach (var tier in ordered)
            if (Math.Sqrt(tiers[tier].AreaKm2 / Math.PI) >= good.Spillover.DecayKm) return tier;
        return ordered[^1];
    }

    /// <summary>The fiscal-equivalence tier: cheapest in-house tier at or above the spillover tier.</summary>
    public static Tier Assign(PublicGood good, IReadOnlyDictionary<Tier, (double Population, double AreaKm2)> tiers)
    {
        var floor = SpilloverTier(good, tiers);
        return tiers.Keys.Where(t => t >= floor).OrderBy(t => good.Cost.AverageCost(tiers[t].Population)).ThenBy(t => t).First();
    }
}
