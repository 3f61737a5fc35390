using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Validation;

/// <summary>
/// B8 through the engine: the three municipalities of benchmarks.md B8 as a fragmented region with tax-base sharing.
/// Distributions must match B8 to the dollar (T0, pure accounting), and the accounting identities must hold every year.
/// </summary>
public class B8EngineTests
{
    // One-person households; dwelling values chosen so that market value (residential + C/I) equals B8's
    // ($4.0B, $6.0B, $1.5B); C/I growth chosen so that the base-year (2024) C/I is B8's 1971 base:
    // 30M/(1 + 2) = 10M, 15M/(1 + 2) = 5M, 6M/(1 + 0.5) = 4M.
    private static Neighborhood Municipality(string id, double x, double population, double marketValue, double commercial, double growth) =>
        new(id, id, x, 0, 1, population, (marketValue - commercial) / population, commercial, growth, None,
            Map(("g", population)), id);

    /// <summary>B8's three municipalities; <paramref name="sharing"/> defaults to the statute with base year 2024.</summary>
    internal static Scenario Region(int years, TaxBaseSharing? sharing = null, double commercialRatio = 1) => Scenario(
        [
            Municipality("A", 0, 20_000, 4.0e9, 30.0e6, 2.0),
            Municipality("B", 10, 50_000, 6.0e9, 15.0e6, 2.0),
            Municipality("C", 20, 30_000, 1.5e9, 6.0e6, 0.5),
        ],
        [Group("g", Map(("w", 0.05)), income: 60_000)],
        [Good("w", 100)],
        [Structure("shared", StructureKind.Fragmented, PolySim.Core.Decisions.DecisionRule.DirectDemocracy,
            new FiscalRule(TaxBase.Property, commercialRatio, 0, None, None, sharing ?? new TaxBaseSharing(FiscalDisparities.StatutoryShare, 2024)))],
        consumption: ConsumptionForm.Log, years: years);

