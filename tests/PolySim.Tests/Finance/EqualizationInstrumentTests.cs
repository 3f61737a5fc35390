using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Finance;

/// <summary>
/// Upward financing, the federal income tax credit, sales tax rebates and vouchers (MODEL.md section 6) against closed
/// forms worked out in each test's comments (pure accounting, tolerance T0 = relative 1e-6), and the accounting
/// identities: every jurisdiction's budget balances and the only money entering the region is the named outside money.
/// </summary>
public class EqualizationInstrumentTests
{
    private const double T0 = 1e-6;

    private static FiscalRule Head(UpwardFinancing? upward = null, IncomeTaxCredit? credit = null, SalesTaxRebate? rebate = null,
        Vouchers? vouchers = null, StateGrants? grants = null) =>
        new(TaxBase.Head, 1, 0, None, None, null, grants, upward, credit, rebate, vouchers);

    /// <summary>
    /// Two one-neighborhood jurisdictions of 1,000 one-person households each: a's residents have need 0.5, b's none.
    /// One good w at $1,000 a unit per resident; quasi-linear utility θ ln q gives every resident the ideal q = θ/1,000.
    /// </summary>
    private static Scenario TwoPlaces(StructureKind kind, FiscalRule finance, double thetaA = 5_000, double thetaB = 5_000,
        ConsumptionForm consumption = ConsumptionForm.QuasiLinear, double income = 50_000, int years = 1, string program = "w") => Scenario(
        [Hood("a", 0, Map(("pa", 1_000.0))), Hood("b", 10, Map(("pb", 1_000.0)))],
        [Group("pa", Map(("w", thetaA)), income: income, need: 0.5), Group("pb", Map(("w", thetaB)), income: income)],
        [Good("w", 1_000, tier: Tier.Neighborhood)],
        [Structure("s", kind, DecisionRule.DirectDemocracy, finance)],
        consumption: consumption, years: years);

    private static JurisdictionFiscal Books(RunResult r, string id, int year = 2025) =>
        r.Replications[0].Structures[0].Fiscal.Single(f => f.Jurisdiction == id && f.Year == year);

    /// <summary>
    /// Every jurisdiction, every year: own taxes + levy + everything received = spending + everything paid; and the
    /// outside grants are exactly the named outside sources.
    /// </summary>
    private static void AssertBudgetsBalance(RunResult result)
    {
        foreach (var run in result.Replications.SelectMany(r => r.Structures))
        foreach (var f in run.Fiscal)
        {
            bool stateVouchers = result.Scenario.Structures.Single(s => s.Id == run.StructureId).Finance.Vouchers?.Payer == VoucherPayer.State;
            var x = f.Flows!;
            double sources = f.OwnRevenue + x.Levy + x.Matching + x.StateGrants + x.GuaranteedBase + x.UpwardReceived + x.VouchersReceived + x.SalesTaxRebate;
            double uses = f.Spending + x.UpwardPaid + x.VouchersPaid;
            Assert.Equal(uses, sources, 1e-9 * Math.Max(1, uses));
            double outside = x.Matching + x.StateGrants + x.GuaranteedBase + x.SalesTaxRebate + (stateVouchers ? x.VouchersReceived : 0);
            Assert.Equal(outside, f.Grants, 1e-9 * Math.Max(1, outside));
        }
    }

    [Fact]
    public void Upward_financing_pays_per_capita_and_per_need_grants_from_an_upper_tier_levy()
    {
        // Entitlements: a = 100·1,000 + 200·1,000·0.5 = $200,000; b = 100·1,000 = $100,000. Spending per place is
        // 1,000·1,000·5 = $5M (q = 5,000/1,000), above the grants, so they are paid in full. The metro tier pays $300,000
        // and levies it on its 2,000 residents (head levy): $150 each.
        var finance = Head(upward: new UpwardFinancing(100, 200, TaxBase.Head));
        var result = Simulator.Run(TwoPlaces(StructureKind.TwoTier, finance), new RunOptions());
        AssertConverged(result);
        var a = Books(result, "a");
        var b = Books(result, "b");
        var metro = Books(result, "metro");
        Assert.Equal(200_000, a.Flows!.UpwardReceived, 200_000 * T0);
        Assert.Equal(100_000, b.Flows!.UpwardReceived, 100_000 * T0);
        Assert.Equal(300_000, metro.Flows!.UpwardPaid, 300_000 * T0);
        Assert.Equal(300_000, metro.Flows.Levy, 300_000 * T0);
        Assert.Equal(5e6, a.Spending, 5e6 * T0);
        Assert.Equal(5e6 - 200_000, a.OwnRevenue, 5e6 * T0);
        Assert.Equal(0, a.Grants + b.Grants + metro.Grants);                       // no outside money
        Assert.Equal(0, Region(result, "s", "outside_money_per_capita"));
        Assert.Equal(150, Region(result, "s", "upward_grants_per_capita"), 150 * T0);
        // Quasi-linear residents have no income effect: local delivery decides the same level as without the grants.
        Assert.Equal(5, Region(result, "s", "level:w", "a"), 5 * T0);
        AssertBudgetsBalance(result);
    }

