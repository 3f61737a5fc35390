namespace PolySim.Scenarios;

/// <summary>The ids a scenario declares, by kind, and how to talk about them in messages.</summary>
internal sealed class IdCatalog
{
    private readonly Dictionary<IdKind, List<string>> _ids = [];

    public IdCatalog(ScenarioSpec spec)
    {
        _ids[IdKind.Group] = spec.Households.Groups.Select(g => g.Id).ToList();
        _ids[IdKind.Good] = spec.Goods.Select(g => g.Id).ToList();
        _ids[IdKind.Bad] = spec.Bads.Select(b => b.Id).ToList();
        _ids[IdKind.Structure] = spec.Structures.Select(s => s.Id ?? "").ToList();
    }

    public IReadOnlyList<string> Ids(IdKind kind) => _ids[kind];

    public bool Contains(IdKind kind, string id) => _ids[kind].Contains(id, StringComparer.Ordinal);

    /// <summary>"household group", "good", "bad", "structure".</summary>
    public static string Noun(IdKind kind) => kind switch
    {
        IdKind.Group => "household group",
        IdKind.Good => "good",
        IdKind.Bad => "bad",
        _ => "structure",
    };

    /// <summary>Where ids of this kind are declared.</summary>
    public static string DeclaredAt(IdKind kind) => kind switch
    {
        IdKind.Group => "households.groups[].id",
        IdKind.Good => "goods[].id",
        IdKind.Bad => "bads[].id",
        _ => "structures[].id",
    };
}
