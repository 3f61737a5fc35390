using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>A public bad (MODEL.md section 3).</summary>
[Description("A public bad: sources per neighborhood that spill over like goods and are reduced by enforcement whose effectiveness falls with the enforcing jurisdiction's size, eta(n) = 1 / (1 + (n/n0)^beta).")]
public sealed class BadSpec
{
    [Required, Description("Bad id (unique).")]
    public string Id { get; set; } = "";

    [DerivedDefault("the id"), Description("Display name.")]
    public string? Name { get; set; }

    [Required, Range(0.0, double.PositiveInfinity), Description("delta: money damage per resident per unit of exposure per year, $.")]
    public double DamagePerUnit { get; set; }

    [Description("How a source's exposure reaches other neighborhoods (form additive only; default: none).")]
    public SpilloverSpec Spillover { get; set; } = new();

    [Range(0.0, double.PositiveInfinity), Description("kappa: remaining source = S exp(-eta(n) kappa e) for enforcement spending e, $ per resident.")]
    public double Effectiveness { get; set; } = 0.05;

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("n0 in eta(n): enforcing population at which effectiveness is halved (face-to-face work).")]
    public double FaceToFaceScale { get; set; } = 10_000;

    [Range(0.0, double.PositiveInfinity), Description("beta in eta(n).")]
    public double FaceToFaceExponent { get; set; } = 1;

    [Range(-0.5, 0.5), Description("Annual growth rate of the sources.")]
    public double SourceGrowth { get; set; }
}
