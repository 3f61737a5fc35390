using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>State sales tax rebated to lowest-tier jurisdictions that run a recommended program (MODEL.md section 6).</summary>
[Description("State sales tax rebate: the sales tax paid by a lowest-tier jurisdiction's residents is rebated to it if it ran the recommended program last year (money from outside the region).")]
public sealed class SalesTaxRebateSpec
{
    [Range(0.0, 1.0), Description("State sales tax rate.")]
    public double Rate { get; set; } = 0.06;

    [Range(0.0, 1.0), Description("Share of household income spent on taxable goods.")]
    public double TaxableShare { get; set; } = 0.35;

    [Range(0.0, 1.0), Description("Share of the tax collected from the jurisdiction's residents that is rebated.")]
    public double RebateShare { get; set; } = 1;

    [Required, References(IdKind.Good), Description("Id of the good that is the recommended program; the jurisdiction must provide it.")]
    public string? ProgramGood { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Level of the program good the jurisdiction must have decided last year (in the first year: the solver's starting level, 1).")]
    public double MinimumLevel { get; set; }
}
