using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Federal income tax credit for lowest-tier taxes (MODEL.md section 6).</summary>
[Description("Federal income tax credit: each household's taxes to its lowest-tier jurisdiction are credited dollar for dollar against federal income tax, up to a cap (money from outside the region).")]
public sealed class IncomeTaxCreditSpec
{
    [Required, Range(0.0, double.PositiveInfinity), Description("Largest credit per household per year, $.")]
    public double? CapPerHousehold { get; set; }
}
