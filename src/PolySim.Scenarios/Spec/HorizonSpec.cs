using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>The simulated period.</summary>
[Description("The simulated period.")]
public sealed class HorizonSpec
{
    [Range(1800, 3000), Description("First simulated calendar year.")]
    public int StartYear { get; set; } = 2025;

    [Range(1, 1000), Description("Number of simulated years.")]
    public int Years { get; set; } = 10;
}
