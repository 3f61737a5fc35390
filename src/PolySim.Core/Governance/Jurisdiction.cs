using PolySim.Core.Decisions;

namespace PolySim.Core.Governance;

/// <summary>
/// A government (MODEL.md section 4): its tier, member neighborhoods, the goods it provides and its decision rule.
/// Built by <see cref="StructureBuilder"/> for one structure; immutable.
/// </summary>
/// <param name="Id">Jurisdiction id in outputs.</param>
/// <param name="Tier">Tier.</param>
/// <param name="Members">Indices of member neighborhoods.</param>
/// <param name="Provides">Provides[g] is true if this jurisdiction provides good g.</param>
/// <param name="Rule">Decision rule.</param>
/// <param name="Districts">Council districts as lists of member neighborhood indices (one per seat, or per member when fewer).</param>
/// <param name="BranchOffices">Whether it runs a branch office in every member neighborhood (administrative decentralization).</param>
/// <param name="NeighborhoodDiscretion">Share by which member neighborhoods move levels toward their own median (political decentralization).</param>
public sealed record Jurisdiction(
    string Id,
    Tier Tier,
    IReadOnlyList<int> Members,
    IReadOnlyList<bool> Provides,
    DecisionRule Rule,
    IReadOnlyList<IReadOnlyList<int>> Districts,
    bool BranchOffices,
    double NeighborhoodDiscretion);
