using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Governance;

namespace PolySim.Scenarios;

/// <summary>A governance structure to simulate (MODEL.md section 4).</summary>
[Description("A governance structure to simulate: which jurisdictions exist, their decision rules and fiscal powers.")]
public sealed class StructureSpec
{
    [DerivedDefault("the kind, e.g. two_tier"), Description("Structure id used in outputs and by baseline (unique).")]
    public string? Id { get; set; }

    [Required, Description("Named structure.")]
    public StructureKind Kind { get; set; }

    [DerivedDefault("council"), Description("Decision rule of city-level governments (consolidated, fragmented and the decentralized variants).")]
    public RuleSpec? CityRule { get; set; }

    [DerivedDefault("direct_democracy"), Description("Decision rule of neighborhood governments (two_tier).")]
    public RuleSpec? NeighborhoodRule { get; set; }

    [DerivedDefault("council"), Description("Decision rule of the metro tier (two_tier).")]
    public RuleSpec? MetroRule { get; set; }

    [Description("two_tier, administrative_decentralization, political_decentralization: how the upper tier's council is formed (omitted: districts drawn for its seats).")]
    public LegislatureSpec? Legislature { get; set; }

    [Description("How goods are assigned to tiers in two_tier: by_hand (each good's tier) or fiscal_equivalence (Olson: the cheapest tier at least as large as the good's spillover tier).")]
    public TierAssignment Assignment { get; set; } = TierAssignment.FiscalEquivalence;

    [Description("Bureaucratic overhead and Niskanen slack applied to every jurisdiction (default: none).")]
    public BureaucracySpec Bureaucracy { get; set; } = new();

    [Description("Taxes and grants.")]
    public FinanceSpec Finance { get; set; } = new();

    [Range(0.0, 1.0), Description("political_decentralization: share by which neighborhood councils move their local level toward their residents' median.")]
    public double NeighborhoodDiscretion { get; set; } = 0.5;

    [Range(0.0, double.PositiveInfinity), Description("administrative_decentralization: yearly cost of one branch office per neighborhood and good with consumer costs, $.")]
    public double BranchOfficeCost { get; set; } = 100_000;
}
