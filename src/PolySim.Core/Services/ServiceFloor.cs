namespace PolySim.Core.Services;

/// <summary>Numerical guard shared by service and utility computations.</summary>
public static class ServiceFloor
{
    /// <summary>Smallest service level used inside a logarithm (ln 0 is −∞).</summary>
    public const double Level = 1e-9;
}
