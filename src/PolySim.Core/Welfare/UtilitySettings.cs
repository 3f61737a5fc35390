namespace PolySim.Core.Welfare;

/// <summary>Utility settings shared by all households.</summary>
/// <param name="Consumption">Log (default) or quasi-linear consumption.</param>
/// <param name="ConsumptionFloor">Share of income below which consumption is floored for utility; households under it are counted as displaced.</param>
public sealed record UtilitySettings(ConsumptionForm Consumption, double ConsumptionFloor)
{
    /// <summary>Log consumption, floor at 5% of income.</summary>
    public static UtilitySettings Default { get; } = new(ConsumptionForm.Log, 0.05);
}
