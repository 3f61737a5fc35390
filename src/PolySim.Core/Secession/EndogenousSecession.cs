using PolySim.Core.Governance;
using PolySim.Core.Simulation;
using PolySim.Core.Space;

namespace PolySim.Core.Secession;

/// <summary>A contiguous area that may vote to leave its city (a district of the scenario).</summary>
/// <param name="Area">Area name; also the id of the city it would form.</param>
/// <param name="Neighborhoods">Indices of its neighborhoods.</param>
public sealed record SecessionCandidate(string Area, IReadOnlyList<int> Neighborhoods);

/// <summary>One boundary change put to a vote in the endogenous mode.</summary>
/// <param name="Kind">Secession, merger or federation.</param>
/// <param name="Id">Proposal id in outputs (unique within the year).</param>
/// <param name="Name">Area name in outputs.</param>
/// <param name="Area">Secession: the area's neighborhoods; otherwise empty.</param>
/// <param name="Cities">The cities that vote: secession, the city left; merger, the absorbing and the absorbed city; federation,
/// the two founding cities, or the joining city alone.</param>
/// <param name="Result">The jurisdiction the change makes: the new city, the merged city (the absorbing city's id) or the federation.</param>
public sealed record BoundaryProposal(ProposalKind Kind, string Id, string Name, IReadOnlyList<int> Area, IReadOnlyList<string> Cities, string Result);

/// <summary>
/// The endogenous mode of MODEL.md section 7: every year, in every structure it applies to, candidate areas inside a larger
/// city vote on leaving it, and (optionally) adjacent cities vote on merging or on forming or joining a federation, all
/// against the same status quo (one election). Of the proposals that pass, a deterministic rule picks those that take
/// effect (<see cref="Election"/>), so the number and size of jurisdictions evolve.
/// </summary>
/// <param name="Candidates">Named candidate areas (districts of the scenario).</param>
/// <param name="Terms">Rule, noise, turnout, new-city rule, mitigation, viability and structures of every vote; its id,
/// year, area and new city are replaced per candidate and year.</param>
public sealed record EndogenousSecession(IReadOnlyList<SecessionCandidate> Candidates, Referendum Terms)
{
    private sealed record Cache(Region Region, double Factor, Adjacency Adjacency);

    private Cache? _adjacency;

    /// <summary>Contiguous areas generated per city and year from the map (0: the named candidates only).</summary>
    public int GeneratedAreas { get; init; }

    /// <summary>Factor of the neighbor rule (<see cref="Adjacency"/>).</summary>
    public double AdjacencyFactor { get; init; } = 1.2;

    /// <summary>Whether adjacent cities vote on merging.</summary>
    public bool Mergers { get; init; }

    /// <summary>The federation adjacent cities may vote to form or join, or null.</summary>
    public FederationTerms? Federation { get; init; }

    /// <summary>Majorities a merger or federation needs.</summary>
    public ConsolidationRule Consolidation { get; init; } = ConsolidationRule.ConcurrentMajorities;

    /// <summary>Most proposals evaluated per structure and year, in the order of <see cref="Proposals"/> (0: no limit).</summary>
    public int MaxProposals { get; init; }

    /// <summary>Most changes that take effect per structure and year (0: no limit beyond one per jurisdiction).</summary>
    public int MaxChanges { get; init; }

    /// <summary>
    /// The neighbor relation of <paramref name="region"/>, kept for the next call (geometry only, no households; a copy made
    /// with another factor or used on another region computes its own).
    /// </summary>
    public Adjacency Neighbors(Region region)
    {
        if (Volatile.Read(ref _adjacency) is { } c && ReferenceEquals(c.Region, region) && c.Factor == AdjacencyFactor) return c.Adjacency;
        var adjacency = new Adjacency(region, AdjacencyFactor);
        Volatile.Write(ref _adjacency, new Cache(region, AdjacencyFactor, adjacency));
        return adjacency;
    }

