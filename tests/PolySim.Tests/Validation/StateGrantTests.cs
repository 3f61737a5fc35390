using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Validation;

/// <summary>
/// State grants (MODEL.md section 6) against closed forms, tolerance T0 (relative 1e-6): per-capita, foundation and
/// guaranteed-tax-base (power equalizing) grants paid from outside the region.
/// </summary>
public class StateGrantTests
{
    private const double T0 = 1e-6;

    /// <summary>Two one-neighborhood cities of identical one-person households, head tax, direct democracy.</summary>
    private static Scenario Cities(StateGrants? grants, ConsumptionForm consumption, double theta, double income = 50_000) => Scenario(
        [Hood("a", 0, Map(("g", 1_000.0))), Hood("b", 10, Map(("g", 3_000.0)))],
        [Group("g", Map(("w", theta)), income: income)],
        [Good("w", 10)],
        [Structure("s", StructureKind.Fragmented, PolySim.Core.Decisions.DecisionRule.DirectDemocracy,
            new FiscalRule(TaxBase.Head, 1, 0, None, None, null, grants))],
        consumption: consumption);

    private static JurisdictionFiscal Books(RunResult r, string id) =>
        r.Replications[0].Structures[0].Fiscal.Single(f => f.Jurisdiction == id);

    [Fact]
    public void Guaranteed_tax_base_multiplies_the_level_by_the_guarantee_ratio()
    {
        // Quasi-linear, log benefit θ ln q, head tax: the tax price is c·n/Base per resident, so q = θ·Base_rate/(c·n).
        // Base = n (head tax); a guarantee of 2.5 per resident makes the rate base 2.5·n: q rises from θ/c to 2.5·θ/c.
        var plain = Simulator.Run(Cities(null, ConsumptionForm.QuasiLinear, 50), new RunOptions());
        var guaranteed = Simulator.Run(Cities(new StateGrants(0, 0, 0, 2.5), ConsumptionForm.QuasiLinear, 50), new RunOptions());
        Assert.Equal(5, Region(plain, "s", "level:w", "a"), 5 * T0);
        Assert.Equal(12.5, Region(guaranteed, "s", "level:w", "a"), 12.5 * T0);
        // The state pays the rate on the shortfall: spending·(G − 1)/G; residents pay the rest.
        var books = Books(guaranteed, "a");
        Assert.Equal(10 * 1_000 * 12.5, books.Spending, books.Spending * T0);
        Assert.Equal(books.Spending * 1.5 / 2.5, books.Grants, books.Spending * T0);
        Assert.Equal(books.Spending, books.OwnRevenue + books.Grants, books.Spending * 1e-12);
        // A guarantee below the own base changes nothing.
        var low = Simulator.Run(Cities(new StateGrants(0, 0, 0, 0.5), ConsumptionForm.QuasiLinear, 50), new RunOptions());
        Assert.Equal(5, Region(low, "s", "level:w", "a"), 5 * T0);
        Assert.Equal(0, Books(low, "a").Grants);
    }

    [Fact]
    public void Lump_sum_grant_raises_spending_by_theta_per_dollar_under_the_median_voter_flypaper_benchmark()
    {
        // Log utility with one good of weight θ: q = θ(y + grant per household)/τ, so spending rises by θ per $ of
        // lump-sum grant (the median-voter prediction of 5-10 cents that Hines & Thaler 1995 contrast with the flypaper
        // effect; benchmarks.md E). θ = 0.07 gives 7 cents.
        const double theta = 0.07, perCapita = 1_000;
        var without = Simulator.Run(Cities(null, ConsumptionForm.Log, theta), new RunOptions());
        var with = Simulator.Run(Cities(new StateGrants(perCapita, 0, 0, 0), ConsumptionForm.Log, theta), new RunOptions());
        foreach (var (id, n) in new[] { ("a", 1_000.0), ("b", 3_000.0) })
        {
            double extra = Books(with, id).Spending - Books(without, id).Spending;
            Assert.Equal(theta * perCapita * n, extra, theta * perCapita * n * T0);
            Assert.Equal(perCapita * n, Books(with, id).Grants, perCapita * n * T0);
        }
        // Quasi-linear utility has no income effect: the grant only replaces taxes.
        var qlWithout = Simulator.Run(Cities(null, ConsumptionForm.QuasiLinear, 50), new RunOptions());
        var qlWith = Simulator.Run(Cities(new StateGrants(10, 0, 0, 0), ConsumptionForm.QuasiLinear, 50), new RunOptions());
        Assert.Equal(Books(qlWithout, "a").Spending, Books(qlWith, "a").Spending, Books(qlWithout, "a").Spending * T0);
        Assert.Equal(Books(qlWithout, "a").Spending - 10 * 1_000, Books(qlWith, "a").OwnRevenue, Books(qlWith, "a").Spending * T0);
        // A lump sum above net spending is capped there (the excess is not paid): 5 per resident × $10 = $50 spending.
        var capped = Simulator.Run(Cities(new StateGrants(100, 0, 0, 0), ConsumptionForm.QuasiLinear, 50), new RunOptions());
        Assert.Equal(Books(capped, "a").Spending, Books(capped, "a").Grants, Books(capped, "a").Spending * T0);
        Assert.Equal(0, Books(capped, "a").OwnRevenue, 1e-9);
    }

    [Fact]
    public void Foundation_grant_fills_the_gap_between_the_foundation_and_the_required_levy()
    {
        // Property tax: city a's residents live in $100,000 dwellings, city b's in $400,000 ones (no C/I base).
        // Grant_j = max(0, F·n_j − t*·Base_j) with F = $2,000 and t* = 1%: a gets (2,000 − 1,000)·1,000; b gets nothing.
        // Quasi-linear θ = 2,500 at $10 a unit gives q = 250 and spending of $2.5M per city, above the entitlement.
        var scenario = Scenario(
            [Hood("a", 0, Map(("g", 1_000.0)), value: 100_000), Hood("b", 10, Map(("g", 1_000.0)), value: 400_000)],
            [Group("g", Map(("w", 2_500.0)), income: 50_000)],
            [Good("w", 10)],
            [Structure("s", StructureKind.Fragmented, PolySim.Core.Decisions.DecisionRule.DirectDemocracy,
                new FiscalRule(TaxBase.Property, 1, 0, None, None, null, new StateGrants(0, 2_000, 0.01, 0)))]);
        var result = Simulator.Run(scenario, new RunOptions());
        Assert.Equal(1_000_000, Books(result, "a").Grants, 1_000_000 * T0);
        Assert.Equal(0, Books(result, "b").Grants);
        foreach (var id in new[] { "a", "b" })
        {
            var books = Books(result, id);
            Assert.Equal(books.Spending, books.OwnRevenue + books.Grants, books.Spending * 1e-12);
        }
    }
}
