namespace PolySim.Scenarios;

/// <summary>The kinds of ids a scenario declares and other entries refer to.</summary>
public enum IdKind
{
    /// <summary>A household group (<c>households.groups[].id</c>).</summary>
    Group,

    /// <summary>A public good (<c>goods[].id</c>).</summary>
    Good,

    /// <summary>A public bad (<c>bads[].id</c>).</summary>
    Bad,

    /// <summary>A governance structure (<c>structures[].id</c>).</summary>
    Structure,
}
