using PolySim.Core.Simulation;

namespace PolySim.Scenarios;

/// <summary>The outcome of loading a scenario file: the engine model if valid, every diagnostic, and the hashes for run manifests.</summary>
public sealed class ScenarioLoadResult
{
    /// <summary>The engine's scenario, or null when there are errors.</summary>
    public Scenario? Scenario { get; init; }

    /// <summary>The resolved specification (every default filled in), or null when there are errors.</summary>
    public ScenarioSpec? Spec { get; init; }

    /// <summary>All errors and warnings, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when there is no error (warnings allowed).</summary>
    public bool IsValid => Scenario is not null && Diagnostics.All(d => d.Severity != Severity.Error);

    /// <summary>Canonical JSON of the resolved specification (see <see cref="CanonicalJson"/>); empty when invalid.</summary>
    public string ResolvedJson { get; init; } = "";

    /// <summary>SHA-256 of <see cref="ResolvedJson"/> (lower-case hex); empty when invalid.</summary>
    public string ResolvedSha256 { get; init; } = "";

    /// <summary>SHA-256 of the raw file bytes (lower-case hex).</summary>
    public string FileSha256 { get; init; } = "";

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}
