namespace PolySim.Core.Governance;

/// <summary>Tiers of government, smallest to largest (MODEL.md section 4).</summary>
public enum Tier
{
    /// <summary>Neighborhood government (5,000–10,000 residents in the source).</summary>
    Neighborhood = 0,

    /// <summary>City or district.</summary>
    City = 1,

    /// <summary>Special district or joint-powers producer spanning several cities.</summary>
    SpecialDistrict = 2,

    /// <summary>The metropolitan upper tier.</summary>
    Metro = 3,
}
