using PolySim.Core.Governance;
using PolySim.Core.Welfare;

namespace PolySim.Core.Goods;

/// <summary>How a good is produced once its provider has chosen the level (MODEL.md section 3).</summary>
public enum Production
{
    /// <summary>The provider produces itself at its own scale: AC(n_j).</summary>
    InHouse,

    /// <summary>The provider buys from a producer operating at n* (the Lakewood plan): AC(n*)·(1 + transaction cost).</summary>
    Contract,
}

/// <summary>
/// A public good (MODEL.md section 3). Its level q is a service level per resident chosen by the providing
/// jurisdiction; the cost of level q in neighborhood i is q·pop_i^γ·AC(n)·overhead.
/// </summary>
/// <param name="Id">Good id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Cost">Average cost curve (per unit level per resident at γ = 1).</param>
/// <param name="Rivalry">γ in [0, 1]: 1 = fully rival (cost ∝ residents served), 0 = pure public good per neighborhood.</param>
/// <param name="Benefit">b(Q): log or quadratic.</param>
/// <param name="Curvature">κ for the quadratic benefit θQ − (κ/2)Q².</param>
/// <param name="Spillover">Spillover to other neighborhoods.</param>
/// <param name="Congestion">Effective service per resident falls as (pop_i / 1000)^−congestion within a neighborhood (0 = none).</param>
/// <param name="NeedSensitivity">ν in [0, 1]: θ_h is scaled by (1 − ν + ν·n_h / n̄): how much the benefit depends on need.</param>
/// <param name="NeedTargeting">t in [0, 1]: share of delivery allocated in proportion to need within a jurisdiction.</param>
/// <param name="CapitalIntensity">k in [0, 1]: capital share of production (organized interests favour high k).</param>
/// <param name="ConsumerCost">Travel and waiting costs of using the good.</param>
/// <param name="Production">In-house or contracted production.</param>
/// <param name="TransactionCost">Extra cost share of contracting (0.02 = +2%).</param>
/// <param name="Reduces">Id of a public bad this good enforces against (its benefit is avoided damage), or null.</param>
/// <param name="Emission">Units of a bad's source strength emitted per unit level (a noxious activity, B2c), or 0.</param>
/// <param name="EmitsBad">Id of the bad that <paramref name="Emission"/> feeds, or null.</param>
/// <param name="SpilloverTier">Tier whose jurisdictions cover the benefit area (fiscal equivalence), or null to derive it.</param>
/// <param name="Tier">Tier that provides the good in two-tier structures when assigned by hand, or null for fiscal equivalence.</param>
public sealed record PublicGood(
    string Id,
    string Name,
    CostCurve Cost,
    double Rivalry,
    BenefitForm Benefit,
    double Curvature,
    Spillover Spillover,
    double Congestion,
    double NeedSensitivity,
    double NeedTargeting,
    double CapitalIntensity,
    ConsumerCost ConsumerCost,
    Production Production,
    double TransactionCost,
    string? Reduces,
    double Emission,
    string? EmitsBad,
    Tier? SpilloverTier,
    Tier? Tier);
