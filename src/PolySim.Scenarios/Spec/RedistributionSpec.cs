using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Local redistribution (benchmarks.md B9; Meltzer–Richard, Bolton–Roland).</summary>
[Description("Linear income tax with a lump-sum rebate per resident, (t - deadweight * t^2 / 2) * mean income, set by each lowest-tier jurisdiction's median voter.")]
public sealed class RedistributionSpec
{
    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("d in the deadweight cost d * t^2 / 2 of the tax base (B9: 1).")]
    public double Deadweight { get; set; } = 1;
}
