namespace PolySim.Output;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Every replication and every output finished.</summary>
    Complete,

    /// <summary>The run stopped with an error (see <see cref="RunManifest.Error"/>).</summary>
    Failed,

    /// <summary>The run was cancelled.</summary>
    Cancelled,
}

/// <summary>The seed a replication ran with.</summary>
/// <param name="Replication">Replication index.</param>
/// <param name="Seed">Its seed, derived from the master seed.</param>
public sealed record ReplicationSeed(int Replication, ulong Seed);

/// <summary>
/// What a run manifest records (schema <see cref="Schema"/>): everything the caller knows about a run, so that
/// <see cref="ManifestWriter"/> only formats it.
/// </summary>
/// <param name="PolysimVersion">AssemblyInformationalVersion of the entry assembly (e.g. "0.1.0+5e91337…").</param>
/// <param name="GitCommit">Git commit of the source, if known.</param>
/// <param name="CommandLine">Command-line arguments, as given.</param>
/// <param name="ScenarioPath">Scenario file path, as given.</param>
/// <param name="ScenarioSha256File">SHA-256 (hex) of the scenario file's bytes.</param>
/// <param name="ScenarioSha256Resolved">SHA-256 (hex) of the canonical resolved scenario.</param>
/// <param name="MasterSeed">Master seed.</param>
/// <param name="Replications">Each replication's seed.</param>
/// <param name="StartYear">First simulated year.</param>
/// <param name="Years">Horizon in years.</param>
/// <param name="Threads">Worker threads used.</param>
/// <param name="PhaseSeconds">Wall-clock seconds per phase ("load", "simulate", "write", "plot", ...), written in the dictionary's order.</param>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="FinishedUtc">When it finished.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Files">Files written, relative to the output folder.</param>
public sealed record RunManifest(
    string PolysimVersion,
    string? GitCommit,
    IReadOnlyList<string> CommandLine,
    string? ScenarioPath,
    string? ScenarioSha256File,
    string? ScenarioSha256Resolved,
    ulong MasterSeed,
    IReadOnlyList<ReplicationSeed> Replications,
    int StartYear,
    int Years,
    int Threads,
    IReadOnlyDictionary<string, double> PhaseSeconds,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    RunStatus Status,
    IReadOnlyList<string> Files)
{
    /// <summary>Schema id written in every manifest.</summary>
    public const string Schema = "polysim/run-manifest@1";

    /// <summary>Scenario name, if known.</summary>
    public string? ScenarioName { get; init; }

    /// <summary>How replication seeds derive from the master seed, if the caller wants it recorded.</summary>
    public string? SeedDerivation { get; init; }

    /// <summary>Runtime description (e.g. RuntimeInformation.FrameworkDescription), if known.</summary>
    public string? Runtime { get; init; }

    /// <summary>Operating system description (e.g. RuntimeInformation.OSDescription), if known.</summary>
    public string? Os { get; init; }

    /// <summary>Error message when <see cref="Status"/> is <see cref="RunStatus.Failed"/>.</summary>
    public string? Error { get; init; }
}
