namespace PolySim.Core.Simulation;

/// <summary>
/// Measures how long the phases of the yearly loop take. The engine has no clock (results depend only on the scenario
/// and the seed); a caller that wants a profile passes one in <see cref="RunOptions"/>.
/// </summary>
public interface IPhaseTimer
{
    /// <summary>Starts timing <paramref name="phase"/>; disposing the result stops it.</summary>
    IDisposable Measure(string phase);
}
