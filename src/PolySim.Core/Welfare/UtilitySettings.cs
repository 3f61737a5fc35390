namespace PolySim.Core.Welfare;

/// <summary>Utility settings shared by all households.</summary>
/// <param name="Consumption">Log (default) or quasi-linear consumption.</param>
/// <param name="ConsumptionFloor">Share of income below which consumption is floored for utility; households under it are counted as displaced.</param>
/// <param name="PolicyDistanceCost">h: money cost per resident per km between the resident's neighborhood and its jurisdiction's
/// policy position (Alesina–Spolaore heterogeneity cost, B3; 0 = none). See <see cref="PolicyDistance"/>.</param>
public sealed record UtilitySettings(ConsumptionForm Consumption, double ConsumptionFloor, double PolicyDistanceCost = 0)
{
    /// <summary>Log consumption, floor at 5% of income.</summary>
    public static UtilitySettings Default { get; } = new(ConsumptionForm.Log, 0.05);
}