    [Fact]
    public void Upward_financing_in_rate_mode_shares_the_levy_by_the_weights()
    {
        // A head levy of $120 per resident on 2,000 residents raises $240,000, shared by the weights
        // a = 100·1,000 + 200·1,000·0.5 = 200,000 and b = 100·1,000 = 100,000: a gets $160,000, b $80,000.
        var finance = Head(upward: new UpwardFinancing(100, 200, TaxBase.Head, Rate: 120));
        var result = Simulator.Run(TwoPlaces(StructureKind.TwoTier, finance), new RunOptions());
        Assert.Equal(160_000, Books(result, "a").Flows!.UpwardReceived, 160_000 * T0);
        Assert.Equal(80_000, Books(result, "b").Flows!.UpwardReceived, 80_000 * T0);
        Assert.Equal(240_000, Books(result, "metro").Flows!.Levy, 240_000 * T0);
        AssertBudgetsBalance(result);
    }

    [Fact]
    public void Upward_financing_with_a_property_levy_falls_on_dwellings_and_the_commercial_base()
    {
        // Property levy: base = residential value 2·1,000·$100,000 + C/I $50M at par = $250M; grants $200,000 in all
        // (per capita 100): levy rate 0.0008; the C/I owners pay $40,000 of it, residents $160,000.
        var hoods = new[] { Hood("a", 0, Map(("pa", 1_000.0)), commercial: 50e6), Hood("b", 10, Map(("pb", 1_000.0))) };
        var scenario = TwoPlaces(StructureKind.TwoTier, Head(upward: new UpwardFinancing(100, 0, TaxBase.Property)));
        scenario = scenario with { Region = new PolySim.Core.Space.Region(hoods, null) };
        var result = Simulator.Run(scenario, new RunOptions());
        var metro = Books(result, "metro");
        Assert.Equal(200_000, metro.Flows!.Levy, 200_000 * T0);
        Assert.Equal(0.0008, metro.Flows.Levy / 250e6, 1e-12);
        AssertBudgetsBalance(result);
    }

    [Theory]
    [InlineData(1_000.0)]
    [InlineData(5_000.0)]
    public void Income_tax_credit_moves_ideal_points_to_the_kink_or_by_the_income_effect(double cap)
    {
        // Log utility U = (1 − θ) ln c + θ ln q with θ = 0.05, y = $50,000, head tax, $10 a unit: without the credit
        // q* = θy/τ = 250 and the tax is $2,500. With a credit up to the cap, c(q) = y + min(τq, cap) − τq, so the budget
        // is flat up to the kink q_k = cap/τ and c = (y + cap) − τq beyond it: q = max(θ(y + cap)/τ, cap/τ).
        // cap = 1,000: q = 0.05·51,000/10 = 255 (tax 2,550 > cap; an income effect only), credit $1,000.
        // cap = 5,000: θ(y + cap)/τ = 275 but the tax there (2,750) is below the cap: the kink q = 500, credit $5,000.
        const double theta = 0.05, tau = 10, y = 50_000;
        double expected = Math.Max(theta * (y + cap) / tau, cap / tau);
        var finance = Head(credit: new IncomeTaxCredit(cap));
        var scenario = Scenario(
            [Hood("a", 0, Map(("g", 1_000.0)))],
            [Group("g", Map(("w", theta)), income: y)],
            [Good("w", tau)],
            [Structure("s", StructureKind.Fragmented, DecisionRule.DirectDemocracy, finance)],
            consumption: ConsumptionForm.Log);
        var result = Simulator.Run(scenario, new RunOptions());
        AssertConverged(result);
        Assert.Equal(expected, Region(result, "s", "level:w", "a"), expected * T0);
        // Credit = min(tax, cap) summed over households: the federal cost.
        double credit = Math.Min(tau * expected, cap) * 1_000;
        Assert.Equal(credit, Books(result, "a").Flows!.FederalCredit, credit * T0);
        Assert.Equal(credit / 1_000, Region(result, "s", "federal_credit_per_capita"), credit / 1_000 * T0);
        Assert.Equal(credit / 1_000, Region(result, "s", "outside_money_per_capita"), credit / 1_000 * T0);
        AssertBudgetsBalance(result);
    }

