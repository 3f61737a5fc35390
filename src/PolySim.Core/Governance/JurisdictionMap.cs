namespace PolySim.Core.Governance;

/// <summary>
/// A structure laid out on the region: its jurisdictions, which jurisdiction provides each good in each
/// neighborhood, and each neighborhood's jurisdictions by tier.
/// </summary>
public sealed class JurisdictionMap
{
    private readonly int[] _provider;

    /// <summary>Creates the map; every (neighborhood, good) must have exactly one provider.</summary>
    public JurisdictionMap(Structure structure, IReadOnlyList<Jurisdiction> jurisdictions, int neighborhoods, int goods)
    {
        Structure = structure;
        Jurisdictions = jurisdictions;
        Goods = goods;
        _provider = new int[neighborhoods * goods];
        Array.Fill(_provider, -1);
        Lowest = new int[neighborhoods];
        Array.Fill(Lowest, -1);
        MemberOf = new List<int>[neighborhoods];
        for (int i = 0; i < neighborhoods; i++) MemberOf[i] = [];
        for (int j = 0; j < jurisdictions.Count; j++)
            foreach (int i in jurisdictions[j].Members)
            {
                MemberOf[i].Add(j);
                if (Lowest[i] < 0 || jurisdictions[j].Tier < jurisdictions[Lowest[i]].Tier) Lowest[i] = j;
                for (int g = 0; g < goods; g++)
                    if (jurisdictions[j].Provides[g])
                    {
                        if (_provider[i * goods + g] >= 0)
                            throw new InvalidOperationException($"Good {g} has two providers in neighborhood {i} under structure '{structure.Id}'.");
                        _provider[i * goods + g] = j;
                    }
            }
        for (int k = 0; k < _provider.Length; k++)
            if (_provider[k] < 0)
                throw new InvalidOperationException($"Good {k % goods} has no provider in neighborhood {k / goods} under structure '{structure.Id}'.");
    }

    /// <summary>The structure this map lays out.</summary>
    public Structure Structure { get; }

    /// <summary>All jurisdictions.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; }

    /// <summary>Number of goods.</summary>
    public int Goods { get; }

    /// <summary>Lowest-tier jurisdiction of each neighborhood (used for disparity and decomposition metrics).</summary>
    public int[] Lowest { get; }

    /// <summary>All jurisdictions each neighborhood belongs to.</summary>
    public List<int>[] MemberOf { get; }

    /// <summary>Index of the jurisdiction that provides good g in neighborhood i.</summary>
    public int Provider(int i, int g) => _provider[i * Goods + g];
}
