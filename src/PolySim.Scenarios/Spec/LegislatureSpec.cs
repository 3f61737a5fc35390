using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Decisions;

namespace PolySim.Scenarios;

/// <summary>How the upper tier's legislature is formed (MODEL.md section 5).</summary>
[Description("How the upper tier's legislature is formed (two_tier: the metro council; the decentralized structures: the city council): whose ideal points its members carry and how their votes count.")]
public sealed class LegislatureSpec
{
    [Required, Description("districts: members from districts of near-equal population, each carrying its district's median; neighborhood_members: one member elected per neighborhood, vote weighted by its residents; ex_officio: the neighborhood governments' delegates, one vote each; at_large: every member elected by the whole electorate; proportional: seats to ideal-point blocs by largest remainder.")]
    public LegislatureForm Form { get; set; }

    [Range(1, 10_000), DerivedDefault("the upper rule's seats"), Description("Members (at_large, proportional; districts unless district_size is given).")]
    public int? Seats { get; set; }

    [Range(1.0, double.PositiveInfinity), Description("districts: residents per district (the essay weighs 50,000-500,000); the seats become round(population / district_size).")]
    public double? DistrictSize { get; set; }

    [Range(2, 100), DerivedDefault("5 for proportional"), Description("proportional: ideal-point blocs (parties), each an equal share of residents ranked by ideal point.")]
    public int? Blocs { get; set; }
}
