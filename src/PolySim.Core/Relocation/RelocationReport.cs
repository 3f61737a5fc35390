namespace PolySim.Core.Relocation;

/// <summary>What one relocation round did.</summary>
/// <param name="Reconsidered">Households that reconsidered.</param>
/// <param name="Wanting">Households whose first choice was another neighborhood.</param>
/// <param name="Moved">Households that moved.</param>
/// <param name="Rationed">Households that chose another neighborhood but found no vacant dwelling there and stayed.</param>
/// <param name="ExcessDemand">Largest relative excess demand for dwellings, max over priced neighborhoods of |D − K|/K.</param>
/// <param name="NetChange">Net reallocation: ½·Σ|change of weight| over entries (types) or over neighborhoods' occupancy (agents).</param>
/// <param name="Flows">Households moving from one lowest-tier jurisdiction to another, [from·(J + 1) + to], index J = outside the region.</param>
public sealed record RelocationReport(double Reconsidered, double Wanting, double Moved, double Rationed, double NetChange, double ExcessDemand, double[] Flows)
{
    /// <summary>Households that moved into the region from outside.</summary>
    public double Entered { get; init; }

    /// <summary>Households that left the region.</summary>
    public double Left { get; init; }

    /// <summary>New households formed (joining the outside pool).</summary>
    public double Born { get; init; }
}