    [Fact]
    public void Income_tax_credit_margin_matches_the_closed_form()
    {
        // Quasi-linear, log benefit: the full-price ideal is θ/τ − S/m; the kink is q₀ + (cap − T)/τ_tax.
        // θ = 50, τ = 10 per taxable unit, current level 2 and tax 20, cap 100: kink = 2 + 80/10 = 10 > θ/τ = 5.
        var context = new MarginContext(0, true, false, false, false, 10, 0, 0, 0, 2, 0, 0, 0, 0, 0, Credited: true);
        var n = new NeighborhoodTerms(1, 0, 1, 0);
        var below = new HouseholdTerms(1, 1, 1_000, 1_000, 1, 0, 1, CreditGap: 100 - 20);
        Assert.Equal(10, HouseholdMargin.Of(context, n, below, 50).Ideal(), 1e-12);
        // Above the cap (gap < 0) the kink lies below the current level and the full-price ideal 5 wins.
        var above = below with { CreditGap = 15 - 20 };
        Assert.Equal(5, HouseholdMargin.Of(context, n, above, 50).Ideal(), 1e-12);
        // A jurisdiction whose taxes are not credited (not the lowest tier) sees no kink.
        Assert.Equal(5, HouseholdMargin.Of(context with { Credited = false }, n, below, 50).Ideal(), 1e-12);
    }

    [Fact]
    public void Sales_tax_rebate_goes_to_jurisdictions_that_ran_the_program_last_year()
    {
        // Rebate = 1·0.06·0.5·(1,000·$50,000) = $1.5M to a place whose program level last year was ≥ 3.
        // a decides q = 5,000/1,000 = 5, b decides q = 1,000/1,000 = 1. In 2025 both are judged on the starting level 1
        // (neither qualifies); in 2026 a qualifies (5 ≥ 3) and b does not. a's spending ($5M) exceeds the rebate.
        var finance = Head(rebate: new SalesTaxRebate(0.06, 0.5, 1, "w", 3));
        var result = Simulator.Run(TwoPlaces(StructureKind.Fragmented, finance, thetaB: 1_000, years: 2), new RunOptions());
        Assert.Equal(0, Books(result, "a", 2025).Flows!.SalesTaxRebate);
        Assert.Equal(1.5e6, Books(result, "a", 2026).Flows!.SalesTaxRebate, 1.5e6 * T0);
        Assert.Equal(1.5e6, Books(result, "a", 2026).Grants, 1.5e6 * T0);
        Assert.Equal(0, Books(result, "b", 2026).Flows!.SalesTaxRebate);
        AssertBudgetsBalance(result);
    }

