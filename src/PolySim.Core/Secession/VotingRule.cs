namespace PolySim.Core.Secession;

/// <summary>Which majorities a secession referendum needs (MODEL.md section 7).</summary>
public enum VotingRuleKind
{
    /// <summary>More than half of the votes cast in the seceding area (the unilateral rule).</summary>
    SimpleMajority,

    /// <summary>More than half in the area and more than half in the whole city, area included (Los Angeles 2002).</summary>
    DoubleMajority,

    /// <summary>At least the threshold share of the votes cast in the area.</summary>
    Supermajority,
}

/// <summary>A referendum's voting rule.</summary>
/// <param name="Kind">Rule family.</param>
/// <param name="Threshold">Yes share the area must reach under a supermajority (e.g. 2/3); ignored otherwise.</param>
public sealed record VotingRule(VotingRuleKind Kind, double Threshold = 0.5)
{
    /// <summary>Whether yes shares <paramref name="area"/> and <paramref name="city"/> carry the proposal.</summary>
    public bool Passes(double area, double city) => Kind switch
    {
        VotingRuleKind.SimpleMajority => area > 0.5,
        VotingRuleKind.DoubleMajority => area > 0.5 && city > 0.5,
        _ => area >= Threshold,
    };
}
