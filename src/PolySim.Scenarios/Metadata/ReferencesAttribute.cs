namespace PolySim.Scenarios;

/// <summary>
/// Marks a string property whose value, or a map property whose keys, must name an id of <see cref="Kind"/>.
/// The loader checks every such reference and reports unknown ids with the list of valid ones.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReferencesAttribute(IdKind kind) : Attribute
{
    /// <summary>The kind of id referred to.</summary>
    public IdKind Kind { get; } = kind;
}
