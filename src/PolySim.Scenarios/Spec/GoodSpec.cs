using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Welfare;

namespace PolySim.Scenarios;

/// <summary>A public good (MODEL.md section 3).</summary>
[Description("A public good. Its level q is a service level per resident; the cost of level q in neighborhood i is q * pop_i^rivalry * AC(n) * bureaucratic overhead.")]
public sealed class GoodSpec
{
    [Required, Description("Good id (unique).")]
    public string Id { get; set; } = "";

    [DerivedDefault("the id"), Description("Display name.")]
    public string? Name { get; set; }

    [Required, Description("Per-resident average production cost curve with optimal scale n*.")]
    public CostSpec Cost { get; set; } = new();

    [Range(0.0, 1.0), Description("gamma: 1 = fully rival (cost proportional to residents served), 0 = pure public good per neighborhood.")]
    public double Rivalry { get; set; } = 1;

    [Description("Benefit b(Q): log (ln Q) or quadratic (Q - (curvature/2) Q^2 / theta); quadratic needs utility.consumption quasi_linear and an additive spillover.")]
    public BenefitForm Benefit { get; set; } = BenefitForm.Log;

    [Range(0.0, double.PositiveInfinity), Description("kappa of the quadratic benefit (must be > 0 when benefit is quadratic).")]
    public double Curvature { get; set; }

    [Description("How provision elsewhere reaches a neighborhood (default: no spillover).")]
    public SpilloverSpec Spillover { get; set; } = new();

    [Range(0.0, double.PositiveInfinity), Description("Effective service per resident falls as (pop_i / 1000)^-congestion within a neighborhood (0 = none); additive spillover only.")]
    public double Congestion { get; set; }

    [Range(0.0, 1.0), Description("nu: theta_h is scaled by (1 - nu + nu * n_h / mean need); how much the benefit depends on need.")]
    public double NeedSensitivity { get; set; }

    [Range(0.0, 1.0), Description("Share of delivery allocated in proportion to need within a jurisdiction.")]
    public double NeedTargeting { get; set; }

    [Range(0.0, 1.0), Description("Capital share of production k (the lobby favours high k).")]
    public double CapitalIntensity { get; set; } = 0.5;

    [Description("Travel and waiting costs of using the good (omitted: none).")]
    public ConsumerCostSpec? ConsumerCost { get; set; }

    [Description("in_house: the provider produces at its own scale, AC(n); contract: bought from a producer at n*, AC(n*) * (1 + transaction_cost) (the Lakewood plan).")]
    public Production Production { get; set; } = Production.InHouse;

    [Range(0.0, double.PositiveInfinity), Description("Extra cost share of contracting (0.05 = +5%).")]
    public double TransactionCost { get; set; } = 0.05;

    [References(IdKind.Bad), Description("Id of a public bad this good enforces against (its benefit is avoided damage; theta for it does not count in alpha); not with emits_bad.")]
    public string? Reduces { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Units of a bad's source strength emitted per unit level (a noxious activity, B2c); needs emits_bad.")]
    public double Emission { get; set; }

    [References(IdKind.Bad), Description("Id of the bad that emission feeds; needs emission > 0; not with reduces.")]
    public string? EmitsBad { get; set; }

    [Description("Tier whose jurisdictions cover the benefit area (fiscal equivalence); omitted: derived by the engine.")]
    public Tier? SpilloverTier { get; set; }

    [Description("Tier that provides the good in two-tier structures with assignment by_hand (omitted: metro).")]
    public Tier? Tier { get; set; }
}
