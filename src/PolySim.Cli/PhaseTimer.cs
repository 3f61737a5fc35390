using System.Diagnostics;
using PolySim.Core.Simulation;

namespace PolySim.Cli;

/// <summary>Adds up the wall-clock time of each phase of the yearly loop (for the manifest and the run summary).</summary>
internal sealed class PhaseTimer : IPhaseTimer
{
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);

    /// <summary>Seconds per phase, in order of first use.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public IDisposable Measure(string phase) => new Lap(this, phase, Stopwatch.GetTimestamp());

    private sealed class Lap(PhaseTimer owner, string phase, long start) : IDisposable
    {
        public void Dispose() =>
            owner._seconds[phase] = owner._seconds.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
