namespace PolySim.Core.Decisions;

/// <summary>How an upper tier's legislature is formed (MODEL.md section 5, after the Los Angeles essay's options).</summary>
public enum LegislatureForm
{
    /// <summary>Members elected from districts of near-equal population (by default the rule's seats; or districts of a
    /// given size, 50,000-500,000 residents in the essay); each carries its district's median.</summary>
    Districts,

    /// <summary>One member elected from each neighborhood jurisdiction, carrying its median voter's ideal, with a vote
    /// weighted by the neighborhood's residents (one person, one vote).</summary>
    NeighborhoodMembers,

    /// <summary>The neighborhood governments' delegates ex officio: each carries its government's position (its
    /// residents' median), one government, one vote.</summary>
    ExOfficio,

    /// <summary>All members elected by the whole jurisdiction: every member answers to its median voter.</summary>
    AtLarge,

    /// <summary>Proportional representation of ideal-point blocs: seats by largest remainder, bloc positions at the
    /// blocs' medians, decision at the seat-weighted median.</summary>
    Proportional,
}

/// <summary>The composition of an upper tier's legislature (a council's districts, by another name).</summary>
/// <param name="Form">How members are chosen.</param>
/// <param name="Seats">Members (at-large and proportional; for districts when <paramref name="DistrictSize"/> is 0).</param>
/// <param name="DistrictSize">Residents per district for <see cref="LegislatureForm.Districts"/> (0 = use the seats).</param>
/// <param name="Blocs">Ideal-point blocs (parties) under proportional representation.</param>
public sealed record Legislature(LegislatureForm Form, int Seats, double DistrictSize, int Blocs)
{
    /// <summary>Residents a member answers to: the district's (districts, neighborhood members, ex officio delegates)
    /// or the whole jurisdiction's (at-large, proportional lists).</summary>
    public double ConstituencySize(double population, int districts) => Form switch
    {
        LegislatureForm.AtLarge or LegislatureForm.Proportional => population,
        _ => population / Math.Max(1, districts),
    };
}
