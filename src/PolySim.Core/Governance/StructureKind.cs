namespace PolySim.Core.Governance;

/// <summary>The named governance structures a user can ask for (MODEL.md section 4).</summary>
public enum StructureKind
{
    /// <summary>One city provides everything uniformly: the monocentric bureaucratic polity.</summary>
    Consolidated,

    /// <summary>Many independent cities, each provides everything: the Tiebout picture.</summary>
    Fragmented,

    /// <summary>Directly democratic neighborhoods under a metro tier; goods assigned to tiers.</summary>
    TwoTier,

    /// <summary>One city with a branch office in every neighborhood: less travel, same decisions.</summary>
    AdministrativeDecentralization,

    /// <summary>One city with advisory neighborhood councils that shift local levels; no taxing power.</summary>
    PoliticalDecentralization,
}
