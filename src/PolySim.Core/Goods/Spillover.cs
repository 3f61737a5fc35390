namespace PolySim.Core.Goods;

/// <summary>How provision elsewhere reaches a neighborhood.</summary>
public enum SpilloverForm
{
    /// <summary>Q_i = q_i + Σ_k s·e^(−d/λ)·q_k (MODEL.md section 3; B2b).</summary>
    Additive,

    /// <summary>b = (1 − s)·b(q_i) + s·Σ_k w_ik·b(q_k), w ∝ e^(−d/λ) summing to 1 (Besley–Coate form; B1b, B2a).</summary>
    BenefitShare,
}

/// <summary>Spillover of a good (or bad) across neighborhoods with distance decay.</summary>
/// <param name="Form">Additive or benefit-share.</param>
/// <param name="Share">s: share reaching outsiders (additive: weight per neighbor at distance 0).</param>
/// <param name="DecayKm">λ: decay length, km (∞ allowed: no decay).</param>
public sealed record Spillover(SpilloverForm Form, double Share, double DecayKm)
{
    /// <summary>No spillover.</summary>
    public static Spillover None { get; } = new(SpilloverForm.Additive, 0, 1);

    /// <summary>Additive weight e^(−d/λ)·s between two distinct neighborhoods.</summary>
    public double Weight(double distanceKm) =>
        Share == 0 ? 0 : Share * (double.IsPositiveInfinity(DecayKm) ? 1 : Math.Exp(-distanceKm / DecayKm));
}
