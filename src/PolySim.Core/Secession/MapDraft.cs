using PolySim.Core.Decisions;
using PolySim.Core.Governance;
using PolySim.Core.Services;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// A structure's jurisdictions being redrawn by boundary changes (MODEL.md section 7): secessions (an area leaves the city
/// that contains it and becomes a new city, appended last), mergers (a city absorbs an adjacent one, which disappears) and
/// federations (cities form, or join, an upper tier that provides some goods in their place). Every jurisdiction remembers
/// the status-quo jurisdiction whose policy levels it starts from and the one it continues (for mitigation obligations),
/// so the state after the changes starts from the status quo's levels.
/// </summary>
public sealed class MapDraft
{
    private sealed class Slot(Jurisdiction jurisdiction, int source)
    {
        public Jurisdiction Jurisdiction { get; set; } = jurisdiction;
        public int Source { get; } = source;
    }

    private readonly StructureState _s;
    private readonly List<Slot> _slots;
    private readonly Slot[] _continues;   // the slot that carries on each status-quo jurisdiction

    /// <summary>Starts from the jurisdictions of state <paramref name="s"/>.</summary>
    public MapDraft(StructureState s)
    {
        _s = s;
        _slots = s.Map.Jurisdictions.Select((j, k) => new Slot(j, k)).ToList();
        _continues = _slots.ToArray();
    }

    /// <summary>The jurisdictions as drawn so far.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions => _slots.Select(x => x.Jurisdiction).ToList();

    /// <summary>Current index of the jurisdiction with id <paramref name="id"/>, or −1.</summary>
    public int IndexOf(string id) => _slots.FindIndex(x => x.Jurisdiction.Id == id);

    /// <summary>Splits <paramref name="area"/> off the city that contains it as city <paramref name="newCity"/>; returns that city's index.</summary>
    public int Split(IReadOnlyList<int> area, string newCity, DecisionRule rule)
    {
        int city = SecessionMap.CityOf(Jurisdictions, area);
        if (city < 0) throw new InvalidOperationException($"Area '{newCity}': no city contains it once the others have changed.");
        var old = _slots[city].Jurisdiction;
        var leaving = area.ToHashSet();
        var remaining = old.Members.Where(i => !leaving.Contains(i)).ToList();
        var sorted = area.Order().ToList();
        _slots[city].Jurisdiction = old with { Members = remaining, Districts = Districts(remaining, old.Rule) };
        _slots.Add(new Slot(old with { Id = newCity, Members = sorted, Rule = rule, Districts = Districts(sorted, rule) }, _slots[city].Source));
        return _slots.Count - 1;
    }

    /// <summary>City <paramref name="absorbing"/> absorbs the members of city <paramref name="absorbed"/>, which disappears; the merged city keeps the absorbing city's id, rule and powers.</summary>
    public void Merge(string absorbing, string absorbed)
    {
        int a = IndexOf(absorbing), b = IndexOf(absorbed);
        if (a < 0 || b < 0 || a == b) throw new InvalidOperationException($"Merger of '{absorbing}' and '{absorbed}': both must exist.");
        var keep = _slots[a];
        var members = keep.Jurisdiction.Members.Concat(_slots[b].Jurisdiction.Members).Order().ToList();
        keep.Jurisdiction = keep.Jurisdiction with { Members = members, Districts = Districts(members, keep.Jurisdiction.Rule) };
        for (int k = 0; k < _continues.Length; k++)
            if (_continues[k] == _slots[b]) _continues[k] = keep;
        _slots.RemoveAt(b);
    }

    /// <summary>
    /// Cities <paramref name="cities"/> join federation <paramref name="federation"/> (created with <paramref name="rule"/>
    /// if it does not exist yet, starting from the first city's levels): it provides <paramref name="goods"/> in their
    /// neighborhoods, and they no longer do.
    /// </summary>
    public void Federate(IReadOnlyList<string> cities, string federation, IReadOnlyList<bool> goods, DecisionRule rule)
    {
        var joining = new List<int>();
        foreach (string id in cities)
        {
            int c = IndexOf(id);
            if (c < 0) throw new InvalidOperationException($"Federation '{federation}': city '{id}' does not exist.");
            var jur = _slots[c].Jurisdiction;
            _slots[c].Jurisdiction = jur with { Provides = jur.Provides.Select((p, g) => p && !goods[g]).ToArray() };
            joining.AddRange(jur.Members);
        }
        int f = IndexOf(federation);
        if (f < 0)
        {
            var first = _slots[IndexOf(cities[0])];
            var members = joining.Order().ToList();
            _slots.Add(new Slot(new Jurisdiction(federation, Tier.Metro, members, goods.ToArray(), rule, Districts(members, rule), false, 0), first.Source));
            return;
        }
        var fed = _slots[f].Jurisdiction;
        var all = fed.Members.Concat(joining).Order().ToList();
        _slots[f].Jurisdiction = fed with { Members = all, Districts = Districts(all, fed.Rule) };
    }

    /// <summary>
    /// The state with the drawn jurisdictions on the same households: policy levels start from each jurisdiction's source,
    /// the status quo's mitigation obligations carry over to the jurisdictions that continue their parties (an obligation
    /// between two cities that merged lapses). Not solved.
    /// </summary>
    public StructureState Build()
    {
        var map = new JurisdictionMap(_s.Map.Structure, Jurisdictions, _s.N, _s.G);
        var alt = Carry(_s, map, _s.Households);
        int G = _s.G;
        for (int j = 0; j < _slots.Count; j++)
            Array.Copy(_s.Level, _slots[j].Source * G, alt.Level, j * G, G);
        foreach (var o in _s.Obligations)
        {
            int payer = Current(o.Payer), payee = Current(o.Payee);
            if (payer != payee) alt.Obligations.Add(o with { Payer = payer, Payee = payee });
        }
        // A limited city keeps its limit while it continues under its id; absorbed by another, it lapses.
        foreach (var l in _s.Limits)
        {
            int city = Current(l.City);
            if (city >= 0 && _slots[city].Jurisdiction.Id == _s.Map.Jurisdictions[l.City].Id) alt.Limits.Add(l with { City = city });
        }
        return alt;
    }

    /// <summary>
    /// A state of <paramref name="map"/> on <paramref name="households"/> that carries over what is not policy from
    /// <paramref name="s"/>: housing prices and values (moved by sorting, so a vote compares policies, not prices) and the
    /// neighborhoods' local offsets. Levels are the caller's to set.
    /// </summary>
    internal static StructureState Carry(StructureState s, JurisdictionMap map, Households.Households households)
    {
        var alt = new StructureState(s.Scenario, map, households, s.GoodKernels, s.BadKernels);
        s.Price.CopyTo(alt.Price, 0);
        s.DwellingValue.CopyTo(alt.DwellingValue, 0);
        alt.RefreshPopulation();
        ServiceDelivery.Prepare(alt);
        Array.Copy(s.LocalOffset, alt.LocalOffset, s.LocalOffset.Length);
        return alt;
    }

    /// <summary>Index in the drawn map of the jurisdiction that carries on status-quo jurisdiction <paramref name="j"/>.</summary>
    public int Current(int j) => _slots.IndexOf(_continues[j]);

    private IReadOnlyList<IReadOnlyList<int>> Districts(IReadOnlyList<int> members, DecisionRule rule) =>
        rule.Kind == DecisionRuleKind.Council ? CouncilDistricts.Draw(_s.Scenario.Region, members, _s.NeighborhoodPopulation, rule.Seats) : [members];
}
