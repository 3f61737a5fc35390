using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>State grants to the lowest-tier jurisdictions, paid from outside the region (MODEL.md section 6).</summary>
[Description("State grants to the lowest-tier jurisdictions, paid from outside the region; each is off at 0 and they combine.")]
public sealed class StateGrantsSpec
{
    [Range(0.0, double.PositiveInfinity), Description("Per-capita grant, $ per resident per year.")]
    public double PerCapita { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Foundation grant: max(0, foundation_level * residents - foundation_rate * tax base), $ per resident.")]
    public double FoundationLevel { get; set; }

    [Range(0.0, 1.0), Description("Required local rate of the foundation formula.")]
    public double FoundationRate { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Guaranteed tax base per resident (power equalizing), $: rates are set on max(own base, guarantee * residents) and the state pays the rate on the shortfall.")]
    public double GuaranteedBasePerResident { get; set; }

    [Description("Custom lump-sum grants, each a named formula over jurisdiction attributes (added to the built-in grants).")]
    public List<CustomGrantSpec> Custom { get; set; } = [];
}
