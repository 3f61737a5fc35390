using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>The organized interest's ideal relative to the representative's choice (MODEL.md section 5).</summary>
[Description("The lobby's ideal level = representative level * (1 + capital_bias (2k - 1) - need_aversion * nu), and lower taxes on the C/I base.")]
public sealed class LobbySpec
{
    [Range(0.0, double.PositiveInfinity), Description("Preference for capital-intensive spending (k = capital_intensity).")]
    public double CapitalBias { get; set; } = 0.3;

    [Range(0.0, 1.0), Description("Aversion to need-based spending (nu = need_sensitivity); also scales down need targeting by lambda * aversion.")]
    public double NeedAversion { get; set; } = 0.5;

    [Range(0.0, 1.0), Description("Under capture lambda, the C/I classification ratio is multiplied by 1 - lambda * relief.")]
    public double CommercialTaxRelief { get; set; } = 0.3;
}
