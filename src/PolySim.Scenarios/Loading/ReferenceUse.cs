namespace PolySim.Scenarios;

/// <summary>A place in the file that names an id (checked once all ids are known).</summary>
internal sealed record ReferenceUse(IdKind Kind, string Id, string Path, SourcePosition At);
