using CsvHelper;

namespace PolySim.Output;

/// <summary>One row of <c>metrics.csv</c>: a metric of an entity in a year of one structure in one replication.</summary>
/// <param name="Run">Scenario name or run id.</param>
/// <param name="Replication">Replication index.</param>
/// <param name="Structure">Structure id.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Entity">"region", a jurisdiction id, "quintile-3", ...</param>
/// <param name="Metric">Metric name (<see cref="PolySim.Core.Metrics.MetricCatalog"/> or a per-good name such as "level:water").</param>
/// <param name="Value">The value; null (an empty field) when the engine produced NaN or an infinity.</param>
[CsvRecord]
public sealed partial record MetricRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("replication")] int Replication,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("year")] int Year,
    [CsvColumn("entity")] string Entity,
    [CsvColumn("metric")] string Metric,
    [CsvColumn("value")] double? Value);

/// <summary>One row of <c>fiscal.csv</c>: one jurisdiction's books in one year (see <see cref="PolySim.Core.Simulation.JurisdictionFiscal"/>).</summary>
/// <param name="Run">Scenario name or run id.</param>
/// <param name="Replication">Replication index.</param>
/// <param name="Structure">Structure id.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Jurisdiction">Jurisdiction id.</param>
/// <param name="Tier">Tier in snake_case: neighborhood, city, special_district, metro.</param>
/// <param name="Population">Residents.</param>
/// <param name="ResidentialBase">Residential (or in-use) tax base, $.</param>
/// <param name="CommercialBase">C/I base after classification, $.</param>
/// <param name="TaxRate">Own tax rate.</param>
/// <param name="OwnRevenue">Own tax revenue, $.</param>
/// <param name="Grants">Grants received, $.</param>
/// <param name="Spending">Production spending, $.</param>
/// <param name="SharedContribution">C/I base contributed to the tax-base-sharing pool, $.</param>
/// <param name="SharedDistribution">Base distributed from the pool, $.</param>
/// <param name="MatchingGrants">Matching grants received (outside), $.</param>
/// <param name="StateGrants">State per-capita, foundation and custom-formula grants received (outside), $.</param>
/// <param name="GuaranteedBasePayment">State payment under the guaranteed tax base (outside), $.</param>
/// <param name="UpwardReceived">Upward-financing grants received from the upper tier, $.</param>
/// <param name="UpwardPaid">Upward-financing grants paid to lower tiers, $.</param>
/// <param name="VouchersReceived">Vouchers cashed, $.</param>
/// <param name="VouchersPaid">Vouchers redeemed by the upper tier, $.</param>
/// <param name="SalesTaxRebate">State sales tax rebate received (outside), $.</param>
/// <param name="UpperTierLevy">Levy the upper tier raises to pay upward grants and vouchers, $.</param>
/// <param name="FederalCredit">Federal income tax credit of the residents (outside, to households), $.</param>
/// <param name="NetTransfer">All grants and credits received minus grants paid, $.</param>
[CsvRecord]
public sealed partial record FiscalRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("replication")] int Replication,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("year")] int Year,
    [CsvColumn("jurisdiction")] string Jurisdiction,
    [CsvColumn("tier")] string Tier,
    [CsvColumn("population")] double? Population,
    [CsvColumn("residential_base")] double? ResidentialBase,
    [CsvColumn("commercial_base")] double? CommercialBase,
    [CsvColumn("tax_rate")] double? TaxRate,
    [CsvColumn("own_revenue")] double? OwnRevenue,
    [CsvColumn("grants")] double? Grants,
    [CsvColumn("spending")] double? Spending,
    [CsvColumn("shared_contribution")] double? SharedContribution,
    [CsvColumn("shared_distribution")] double? SharedDistribution,
    [CsvColumn("matching_grants")] double? MatchingGrants,
    [CsvColumn("state_grants")] double? StateGrants,
    [CsvColumn("guaranteed_base_payment")] double? GuaranteedBasePayment,
    [CsvColumn("upward_received")] double? UpwardReceived,
    [CsvColumn("upward_paid")] double? UpwardPaid,
    [CsvColumn("vouchers_received")] double? VouchersReceived,
    [CsvColumn("vouchers_paid")] double? VouchersPaid,
    [CsvColumn("sales_tax_rebate")] double? SalesTaxRebate,
    [CsvColumn("upper_tier_levy")] double? UpperTierLevy,
    [CsvColumn("federal_credit")] double? FederalCredit,
    [CsvColumn("net_transfer")] double? NetTransfer);

/// <summary>One row of <c>summary.csv</c> (see <see cref="MetricSummary"/>).</summary>
/// <param name="Run">Scenario name or run id.</param>
/// <param name="Structure">Structure id.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Entity">Entity.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="N">Number of replications with a finite value.</param>
/// <param name="Mean">Mean over replications (empty when n = 0).</param>
/// <param name="Sd">Sample standard deviation (empty when n &lt; 2).</param>
/// <param name="CiLow">Lower end of the 95% interval (the mean when n = 1).</param>
/// <param name="CiHigh">Upper end of the 95% interval (the mean when n = 1).</param>
/// <param name="HalfWidth">t·sd/√n (0 when n = 1).</param>
/// <param name="Interval">"t95" (Student t, n − 1 df), "n=1" (no interval) or "none" (n = 0).</param>
[CsvRecord]
public sealed partial record SummaryRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("year")] int Year,
    [CsvColumn("entity")] string Entity,
    [CsvColumn("metric")] string Metric,
    [CsvColumn("n")] int N,
    [CsvColumn("mean")] double? Mean,
    [CsvColumn("sd")] double? Sd,
    [CsvColumn("ci_low")] double? CiLow,
    [CsvColumn("ci_high")] double? CiHigh,
    [CsvColumn("half_width")] double? HalfWidth,
    [CsvColumn("interval")] string Interval);