    [Fact]
    public void Vouchers_follow_residents_and_are_paid_by_the_state_or_the_upper_tier()
    {
        // $250 per resident: $250,000 to each place. From the state they are outside money; from the metro tier they are
        // paid from its levy ($500,000 on 2,000 residents: $250 each), so no money enters the region.
        var state = Simulator.Run(TwoPlaces(StructureKind.Fragmented, Head(vouchers: new Vouchers(250, VoucherPayer.State))), new RunOptions());
        Assert.Equal(250_000, Books(state, "a").Flows!.VouchersReceived, 250_000 * T0);
        Assert.Equal(250_000, Books(state, "a").Grants, 250_000 * T0);
        Assert.Equal(250, Region(state, "s", "outside_money_per_capita"), 250 * T0);
        AssertBudgetsBalance(state);

        var upper = Simulator.Run(TwoPlaces(StructureKind.TwoTier, Head(vouchers: new Vouchers(250, VoucherPayer.UpperTier))), new RunOptions());
        Assert.Equal(250_000, Books(upper, "b").Flows!.VouchersReceived, 250_000 * T0);
        Assert.Equal(0, Books(upper, "b").Grants);
        Assert.Equal(500_000, Books(upper, "metro").Flows!.VouchersPaid, 500_000 * T0);
        Assert.Equal(500_000, Books(upper, "metro").Flows!.Levy, 500_000 * T0);
        Assert.Equal(0, Region(upper, "s", "outside_money_per_capita"));
        AssertBudgetsBalance(upper);
    }

    [Fact]
    public void Every_formula_of_the_shipped_comparison_balances_its_budgets_and_names_its_outside_money()
    {
        // scenarios/equalization-formulas.yaml, two years: every jurisdiction of every structure balances, upward grants
        // and upper-tier vouchers cancel over the region, and outside_money_per_capita is the outside grants plus credits.
        var loaded = PolySim.Scenarios.ScenarioLoader.Load(PolySim.Tests.Scenarios.RepoPaths.File("scenarios/equalization-formulas.yaml"));
        var result = Simulator.Run(loaded.Scenario! with { Years = 2 }, new RunOptions());
        AssertBudgetsBalance(result);
        foreach (var run in result.Replications[0].Structures)
            foreach (var year in run.Fiscal.GroupBy(f => f.Year))
            {
                double spending = year.Sum(f => f.Spending), population = year.Where(f => f.Tier == year.Min(x => x.Tier)).Sum(f => f.Population);
                double outsideGrants = year.Sum(f => f.Grants), credit = year.Sum(f => f.Flows!.FederalCredit);
                Assert.Equal(spending, year.Sum(f => f.OwnRevenue + f.Flows!.Levy) + outsideGrants, 1e-9 * spending);
                double outside = run.Metrics.Single(m => m.Year == year.Key && m.Entity == "region" && m.Metric == "outside_money_per_capita").Value;
                Assert.Equal((outsideGrants + credit) / population, outside, 1e-9 * Math.Max(1, outside));
            }
    }

    [Fact]
    public void All_instruments_together_balance_every_budget_and_only_named_outside_money_enters()
    {
        // Log utility (income effects), three years, every instrument at once. Region identity:
        // Σ spending = Σ own taxes + Σ levies + outside grants (the upward grants and upper-tier vouchers cancel out),
        // and outside money = Σ outside grants + Σ federal credits.
        var finance = Head(new UpwardFinancing(80, 300, TaxBase.Income), new IncomeTaxCredit(400), new SalesTaxRebate(0.05, 0.4, 1, "w", 0),
            new Vouchers(60, VoucherPayer.UpperTier), new StateGrants(40, 0, 0, 0));
        var result = Simulator.Run(TwoPlaces(StructureKind.TwoTier, finance, 0.08, 0.05, ConsumptionForm.Log, years: 3), new RunOptions());
        AssertConverged(result);
        AssertBudgetsBalance(result);
        var run = result.Replications[0].Structures[0];
        foreach (var year in run.Fiscal.GroupBy(f => f.Year))
        {
            double spending = year.Sum(f => f.Spending), own = year.Sum(f => f.OwnRevenue), levy = year.Sum(f => f.Flows!.Levy);
            double outsideGrants = year.Sum(f => f.Grants), credit = year.Sum(f => f.Flows!.FederalCredit);
            Assert.Equal(spending, own + levy + outsideGrants, 1e-9 * spending);
            Assert.Equal(year.Sum(f => f.Flows!.UpwardReceived + f.Flows.VouchersReceived), year.Sum(f => f.Flows!.UpwardPaid + f.Flows.VouchersPaid), 1e-9 * spending);
            double outside = run.Metrics.Single(m => m.Year == year.Key && m.Entity == "region" && m.Metric == "outside_money_per_capita").Value;
            Assert.Equal((outsideGrants + credit) / 2_000, outside, 1e-9 * outside);
            Assert.True(credit > 0 && outsideGrants > 0 && levy > 0);
        }
    }
}
