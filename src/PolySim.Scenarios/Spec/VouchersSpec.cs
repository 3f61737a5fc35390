using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Finance;

namespace PolySim.Scenarios;

/// <summary>Neighborhood-only vouchers (MODEL.md section 6).</summary>
[Description("Vouchers: every resident holds a voucher that only its lowest-tier jurisdiction can cash; computed each year from current residents, so the money follows households that move.")]
public sealed class VouchersSpec
{
    [Required, Range(0.0, double.PositiveInfinity), Description("Voucher value per resident per year, $.")]
    public double? PerResident { get; set; }

    [Description("Who funds the vouchers: state (outside money) or upper_tier (a levy of the upper tier; two_tier only).")]
    public VoucherPayer Payer { get; set; } = VoucherPayer.State;
}
