namespace PolySim.Scenarios;

/// <summary>
/// Lets a mapping-valued key also be written as a single scalar that sets one property, with everything else at its
/// default: <c>city_rule: direct_democracy</c> means <c>city_rule: {kind: direct_democracy}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScalarShorthandAttribute(string propertyName) : Attribute
{
    /// <summary>The CLR name of the property the scalar sets.</summary>
    public string PropertyName { get; } = propertyName;
}
