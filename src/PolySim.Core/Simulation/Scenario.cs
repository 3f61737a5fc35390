using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Relocation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;

namespace PolySim.Core.Simulation;

/// <summary>
/// Everything the engine needs to simulate a region under several structures: the validated, immutable model
/// (scenario files are parsed and checked into this by PolySim.Scenarios).
/// </summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Region">Neighborhoods and distances.</param>
/// <param name="Households">Household groups and representation.</param>
/// <param name="Goods">Public goods.</param>
/// <param name="Bads">Public bads.</param>
/// <param name="Utility">Utility form.</param>
/// <param name="Decisions">Fixed-point settings and the lobby.</param>
/// <param name="Structures">Structures to compare (at least one).</param>
/// <param name="Baseline">Id of the structure against which equivalent variation is measured.</param>
/// <param name="StartYear">First simulated calendar year.</param>
/// <param name="Years">Horizon in years (≥ 1).</param>
/// <param name="Seed">Master seed; replication seeds derive from it.</param>
/// <param name="Replications">Number of replications (≥ 1).</param>
/// <param name="Sorting">Tiebout sorting and the housing market (null: households stay where they are).</param>
/// <param name="Referenda">Secession referenda held during the run (MODEL.md section 7), or null.</param>
/// <param name="Endogenous">The endogenous secession mode (yearly votes of candidate areas), or null.</param>
public sealed record Scenario(
    string Name,
    Region Region,
    HouseholdSettings Households,
    IReadOnlyList<PublicGood> Goods,
    IReadOnlyList<PublicBad> Bads,
    UtilitySettings Utility,
    DecisionSettings Decisions,
    IReadOnlyList<Structure> Structures,
    string Baseline,
    int StartYear,
    int Years,
    ulong Seed,
    int Replications,
    SortingSettings? Sorting = null,
    IReadOnlyList<Secession.Referendum>? Referenda = null,
    Secession.EndogenousSecession? Endogenous = null);
