using PolySim.Core.Governance;
using PolySim.Core.Metrics;

namespace PolySim.Core.Simulation;

/// <summary>One jurisdiction's books for one year (balanced: OwnRevenue + Grants + upward grants and upper-tier vouchers
/// received + levy = Spending + Pigouvian charges, which are rebated to residents, + upward grants and vouchers paid).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Jurisdiction">Jurisdiction id.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="Population">Residents.</param>
/// <param name="ResidentialBase">Taxable residential value (property tax) or the base of the tax in use, $.</param>
/// <param name="CommercialBase">Taxable C/I base after classification and tax-base sharing, $ (0 unless property tax).</param>
/// <param name="TaxRate">Own tax rate on (residential + commercial) base.</param>
/// <param name="OwnRevenue">Own tax revenue, $.</param>
/// <param name="Grants">Grants received from outside the region (matching, state lump sums, guaranteed base, sales tax rebate, state vouchers), $.</param>
/// <param name="Spending">Production spending, $.</param>
/// <param name="SharedContribution">Classified C/I base contributed to the tax-base-sharing pool, $ (included in CommercialBase as a deduction).</param>
/// <param name="SharedDistribution">Base received from the pool, $ (included in CommercialBase).</param>
/// <param name="Flows">Receipts and payments by instrument (null in hand-made records).</param>
public sealed record JurisdictionFiscal(
    int Year, string Jurisdiction, Tier Tier, double Population, double ResidentialBase, double CommercialBase,
    double TaxRate, double OwnRevenue, double Grants, double Spending, double SharedContribution = 0, double SharedDistribution = 0,
    InstrumentFlows? Flows = null);

/// <summary>
/// One jurisdiction's receipts and payments under each equalization instrument in one year, $ (see
/// PolySim.Core.Finance.FiscalFlows). Outside money: matching, state grants, guaranteed base, sales tax rebate, vouchers
/// paid by the state, and the federal credit to the jurisdiction's residents.
/// </summary>
public sealed record InstrumentFlows(double Matching, double StateGrants, double GuaranteedBase, double UpwardReceived, double UpwardPaid,
    double VouchersReceived, double VouchersPaid, double SalesTaxRebate, double Levy, double FederalCredit)
{
    /// <summary>Grants received minus grants paid to lower tiers, plus the residents' federal credit: the net inflow, $.</summary>
    public double Net => Matching + StateGrants + GuaranteedBase + UpwardReceived + VouchersReceived + SalesTaxRebate + FederalCredit
        - UpwardPaid - VouchersPaid;
}

/// <summary>Decision fixed-point diagnostics for one year: the residual and where it is largest.</summary>
public sealed record SolverReport(int Year, int Iterations, bool Converged, double Residual, string? WorstJurisdiction = null, string? WorstGood = null);

/// <summary>Households that moved from one lowest-tier jurisdiction to another in a year (Tiebout sorting).</summary>
public sealed record JurisdictionFlow(int Year, string From, string To, double Households);

/// <summary>Everything one structure produced in one replication.</summary>
public sealed record StructureRun(
    string StructureId,
    StructureKind Kind,
    IReadOnlyList<MetricValue> Metrics,
    IReadOnlyList<JurisdictionFiscal> Fiscal,
    IReadOnlyList<SolverReport> Solver,
    IReadOnlyList<JurisdictionFlow>? Flows = null);

/// <summary>One replication: all structures on the same generated households.</summary>
public sealed record ReplicationResult(int Replication, ulong Seed, IReadOnlyList<StructureRun> Structures,
    IReadOnlyList<Secession.ReferendumResult>? Referenda = null);

/// <summary>The result of running a scenario.</summary>
public sealed record RunResult(Scenario Scenario, IReadOnlyList<ReplicationResult> Replications);
