using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Consumer (co-production) costs of using a good: travel and waiting (MODEL.md section 3; benchmark B12).</summary>
[Description("Travel to the service point and waiting there, in money (benchmark B12).")]
public sealed class ConsumerCostSpec
{
    [Range(0.0, double.PositiveInfinity), Description("Uses per resident per year.")]
    public double TripsPerResident { get; set; } = 1;

    [Range(0.0, double.PositiveInfinity), Description("Money cost per km of one-way distance per trip, $ (B12a: a round trip at $1/km is $2).")]
    public double CostPerKm { get; set; } = 2;

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), DerivedDefault("the good's cost.optimal_scale"),
     Description("Residents served per facility; a provider runs max(1, round(n / facility_scale)) facilities.")]
    public double? FacilityScale { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Fixed cost per facility per year, $ (added to production cost).")]
    public double FacilityCost { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("mu: uses one server handles per hour (0 = no waiting modelled).")]
    public double ServiceRatePerHour { get; set; }

    [Range(0.0, 8784.0, MinimumIsExclusive = true), Description("Hours a facility is open per year.")]
    public double OpenHoursPerYear { get; set; } = 2000;

    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true), Description("Servers per facility are sized to keep utilization rho at or below this.")]
    public double TargetUtilization { get; set; } = 0.85;

    [Range(0.0, double.PositiveInfinity), Description("Money value of an hour of waiting, $.")]
    public double ValueOfTimePerHour { get; set; } = 15;
}
