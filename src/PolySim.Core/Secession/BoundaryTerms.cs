using PolySim.Core.Decisions;

namespace PolySim.Core.Secession;

/// <summary>What a boundary vote proposes (MODEL.md section 7).</summary>
public enum ProposalKind
{
    /// <summary>An area leaves the city that contains it and forms a new city.</summary>
    Secession,

    /// <summary>Two adjacent cities merge into one.</summary>
    Merger,

    /// <summary>Cities form, or join, an upper tier that provides some goods in their place.</summary>
    Federation,
}

/// <summary>Which majorities a merger or federation needs.</summary>
public enum ConsolidationRule
{
    /// <summary>A majority of the votes cast in each city (each electorate) separately.</summary>
    ConcurrentMajorities,

    /// <summary>A majority of all votes cast in the cities together.</summary>
    CombinedMajority,
}

/// <summary>The upper tier that cities may vote to form or join in the endogenous mode.</summary>
/// <param name="Goods">Goods[g]: the federation provides good g in its members (the cities stop providing it).</param>
/// <param name="Rule">The federation's decision rule.</param>
public sealed record FederationTerms(IReadOnlyList<bool> Goods, DecisionRule Rule);
