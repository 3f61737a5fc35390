namespace PolySim.Core.Secession;

/// <summary>
/// Probability that an eligible resident votes (MODEL.md section 7): p = clamp(base·(y/ȳ)^ε + stakes·|gain|/y, 0, 1), with
/// y the resident's income per person, ȳ the electorate's mean and gain the money value of secession to the household.
/// Turnout rising with income and with what is at stake follows the participation literature (Verba, Schlozman &amp;
/// Brady 1995; Downs 1957); the parameters are the scenario's.
/// </summary>
/// <param name="Base">Turnout of a resident at mean income with nothing at stake.</param>
/// <param name="IncomeElasticity">ε: elasticity of turnout with respect to income.</param>
/// <param name="Stakes">Added turnout per unit of |gain| relative to income.</param>
public sealed record Turnout(double Base, double IncomeElasticity, double Stakes)
{
    /// <summary>Everyone votes.</summary>
    public static Turnout Full { get; } = new(1, 0, 0);

    /// <summary>Turnout of a resident with per-person income <paramref name="income"/> and household gain <paramref name="gain"/>.</summary>
    public double Probability(double income, double mean, double gain)
    {
        double p = Base * (IncomeElasticity == 0 || mean <= 0 ? 1 : Math.Pow(Math.Max(income, 1e-9) / mean, IncomeElasticity));
        if (Stakes > 0 && income > 0) p += Stakes * Math.Abs(gain) / income;
        return Math.Clamp(p, 0, 1);
    }
}
