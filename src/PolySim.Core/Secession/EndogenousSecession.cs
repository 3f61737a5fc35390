using PolySim.Core.Decisions;
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
/// <param name="Rule">Majorities needed.</param>
/// <param name="NoiseScale">σ of the logit noise, $.</param>
/// <param name="Turnout">Who votes.</param>
/// <param name="NewCityRule">Decision rule of a new city.</param>
/// <param name="Mitigation">Revenue-neutrality terms, or null.</param>
/// <param name="Viability">Viability check, or null.</param>
/// <param name="Structures">Structures in which the mode runs; null = every structure.</param>
public sealed record EndogenousSecession(
    IReadOnlyList<SecessionCandidate> Candidates,
    VotingRule Rule,
    double NoiseScale,
    Turnout Turnout,
    DecisionRule NewCityRule,
    MitigationTerms? Mitigation = null,
    ViabilityCheck? Viability = null,
    IReadOnlyList<string>? Structures = null)
{
    /// <summary>This year's referenda in state <paramref name="s"/>: one per candidate that lies inside a larger city.</summary>
    public IReadOnlyList<Referendum> Referenda(StructureState s, int year)
    {
        if (Structures is { } ids && !ids.Contains(s.Map.Structure.Id)) return [];
        return Candidates
            .Where(c => SecessionMap.CityOf(s.Map, c.Neighborhoods) >= 0)
            .Select(c => new Referendum($"{c.Area}-{year}", year, c.Area, c.Neighborhoods, c.Area, NewCityRule, Rule, NoiseScale, Turnout,
                Mitigation, Viability))
            .ToList();
    }
}
