namespace PolySim.Scenarios;

/// <summary>Marks a number property that accepts positive infinity (YAML <c>.inf</c>, JSON <c>"Infinity"</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AllowInfinityAttribute : Attribute;