/// <summary>One row of <c>flows.csv</c>: households moving between two lowest-tier jurisdictions in a year.</summary>
/// <param name="Run">Scenario name or run id.</param>
/// <param name="Replication">Replication index.</param>
/// <param name="Structure">Structure id.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="From">Jurisdiction moved out of.</param>
/// <param name="To">Jurisdiction moved into.</param>
/// <param name="Households">Households that moved (weighted in type mode).</param>
[CsvRecord]
public sealed partial record FlowRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("replication")] int Replication,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("year")] int Year,
    [CsvColumn("from")] string From,
    [CsvColumn("to")] string To,
    [CsvColumn("households")] double? Households);

/// <summary>One row of <c>formulas.csv</c>: one equalization formula (structure) in the final year, region means over
/// replications (see <see cref="FormulaComparison"/>).</summary>
/// <param name="Run">Scenario name or run id.</param>
/// <param name="Structure">Structure id (one formula).</param>
/// <param name="Year">Final year.</param>
/// <param name="Baseline">Whether this is the baseline structure (welfare is measured against it).</param>
/// <param name="DisparityClosed">resource_disparity_closed.</param>
/// <param name="FiscalCv">fiscal_cv.</param>
/// <param name="SpendingCv">spending_cv.</param>
/// <param name="Efficiency">efficiency.</param>
/// <param name="Equity">equity.</param>
/// <param name="WelfareEv">welfare_ev_per_household.</param>
/// <param name="Winners">welfare_winners_share.</param>
/// <param name="Losers">welfare_losers_share.</param>
/// <param name="OutsideMoneyPerCapita">outside_money_per_capita: the cost to the state and the federal treasury.</param>
/// <param name="FederalCreditPerCapita">federal_credit_per_capita.</param>
/// <param name="UpwardGrantsPerCapita">upward_grants_per_capita.</param>
/// <param name="TaxQ1">tax_per_household of jurisdiction income quintile 1 (poorest).</param>
/// <param name="TaxQ2">Quintile 2.</param>
/// <param name="TaxQ3">Quintile 3.</param>
/// <param name="TaxQ4">Quintile 4.</param>
/// <param name="TaxQ5">Quintile 5 (richest).</param>
/// <param name="ServiceQ1">service_index of jurisdiction income quintile 1.</param>
/// <param name="ServiceQ2">Quintile 2.</param>
/// <param name="ServiceQ3">Quintile 3.</param>
/// <param name="ServiceQ4">Quintile 4.</param>
/// <param name="ServiceQ5">Quintile 5.</param>
/// <param name="JurisdictionsGaining">Lowest-tier jurisdictions whose mean EV per household is positive.</param>
/// <param name="JurisdictionsLosing">Lowest-tier jurisdictions whose mean EV per household is negative.</param>
[CsvRecord]
public sealed partial record FormulaRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("year")] int Year,
    [CsvColumn("baseline")] bool Baseline,
    [CsvColumn("disparity_closed")] double? DisparityClosed,
    [CsvColumn("fiscal_cv")] double? FiscalCv,
    [CsvColumn("spending_cv")] double? SpendingCv,
    [CsvColumn("efficiency")] double? Efficiency,
    [CsvColumn("equity")] double? Equity,
    [CsvColumn("welfare_ev_per_household")] double? WelfareEv,
    [CsvColumn("winners_share")] double? Winners,
    [CsvColumn("losers_share")] double? Losers,
    [CsvColumn("outside_money_per_capita")] double? OutsideMoneyPerCapita,
    [CsvColumn("federal_credit_per_capita")] double? FederalCreditPerCapita,
    [CsvColumn("upward_grants_per_capita")] double? UpwardGrantsPerCapita,
    [CsvColumn("tax_q1")] double? TaxQ1,
    [CsvColumn("tax_q2")] double? TaxQ2,
    [CsvColumn("tax_q3")] double? TaxQ3,
    [CsvColumn("tax_q4")] double? TaxQ4,
    [CsvColumn("tax_q5")] double? TaxQ5,
    [CsvColumn("service_q1")] double? ServiceQ1,
    [CsvColumn("service_q2")] double? ServiceQ2,
    [CsvColumn("service_q3")] double? ServiceQ3,
    [CsvColumn("service_q4")] double? ServiceQ4,
    [CsvColumn("service_q5")] double? ServiceQ5,
    [CsvColumn("jurisdictions_gaining")] int JurisdictionsGaining,
    [CsvColumn("jurisdictions_losing")] int JurisdictionsLosing);
