using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Numerical settings of the yearly decision fixed point and the organized interest.</summary>
[Description("Numerical settings of the yearly decision fixed point and the organized interest.")]
public sealed class DecisionsSpec
{
    [Range(0.0, 1.0, MinimumIsExclusive = true), Description("Convergence: maximum relative change of any level between iterations.")]
    public double Tolerance { get; set; } = 1e-6;

    [Range(1, 1_000_000), Description("Iteration cap; reaching it is reported as non-convergence.")]
    public int MaxIterations { get; set; } = 200;

    [Description("What the organized interest (development, business) wants.")]
    public LobbySpec Lobby { get; set; } = new();
}
