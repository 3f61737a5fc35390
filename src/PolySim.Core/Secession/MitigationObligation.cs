using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// A mitigation payment owed by a new city to the remainder of the city it left, by jurisdiction index of the structure's
/// current map; each year's amount follows <see cref="MitigationTerms.Payment"/> and enters both budgets.
/// </summary>
/// <param name="Payer">The new city.</param>
/// <param name="Payee">The remainder.</param>
/// <param name="Basis">Basis amount B measured in the year of the vote, $.</param>
/// <param name="FirstYear">Calendar year of the first payment.</param>
/// <param name="Terms">The terms.</param>
public sealed record MitigationObligation(int Payer, int Payee, double Basis, int FirstYear, MitigationTerms Terms)
{
    /// <summary>Payment due in calendar year <paramref name="year"/>, $.</summary>
    public double Due(int year) => Terms.Payment(Basis, year - FirstYear);

    /// <summary>Sets every jurisdiction's mitigation paid (positive) or received (negative) this year.</summary>
    public static void Apply(StructureState s, YearConditions year)
    {
        Array.Clear(s.Mitigation);
        foreach (var o in s.Obligations)
        {
            double amount = o.Due(year.Year);
            s.Mitigation[o.Payer] += amount;
            s.Mitigation[o.Payee] -= amount;
        }
    }
}
