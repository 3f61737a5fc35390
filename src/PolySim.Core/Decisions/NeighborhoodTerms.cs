using PolySim.Core.Simulation;

namespace PolySim.Core.Decisions;

/// <summary>
/// The part of a household's margin shared by its whole neighborhood for one (jurisdiction, good): how much a unit
/// of the provider's uniform level reaches it (m), the service it gets from elsewhere (S, before congestion), the
/// congestion factor and the enforcement or emission reach.
/// </summary>
public readonly record struct NeighborhoodTerms(double Multiplier, double Outside, double Congestion, double Reach)
{
    /// <summary>Terms of neighborhood <paramref name="l"/> under context <paramref name="c"/>.</summary>
    public static NeighborhoodTerms Of(in MarginContext c, StructureState s, int l)
    {
        int lg = l * s.G + c.Good;
        double m = s.OwnMultiplier[lg], congestion = s.CongestionFactor[lg];
        return new NeighborhoodTerms(m, s.Service[lg] / congestion - m * c.Current, congestion, s.EnforcementReach[lg]);
    }
}
