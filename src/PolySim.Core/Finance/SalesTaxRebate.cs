namespace PolySim.Core.Finance;

/// <summary>
/// A state sales tax rebated to lowest-tier jurisdictions that run a recommended program (MODEL.md section 6; the Los
/// Angeles essay's conditional state sales-tax rebates): money from outside the region.
/// </summary>
/// <param name="Rate">State sales tax rate.</param>
/// <param name="TaxableShare">Share of household income spent on taxable goods.</param>
/// <param name="RebateShare">Share of the tax collected from the jurisdiction's residents that is rebated.</param>
/// <param name="ProgramGood">Id of the good that is the recommended program.</param>
/// <param name="MinimumLevel">Level of the program good the jurisdiction must have decided last year to qualify.</param>
/// <remarks>
/// Rebate_j = RebateShare·Rate·TaxableShare·Σ_{h∈j} w_h·y_h if j provides the program good and its level last year was at
/// least MinimumLevel (in the first year: the solver's starting level, 1). The sales tax is an existing state tax paid
/// in every structure alike, so it is not charged to households here; only the rebate is new money, from the state.
/// Judging the condition on last year's level keeps the year's decision problem continuous.
/// </remarks>
public sealed record SalesTaxRebate(double Rate, double TaxableShare, double RebateShare, string ProgramGood, double MinimumLevel)
{
    /// <summary>The rebate to a jurisdiction whose residents earn <paramref name="income"/> and whose program level was
    /// <paramref name="level"/> last year, $.</summary>
    public double Amount(double income, double level) => level >= MinimumLevel ? RebateShare * Rate * TaxableShare * income : 0;
}
