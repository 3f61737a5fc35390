namespace PolySim.Core.Secession;

/// <summary>What a revenue-neutrality payment is measured against.</summary>
public enum MitigationBasis
{
    /// <summary>
    /// California's rule (Gov. Code §56815): the net revenue the old city collected in the area over what it spent there
    /// in the year of the vote, so the remainder's budget is neither better nor worse off.
    /// </summary>
    NetRevenue,

    /// <summary>The payment per remainder resident that leaves the remainder's median-income resident exactly as well off (B9a).</summary>
    HoldHarmless,
}

/// <summary>
/// Revenue-neutrality terms of separation (MODEL.md section 7) as a local agency formation commission sets them: the new
/// city pays the remainder Share × the basis amount, raised by inflation and reduced linearly by AnnualDecline of the first
/// payment each year, for Years years: P(t) = Share·B·(1 + π)^t·max(0, 1 − δ·t) for 0 ≤ t &lt; Years.
/// </summary>
/// <param name="Basis">How the basis amount B is measured in the year of the vote.</param>
/// <param name="Share">Share of B paid (1 = full revenue neutrality).</param>
/// <param name="Inflation">π: yearly inflation adjustment.</param>
/// <param name="AnnualDecline">δ: yearly reduction as a share of the first payment.</param>
/// <param name="Years">Number of yearly payments.</param>
public sealed record MitigationTerms(MitigationBasis Basis, double Share, double Inflation, double AnnualDecline, int Years)
{
    /// <summary>Payment in year <paramref name="t"/> after separation (t = 0: the year it takes effect) for basis amount <paramref name="basis"/>.</summary>
    public double Payment(double basis, int t) =>
        t < 0 || t >= Years ? 0 : Share * basis * Math.Pow(1 + Inflation, t) * Math.Max(0, 1 - AnnualDecline * t);
}
