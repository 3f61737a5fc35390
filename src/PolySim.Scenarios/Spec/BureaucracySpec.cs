using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>Bureaucratic overhead and Niskanen slack (MODEL.md section 5; benchmark B7).</summary>
[Description("Cost multiplier 1 + overhead * max(0, ln(n / span_threshold)) and Niskanen slack.")]
public sealed class BureaucracySpec
{
    [Range(0.0, double.PositiveInfinity), Description("b in the cost multiplier (0 = no overhead).")]
    public double Overhead { get; set; }

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("n_b: jurisdiction size above which overhead starts.")]
    public double SpanThreshold { get; set; } = 25_000;

    [Range(0.0, 1.0), Description("Share of the gap between the chosen and the budget-maximizing level that the bureau obtains (1 = a full Niskanen bureau).")]
    public double NiskanenSlack { get; set; }
}
