using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Decisions;

namespace PolySim.Scenarios;

/// <summary>A decision rule (MODEL.md section 5); may be written as just its kind, e.g. <c>direct_democracy</c>.</summary>
[ScalarShorthand(nameof(Kind))]
[Description("A decision rule; may be written as just its kind (e.g. direct_democracy).")]
public sealed class RuleSpec
{
    [Required, Description("direct_democracy: median of residents' ideal levels; council: district representatives, council median, capture by organized interests; planner: utilitarian (Samuelson) choice.")]
    public DecisionRuleKind Kind { get; set; }

    [Range(1, 10_000), DerivedDefault("15 for council, 0 (unused) otherwise"), Description("Council seats (districts).")]
    public int? Seats { get; set; }

    [Description("How organized interests bend a council: lobby_mix (policy = (1 - lambda) representative + lambda lobby ideal) or weighted_welfare (benchmark B11).")]
    public CaptureModel Capture { get; set; } = CaptureModel.LobbyMix;

    [Range(0.0, 1.0), DerivedDefault("0.4 for council, 0 otherwise"), Description("lambda_max in lambda = lambda_max n / (n + n_lambda).")]
    public double? CaptureMax { get; set; }

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), Description("n_lambda: constituency size at which capture is half of lambda_max.")]
    public double CaptureHalfSize { get; set; } = 250_000;

    [Range(0.0, double.PositiveInfinity), Description("Fixed extra weight lambda on organized households (weighted_welfare); omitted: the lambda formula.")]
    public double? OrganizedWeight { get; set; }

    [Range(0.0, 1.0), Description("Share of the budget allocated by residents' assemblies (participatory budgeting).")]
    public double ParticipatoryShare { get; set; }

    [Range(0.0, 8784.0), DerivedDefault("20 for direct_democracy, 2 for council, 0 for planner"),
     Description("Hours a participating resident spends per year (participation cost).")]
    public double? MeetingHoursPerYear { get; set; }
}
