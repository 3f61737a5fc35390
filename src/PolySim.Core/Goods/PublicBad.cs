namespace PolySim.Core.Goods;

/// <summary>
/// A public bad (crime, dumping, graffiti, a polluting plant): sources per neighborhood that spill over like goods
/// and are reduced by enforcement whose effectiveness falls with the enforcing jurisdiction's size
/// (MODEL.md section 3).
/// </summary>
/// <param name="Id">Bad id.</param>
/// <param name="Name">Display name.</param>
/// <param name="DamagePerUnit">δ: money damage per resident per unit of exposure per year, $.</param>
/// <param name="Spillover">How a source's exposure reaches other neighborhoods (additive form).</param>
/// <param name="Effectiveness">κ: reduction per $ of per-resident enforcement spending at full effectiveness.</param>
/// <param name="FaceToFaceScale">n0 in η(n) = 1 / (1 + (n/n0)^β).</param>
/// <param name="FaceToFaceExponent">β in η(n).</param>
/// <param name="SourceGrowth">Annual growth rate of the sources.</param>
/// <remarks>Remaining source after enforcement e ($/resident): S·exp(−η(n)·κ·e). Exposure at i: Σ_k K_ik S_k,
/// K_ii = 1, K_ik = s·e^(−d/λ). Damage to a household: δ·persons·exposure.</remarks>
public sealed record PublicBad(
    string Id,
    string Name,
    double DamagePerUnit,
    Spillover Spillover,
    double Effectiveness,
    double FaceToFaceScale,
    double FaceToFaceExponent,
    double SourceGrowth)
{
    /// <summary>Enforcement effectiveness η(n) = 1 / (1 + (n/n0)^β) for an enforcing jurisdiction of n residents.</summary>
    public double Eta(double n) => 1.0 / (1.0 + Math.Pow(n / FaceToFaceScale, FaceToFaceExponent));
}
