namespace PolySim.Scenarios;

/// <summary>
/// Documents a default that is computed from other values when the key is omitted
/// (for example "the good's cost.optimal_scale"). The property is nullable in the specification types
/// and always filled in the resolved scenario.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DerivedDefaultAttribute(string text) : Attribute
{
    /// <summary>How the default is derived, in words.</summary>
    public string Text { get; } = text;
}
