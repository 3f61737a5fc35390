using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Goods;

namespace PolySim.Scenarios;

/// <summary>A U-shaped average cost curve (MODEL.md section 3, benchmark B6).</summary>
[Description("Average production cost per unit of service level per resident as a function of the producing jurisdiction's population n.")]
public sealed class CostSpec
{
    [Description("olson: AC(n) = base + premium (n*/n + n/n*); log_quadratic: AC(n) = base (1 + premium ln(n/n*)^2); constant: AC(n) = base.")]
    public CostForm Form { get; set; } = CostForm.Olson;

    [Required, Range(0.0, double.PositiveInfinity), Description("b: floor cost, $ per unit level per resident per year.")]
    public double Base { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("theta (olson) or kappa (log_quadratic): how steeply cost rises away from n*.")]
    public double Premium { get; set; }

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), DerivedDefault("required unless form is constant (then 10000)"),
     Description("n*: producing population at which average cost is lowest.")]
    public double? OptimalScale { get; set; }
}
