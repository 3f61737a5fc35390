namespace PolySim.Core.Households;

/// <summary>How households are represented (MODEL.md section 2): both are legitimate and must agree when types are fine.</summary>
public enum HouseholdMode
{
    /// <summary>Every household is drawn as an agent (weight 1).</summary>
    Agents,

    /// <summary>Each group × neighborhood is represented by K weighted types at income quantiles.</summary>
    Types,
}