    [Fact]
    public void B8_distributions_through_the_engine_match_the_benchmark_to_the_dollar()
    {
        var result = Simulator.Run(Region(1), new RunOptions());
        var books = result.Replications[0].Structures[0].Fiscal.OrderBy(f => f.Jurisdiction).ToList();
        double[] contributions = [8.0e6, 4.0e6, 0.8e6];
        double[] distributions = [1_146_268.66, 4_776_119.40, 6_877_611.94];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(contributions[j], books[j].SharedContribution, 0.01);
            Assert.Equal(distributions[j], books[j].SharedDistribution, 0.015);   // B8 prints to the cent
            // The effective C/I base is the own base less the contribution plus the distribution.
            double own = new[] { 30.0e6, 15.0e6, 6.0e6 }[j];
            Assert.Equal(own - contributions[j] + distributions[j], books[j].CommercialBase, 0.015);
        }
    }

    [Fact]
    public void Pool_and_budget_identities_hold_every_year()
    {
        var result = Simulator.Run(Region(5), new RunOptions());
        var run = result.Replications[0].Structures[0];
        foreach (var year in run.Fiscal.GroupBy(f => f.Year))
        {
            double pool = year.Sum(f => f.SharedContribution);
            Assert.True(pool > 0);
            Assert.Equal(pool, year.Sum(f => f.SharedDistribution), 1e-6 * pool);          // pool = Σ contributions = Σ distributions
            foreach (var f in year)
                Assert.Equal(f.Spending, f.OwnRevenue + f.Grants, 1e-9 * f.Spending);       // balanced budget, no outside money
        }
        // C/I growth keeps raising the pool: contributions grow with (1 + g)^t.
        var pools = run.Fiscal.GroupBy(f => f.Year).OrderBy(g => g.Key).Select(g => g.Sum(f => f.SharedContribution)).ToList();
        Assert.True(pools.Zip(pools.Skip(1)).All(p => p.Second > p.First));
        // Share of the per-capita base disparity closed in the first year, computed independently from B8's figures:
        // before = market value per capita (200,000; 120,000; 50,000); after adds the net base gain per capita.
        double[] pop = [20_000, 50_000, 30_000], before = [200_000, 120_000, 50_000];
        double[] gain = [-6_853_731.34, 776_119.40, 6_077_611.94];
        double[] after = before.Select((b, j) => b + gain[j] / pop[j]).ToArray();
        double expected = 1 - Cv(after, pop) / Cv(before, pop);
        double closed = run.Metrics.Single(m => m.Year == 2025 && m.Entity == "region" && m.Metric == "fiscal_disparity_closed").Value;
        Assert.Equal(expected, closed, 1e-6);
        Assert.True(closed > 0);
    }

    [Fact]
    public void Disparity_and_tax_metrics_match_hand_computations()
    {
        var run = Simulator.Run(Region(1), new RunOptions()).Replications[0].Structures[0];
        double Metric(string entity, string name) => run.Metrics.Single(m => m.Year == 2025 && m.Entity == entity && m.Metric == name).Value;

        // Theil T of per-capita base after sharing (pop-weighted), from B8's market values per capita and net base gains.
        double[] pop = [20_000, 50_000, 30_000];
        double[] after = new double[] { 200_000, 120_000, 50_000 }.Select((b, j) => b + new[] { -6_853_731.34, 776_119.40, 6_077_611.94 }[j] / pop[j]).ToArray();
        double mean = after.Zip(pop, (x, w) => x * w).Sum() / pop.Sum();
        double theil = after.Zip(pop, (x, w) => w * (x / mean) * Math.Log(x / mean)).Sum() / pop.Sum();
        Assert.Equal(theil, Metric("region", "fiscal_theil"), 1e-6 * theil);

        // Spending disparity from the books (one tier: s_j = Spending_j / n_j): max/min and pop-weighted Theil T.
        double[] spend = run.Fiscal.OrderBy(f => f.Jurisdiction).Select(f => f.Spending / f.Population).ToArray();
        Assert.Equal(spend.Max() / spend.Min(), Metric("region", "spending_max_min"), 1e-9);
        double spendMean = spend.Zip(pop, (x, w) => x * w).Sum() / pop.Sum();
        double spendTheil = spend.Zip(pop, (x, w) => w * (x / spendMean) * Math.Log(x / spendMean)).Sum() / pop.Sum();
        Assert.Equal(spendTheil, Metric("region", "spending_theil"), 1e-9 + 1e-6 * spendTheil);
        Assert.True(spend.Max() > spend.Min());

        // Each one-person household pays its city's rate on its dwelling value (property tax, no C/I relief).
        foreach (var books in run.Fiscal)
        {
            double value = books.ResidentialBase / books.Population;
            Assert.Equal(books.TaxRate * value, Metric(books.Jurisdiction, "tax_per_household"), 1e-9 * books.TaxRate * value);
        }
        // Cities ranked by income per resident: all incomes are equal here, so ties are broken by order and the three
        // cities (20%, 50%, 30% of residents) fall in quintiles 1, 3 and 5 by the midpoint of their residents.
        Assert.Equal(Metric("A", "tax_per_household"), Metric("jurisdiction-quintile-1", "tax_per_household"), 1e-9);
        Assert.Equal(Metric("B", "tax_per_household"), Metric("jurisdiction-quintile-3", "tax_per_household"), 1e-9);
        Assert.Equal(Metric("C", "tax_per_household"), Metric("jurisdiction-quintile-5", "tax_per_household"), 1e-9);
    }

    /// <summary>Population-weighted coefficient of variation (population standard deviation / mean).</summary>
    private static double Cv(double[] x, double[] w)
    {
        double total = w.Sum(), mean = x.Zip(w, (a, b) => a * b).Sum() / total;
        return Math.Sqrt(x.Zip(w, (a, b) => b * (a - mean) * (a - mean)).Sum() / total) / mean;
    }
}
