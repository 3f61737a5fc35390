namespace PolySim.Core.Secession;

/// <summary>
/// The old city's assets and debts at separation, split by assessed value (MODEL.md section 7): the new city takes the
/// share of the city's assessed value (residential plus C/I) that lies in the area. With a property tax this is the share of
/// debt service the area already paid, so the split moves no money between the two; it is reported, not simulated.
/// </summary>
/// <param name="Assets">The city's assets, $.</param>
/// <param name="Debts">The city's debts, $.</param>
public sealed record SeparationTerms(double Assets, double Debts)
{
    /// <summary>The new city's assets and debts for an assessed-value share <paramref name="share"/>.</summary>
    public (double Assets, double Debts) Split(double share) => (share * Assets, share * Debts);
}
