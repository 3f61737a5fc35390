namespace PolySim.Core.Simulation;

/// <summary>Execution options that never change results: how the work is spread over cores, and an optional profiler.</summary>
/// <param name="Threads">Worker threads (0 = all cores). Results are identical for every value.</param>
/// <param name="Timer">Receives the time spent in each phase of the yearly loop (null: not measured).</param>
public sealed record RunOptions(int Threads = 0, IPhaseTimer? Timer = null)
{
    /// <summary>Times <paramref name="phase"/> if a timer was given.</summary>
    internal IDisposable? Measure(string phase) => Timer?.Measure(phase);
}
