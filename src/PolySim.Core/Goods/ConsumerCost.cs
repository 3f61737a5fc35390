namespace PolySim.Core.Goods;

/// <summary>
/// Consumer (co-production) costs of using a good: travel to the service point and waiting there
/// (MODEL.md section 3; benchmark B12).
/// </summary>
/// <param name="TripsPerResident">Uses per resident per year.</param>
/// <param name="CostPerKm">Money cost per km of one-way distance per trip, $ (B12a: round trip at $1/km = $2).</param>
/// <param name="FacilityScale">Residents served per facility; a provider runs max(1, round(n/scale)) facilities.</param>
/// <param name="FacilityCost">Fixed cost per facility per year, $ (added to production cost).</param>
/// <param name="ServiceRatePerHour">μ: uses one server handles per hour (0 = no waiting modelled).</param>
/// <param name="OpenHoursPerYear">Hours a facility is open per year (arrival rate = trips / hours).</param>
/// <param name="TargetUtilization">Servers per facility are sized to keep ρ at or below this.</param>
/// <param name="ValueOfTimePerHour">Money value of an hour of waiting, $.</param>
public sealed record ConsumerCost(
    double TripsPerResident,
    double CostPerKm,
    double FacilityScale,
    double FacilityCost,
    double ServiceRatePerHour,
    double OpenHoursPerYear,
    double TargetUtilization,
    double ValueOfTimePerHour)
{
    /// <summary>No consumer costs.</summary>
    public static ConsumerCost None { get; } = new(0, 0, 1e12, 0, 0, 2000, 0.85, 0);

    /// <summary>Mean straight-line distance to the centre of a square of side L is 0.3825979·L (B12a).</summary>
    public const double MeanDistanceFactor = 0.38259785823210635; // (√2 + ln(1 + √2)) / 6

    /// <summary>Number of facilities a provider of <paramref name="population"/> runs.</summary>
    public double Facilities(double population) => Math.Max(1, Math.Round(population / FacilityScale));

    /// <summary>Annual travel cost per resident when <paramref name="facilities"/> serve <paramref name="areaKm2"/>.</summary>
    public double TravelCostPerResident(double areaKm2, double facilities) =>
        TripsPerResident * CostPerKm * MeanDistanceFactor * Math.Sqrt(areaKm2 / facilities);

    /// <summary>Annual waiting cost per resident (M/M/c at each facility, servers sized to the target utilization).</summary>
    public double WaitingCostPerResident(double population, double facilities)
    {
        if (ServiceRatePerHour <= 0 || TripsPerResident <= 0 || ValueOfTimePerHour <= 0) return 0;
        double lambda = TripsPerResident * population / facilities / OpenHoursPerYear;
        int servers = Math.Max(1, (int)Math.Ceiling(lambda / (ServiceRatePerHour * TargetUtilization)));
        double wq = Queueing.ErlangCWait(lambda, ServiceRatePerHour, servers);
        return TripsPerResident * wq * ValueOfTimePerHour;
    }
}
