using PolySim.Core.Governance;
using PolySim.Core.Metrics;

namespace PolySim.Core.Simulation;

/// <summary>One jurisdiction's books for one year (balanced: OwnRevenue + Grants = Spending + Pigouvian charges, which are rebated to residents).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Jurisdiction">Jurisdiction id.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="Population">Residents.</param>
/// <param name="ResidentialBase">Taxable residential value (property tax) or the base of the tax in use, $.</param>
/// <param name="CommercialBase">Taxable C/I base after classification and tax-base sharing, $ (0 unless property tax).</param>
/// <param name="TaxRate">Own tax rate on (residential + commercial) base.</param>
/// <param name="OwnRevenue">Own tax revenue, $.</param>
/// <param name="Grants">Grants received (matching grants), $.</param>
/// <param name="Spending">Production spending, $.</param>
/// <param name="SharedContribution">Classified C/I base contributed to the tax-base-sharing pool, $ (included in CommercialBase as a deduction).</param>
/// <param name="SharedDistribution">Base received from the pool, $ (included in CommercialBase).</param>
public sealed record JurisdictionFiscal(
    int Year, string Jurisdiction, Tier Tier, double Population, double ResidentialBase, double CommercialBase,
    double TaxRate, double OwnRevenue, double Grants, double Spending, double SharedContribution = 0, double SharedDistribution = 0);

/// <summary>Decision fixed-point diagnostics for one year: the residual and where it is largest.</summary>
public sealed record SolverReport(int Year, int Iterations, bool Converged, double Residual, string? WorstJurisdiction = null, string? WorstGood = null);

/// <summary>Everything one structure produced in one replication.</summary>
public sealed record StructureRun(
    string StructureId,
    StructureKind Kind,
    IReadOnlyList<MetricValue> Metrics,
    IReadOnlyList<JurisdictionFiscal> Fiscal,
    IReadOnlyList<SolverReport> Solver);

/// <summary>One replication: all structures on the same generated households.</summary>
public sealed record ReplicationResult(int Replication, ulong Seed, IReadOnlyList<StructureRun> Structures,
    IReadOnlyList<Secession.ReferendumResult>? Referenda = null);

/// <summary>The result of running a scenario.</summary>
public sealed record RunResult(Scenario Scenario, IReadOnlyList<ReplicationResult> Replications);
