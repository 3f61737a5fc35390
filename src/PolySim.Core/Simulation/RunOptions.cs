namespace PolySim.Core.Simulation;

/// <summary>Execution options that never change results: only how the work is spread over cores.</summary>
/// <param name="Threads">Worker threads (0 = all cores). Results are identical for every value.</param>
public sealed record RunOptions(int Threads = 0);
