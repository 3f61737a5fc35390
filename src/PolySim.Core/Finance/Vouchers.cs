namespace PolySim.Core.Finance;

/// <summary>Who funds the vouchers.</summary>
public enum VoucherPayer
{
    /// <summary>The state: money from outside the region.</summary>
    State,

    /// <summary>The upper tier, from a levy on the structure's tax base (requires an upper tier).</summary>
    UpperTier,
}

/// <summary>
/// Neighborhood-only vouchers (MODEL.md section 6; the Los Angeles essay's vouchers that only neighborhood governments
/// can cash): every resident holds a voucher worth <paramref name="PerResident"/> a year that only its lowest-tier
/// jurisdiction can cash.
/// </summary>
/// <param name="PerResident">Voucher value per resident and year, $.</param>
/// <param name="Payer">Who funds them.</param>
/// <remarks>
/// Voucher_j = PerResident·pop_j with pop_j the jurisdiction's residents this year, so the money follows households when
/// they move. Cashed vouchers are a lump sum in the jurisdiction's budget; with an upper-tier payer they are financed by
/// its levy like upward financing.
/// </remarks>
public sealed record Vouchers(double PerResident, VoucherPayer Payer);
