namespace PolySim.Core.Decisions;

/// <summary>The decision rules a jurisdiction can use (MODEL.md section 5).</summary>
public enum DecisionRuleKind
{
    /// <summary>Issue-by-issue median of residents' ideal levels under their own tax prices.</summary>
    DirectDemocracy,

    /// <summary>District representatives (each its district's median), council median, capture by organized interests.</summary>
    Council,

    /// <summary>Utilitarian (Samuelson) choice: Σ marginal willingness to pay = Σ marginal tax cost.</summary>
    Planner,
}

/// <summary>How organized interests bend a council's choice.</summary>
public enum CaptureModel
{
    /// <summary>policy = (1 − λ)·representative + λ·lobby ideal, λ = λ_max·n/(n + n_λ) (MODEL.md section 5).</summary>
    LobbyMix,

    /// <summary>The council maximizes Σu + λ·Σ_organized u (benchmark B11).</summary>
    WeightedWelfare,
}

/// <summary>
/// A decision rule with its parameters (MODEL.md section 5).
/// </summary>
/// <param name="Kind">Rule family.</param>
/// <param name="Seats">Council seats (districts); ignored for other rules.</param>
/// <param name="Capture">Capture model of a council.</param>
/// <param name="CaptureMax">λ_max.</param>
/// <param name="CaptureHalfSize">n_λ: constituency size at which capture is half of λ_max.</param>
/// <param name="OrganizedWeight">Fixed extra weight λ on organized households (weighted welfare); null = the λ formula.</param>
/// <param name="ParticipatoryShare">Share of the budget allocated by residents' assemblies (participatory budgeting).</param>
/// <param name="MeetingHoursPerYear">Hours a participating resident spends per year (participation cost).</param>
/// <param name="Legislature">How a council's members are chosen (upper tiers); null = districts drawn for the seats.</param>
public sealed record DecisionRule(
    DecisionRuleKind Kind,
    int Seats,
    CaptureModel Capture,
    double CaptureMax,
    double CaptureHalfSize,
    double? OrganizedWeight,
    double ParticipatoryShare,
    double MeetingHoursPerYear,
    Legislature? Legislature = null)
{
    /// <summary>How the council's members are chosen.</summary>
    public LegislatureForm Form => Legislature?.Form ?? LegislatureForm.Districts;

    /// <summary>Capture share λ_j = λ_max·n/(n + n_λ) for a constituency of <paramref name="population"/> (0 for non-councils).</summary>
    public double CaptureShare(double population) =>
        Kind != DecisionRuleKind.Council || CaptureMax == 0 ? 0 : CaptureMax * population / (population + CaptureHalfSize);

    /// <summary>Direct democracy with default participation costs.</summary>
    public static DecisionRule DirectDemocracy { get; } = new(DecisionRuleKind.DirectDemocracy, 0, CaptureModel.LobbyMix, 0, 1, null, 0, 20);

    /// <summary>The utilitarian planner.</summary>
    public static DecisionRule Planner { get; } = new(DecisionRuleKind.Planner, 0, CaptureModel.LobbyMix, 0, 1, null, 0, 0);
}
