namespace PolySim.Core.Decisions;

/// <summary>
/// What the organized interest (development, business) wants, relative to the representative's choice
/// (MODEL.md section 5): more capital-intensive spending, less need-based spending, lower taxes on the C/I base.
/// </summary>
/// <param name="CapitalBias">Lobby level = representative·(1 + bias·(2k − 1) − aversion·ν) for capital intensity k.</param>
/// <param name="NeedAversion">See <paramref name="CapitalBias"/>; also scales down need targeting by λ·aversion.</param>
/// <param name="CommercialTaxRelief">Under capture λ the C/I classification ratio is multiplied by 1 − λ·relief.</param>
public sealed record Lobby(double CapitalBias, double NeedAversion, double CommercialTaxRelief)
{
    /// <summary>The lobby's ideal as a multiple of the representative level for a good.</summary>
    public double LevelMultiplier(double capitalIntensity, double needSensitivity) =>
        Math.Max(0, 1 + CapitalBias * (2 * capitalIntensity - 1) - NeedAversion * needSensitivity);
}
