using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>A contiguous area that may vote to leave its city (a district of the scenario).</summary>
/// <param name="Area">Area name; also the id of the city it would form.</param>
/// <param name="Neighborhoods">Indices of its neighborhoods.</param>
public sealed record SecessionCandidate(string Area, IReadOnlyList<int> Neighborhoods);

/// <summary>
/// The endogenous mode of MODEL.md section 7: every year, in every structure it applies to, each candidate area that lies
/// inside a larger city votes on leaving it, by the given rule and terms, all against the same status quo (one election);
/// those that pass leave together, so the number and size of jurisdictions evolve. An area that has left is a whole city
/// and is no longer a candidate.
/// </summary>
/// <param name="Candidates">The candidate areas.</param>
/// <param name="Terms">Rule, noise, turnout, new-city rule, mitigation, viability and structures of every vote; its id,
/// year, area and new city are replaced per candidate and year.</param>
public sealed record EndogenousSecession(IReadOnlyList<SecessionCandidate> Candidates, Referendum Terms)
{
    /// <summary>This year's referenda in state <paramref name="s"/>: one per candidate that lies inside a larger city.</summary>
    public IReadOnlyList<Referendum> Referenda(StructureState s, int year)
    {
        if (Terms.Structures is { } ids && !ids.Contains(s.Map.Structure.Id)) return [];
        return Candidates
            .Where(c => SecessionMap.CityOf(s.Map, c.Neighborhoods) >= 0)
            .Select(c => Terms with { Id = $"{c.Area}-{year}", Year = year, Area = c.Area, Neighborhoods = c.Neighborhoods, NewCity = c.Area })
            .ToList();
    }
}
