namespace PolySim.Core.Simulation;

/// <summary>The relocation phase of the yearly loop (MODEL.md section 8): where Tiebout sorting plugs in.</summary>
public interface IRelocation
{
    /// <summary>Moves households after utilities are known for the year.</summary>
    void Relocate(StructureState state, YearConditions year);
}

/// <summary>Households stay where they are (the model of this version: no sorting).</summary>
public sealed class StayPut : IRelocation
{
    /// <summary>The single instance.</summary>
    public static StayPut Instance { get; } = new();

    /// <inheritdoc/>
    public void Relocate(StructureState state, YearConditions year) { }
}