    /// <summary>
    /// This year's proposals in state <paramref name="s"/>, in order: the named candidates inside a larger city, the
    /// generated areas of each city (cities in map order), the mergers of adjacent cities, then the federations; at most
    /// <see cref="MaxProposals"/>.
    /// </summary>
    public IReadOnlyList<BoundaryProposal> Proposals(StructureState s, int year)
    {
        if (Terms.Structures is { } ids && !ids.Contains(s.Map.Structure.Id)) return [];
        var list = new List<BoundaryProposal>();
        foreach (var c in Candidates)
            if (SecessionMap.CityOf(s.Map, c.Neighborhoods) is var city and >= 0)
                list.Add(new(ProposalKind.Secession, $"{c.Area}-{year}", c.Area, c.Neighborhoods, [s.Map.Jurisdictions[city].Id], c.Area));
        var adjacency = Neighbors(s.Scenario.Region);
        var cities = Enumerable.Range(0, s.J).Where(j => s.Map.Jurisdictions[j].Tier == Tier.City).ToList();
        if (GeneratedAreas > 0)
            foreach (int j in cities)
            {
                var jur = s.Map.Jurisdictions[j];
                foreach (var (tag, area) in Ends(s, jur.Members, adjacency).Take(GeneratedAreas))
                {
                    string name = $"{jur.Id}-{tag}-{year}";
                    list.Add(new(ProposalKind.Secession, name, name, area, [jur.Id], name));
                }
            }
        var federation = cities.ToDictionary(j => j, j => FederationOf(s.Map, j));
        if (Mergers)
            foreach (var (a, b) in Pairs(s, cities, adjacency).Where(p => federation[p.A] == federation[p.B]))
            {
                string ia = s.Map.Jurisdictions[a].Id, ib = s.Map.Jurisdictions[b].Id;
                list.Add(new(ProposalKind.Merger, $"merge-{ia}-{ib}-{year}", $"{ia}+{ib}", [], [ia, ib], ia));
            }
        if (Federation is { } terms)
        {
            bool Eligible(int j) => federation[j] < 0 && terms.Goods.Select((g, k) => !g || s.Map.Jurisdictions[j].Provides[k]).All(x => x);
            foreach (var (a, b) in Pairs(s, cities, adjacency).Where(p => Eligible(p.A) && Eligible(p.B)))
            {
                string ia = s.Map.Jurisdictions[a].Id, ib = s.Map.Jurisdictions[b].Id;
                list.Add(new(ProposalKind.Federation, $"federate-{ia}-{ib}-{year}", $"{ia}+{ib}", [], [ia, ib], $"federation-{ia}"));
            }
            foreach (int c in cities.Where(Eligible))
                foreach (int f in federation.Values.Where(f => f >= 0).Distinct().Order())
                    if (adjacency.Touch(s.Map.Jurisdictions[c].Members, s.Map.Jurisdictions[f].Members))
                    {
                        string ic = s.Map.Jurisdictions[c].Id, jf = s.Map.Jurisdictions[f].Id;
                        list.Add(new(ProposalKind.Federation, $"join-{ic}-{jf}-{year}", $"{ic}+{jf}", [], [ic], jf));
                    }
        }
        return MaxProposals > 0 ? list.Take(MaxProposals).ToList() : list;
    }

    /// <summary>The referendum of a secession proposal.</summary>
    public Referendum Referendum(BoundaryProposal p, int year) =>
        Terms with { Id = p.Id, Year = year, Area = p.Name, Neighborhoods = p.Area, NewCity = p.Result };

    /// <summary>The upper tier (a metro-tier jurisdiction formed by federation) that contains city <paramref name="city"/>, or −1.</summary>
    public static int FederationOf(JurisdictionMap map, int city)
    {
        int first = map.Jurisdictions[city].Members[0];
        return map.MemberOf[first].FirstOrDefault(j => map.Jurisdictions[j].Tier == Tier.Metro, -1);
    }

    /// <summary>Adjacent pairs of cities (a before b in map order).</summary>
    private static IEnumerable<(int A, int B)> Pairs(StructureState s, List<int> cities, Adjacency adjacency)
    {
        for (int x = 0; x < cities.Count; x++)
            for (int y = x + 1; y < cities.Count; y++)
                if (adjacency.Touch(s.Map.Jurisdictions[cities[x]].Members, s.Map.Jurisdictions[cities[y]].Members))
                    yield return (cities[x], cities[y]);
    }

    /// <summary>
    /// Candidate areas of a city: its ends along its longer, then its shorter coordinate axis, holding 1/2, 1/3, 1/4, ...
    /// of its residents (west/east along x, south/north along y), kept when the area and the rest are both connected and
    /// the area is new.
    /// </summary>
    private static IEnumerable<(string Tag, int[] Area)> Ends(StructureState s, IReadOnlyList<int> members, Adjacency adjacency)
    {
        if (members.Count < 2) yield break;
        var nb = s.Scenario.Region.Neighborhoods;
        double spanX = members.Max(i => nb[i].X) - members.Min(i => nb[i].X), spanY = members.Max(i => nb[i].Y) - members.Min(i => nb[i].Y);
        var axes = spanX >= spanY ? new[] { true, false } : [false, true];
        var seen = new HashSet<string>();
        double Weight(int i) => s.NeighborhoodPopulation[i] > 0 ? s.NeighborhoodPopulation[i] : 0;
        double total = members.Sum(Weight);
        for (int parts = 2; parts <= members.Count; parts++)
            foreach (bool alongX in axes)
            {
                var sorted = alongX
                    ? members.OrderBy(i => nb[i].X).ThenBy(i => nb[i].Y).ThenBy(i => i).ToList()
                    : members.OrderBy(i => nb[i].Y).ThenBy(i => nb[i].X).ThenBy(i => i).ToList();
                for (int end = 0; end < 2; end++)
                {
                    var order = end == 0 ? sorted : Enumerable.Reverse(sorted).ToList();
                    var area = new List<int>();
                    double acc = 0;
                    foreach (int i in order)
                    {
                        if (area.Count > 0 && (total > 0 ? acc >= total / parts * (1 - 1e-9) : area.Count * parts >= members.Count)) break;
                        area.Add(i);
                        acc += Weight(i);
                    }
                    if (area.Count >= members.Count) continue;
                    area.Sort();
                    var rest = members.Except(area).ToList();
                    if (!adjacency.Connected(area) || !adjacency.Connected(rest) || !seen.Add(string.Join(",", area))) continue;
                    string tag = (alongX ? (end == 0 ? "west" : "east") : (end == 0 ? "south" : "north")) + parts;
                    yield return (tag, area.ToArray());
                }
            }
    }
}
