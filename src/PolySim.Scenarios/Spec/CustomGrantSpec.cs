using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>A lump-sum state grant given by a custom formula (MODEL.md section 6; see "Custom formulas" in docs/scenarios.md).</summary>
[Description("A lump-sum state grant to each lowest-tier jurisdiction, given by a formula over its attributes (negative results pay nothing).")]
public sealed class CustomGrantSpec
{
    [Required, Description("Name of the grant, used in messages.")]
    public string Name { get; set; } = "";

    [Required, Description("Formula over jurisdiction attributes giving $ per year, e.g. '150 * pop * (avg_fc / fc)'. Arithmetic, comparisons and the math functions of the formula language only.")]
    public string Formula { get; set; } = "";
}
