using PolySim.Core.Decisions;
using PolySim.Core.Finance;

namespace PolySim.Core.Governance;

/// <summary>How goods are assigned to tiers in a two-tier structure.</summary>
public enum TierAssignment
{
    /// <summary>Each good's <c>Tier</c> as given in the scenario (goods without one go to the metro tier).</summary>
    ByHand,

    /// <summary>Olson's fiscal equivalence: the cheapest tier at least as large as the good's spillover tier.</summary>
    FiscalEquivalence,
}

/// <summary>
/// A governance structure to simulate (MODEL.md section 4): which jurisdictions exist, their rules and powers.
/// </summary>
/// <param name="Id">Structure id used in outputs.</param>
/// <param name="Kind">Named structure.</param>
/// <param name="CityRule">Decision rule of city-level governments (consolidated, fragmented, the decentralized variants).</param>
/// <param name="NeighborhoodRule">Decision rule of neighborhood governments (two-tier).</param>
/// <param name="MetroRule">Decision rule of the metro tier (two-tier).</param>
/// <param name="Assignment">How goods are assigned to tiers (two-tier).</param>
/// <param name="Bureaucracy">Overhead and Niskanen slack applied to every jurisdiction.</param>
/// <param name="Finance">Taxes and grants.</param>
/// <param name="NeighborhoodDiscretion">Political decentralization: share by which neighborhood councils move their local level toward their residents' median (budget stays city-wide).</param>
/// <param name="BranchOfficeCost">Administrative decentralization: yearly cost of one branch office per neighborhood and good with consumer costs, $.</param>
public sealed record Structure(
    string Id,
    StructureKind Kind,
    DecisionRule CityRule,
    DecisionRule NeighborhoodRule,
    DecisionRule MetroRule,
    TierAssignment Assignment,
    Bureaucracy Bureaucracy,
    FiscalRule Finance,
    double NeighborhoodDiscretion,
    double BranchOfficeCost);
