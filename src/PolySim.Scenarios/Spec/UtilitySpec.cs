using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Welfare;

namespace PolySim.Scenarios;

/// <summary>Utility settings shared by all households.</summary>
[Description("Utility settings shared by all households.")]
public sealed class UtilitySpec
{
    [Description("log: U = (1 - alpha) ln c + sum theta b(Q) (MODEL.md); quasi_linear: U = c + sum theta b(Q) (textbook benchmarks).")]
    public ConsumptionForm Consumption { get; set; } = ConsumptionForm.Log;

    [Range(0.0, 1.0, MaximumIsExclusive = true), Description("Share of income below which consumption is floored for utility; households under it count as displaced.")]
    public double ConsumptionFloor { get; set; } = 0.05;

    [Range(0.0, double.PositiveInfinity), Description("h: cost per resident per km between home and the jurisdiction's policy position, the residents' median x (Alesina-Spolaore heterogeneity cost, benchmark B3; 0 = none).")]
    public double PolicyDistanceCost { get; set; }
}
