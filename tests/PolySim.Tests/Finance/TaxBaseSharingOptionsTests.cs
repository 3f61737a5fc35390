using PolySim.Core.Finance;
using PolySim.Core.Simulation;
using PolySim.Scenarios.Formulas;
using PolySim.Tests.Validation;

namespace PolySim.Tests.Finance;

/// <summary>
/// Tax-base sharing options (MODEL.md section 6) on benchmarks.md B8's three municipalities: a custom distribution index
/// identical in meaning to the statute's gives identical distributions; the capacity measure and the lag change the
/// index as hand-computed in each test.
/// </summary>
public class TaxBaseSharingOptionsTests
{
    private static double[] Distributions(RunResult r, int year) =>
        r.Replications[0].Structures[0].Fiscal.Where(f => f.Year == year).OrderBy(f => f.Jurisdiction).Select(f => f.SharedDistribution).ToArray();

    private static TaxBaseSharing Statute(FiscalCapacity capacity = FiscalCapacity.MarketValuePerCapita, int lag = 1, string? index = null) =>
        new(FiscalDisparities.StatutoryShare, 2024, capacity, lag, index, index is null ? null : FormulaCompiler.Compile(index, out _));

    [Fact]
    public void Custom_index_written_as_the_statute_gives_identical_distributions_every_year()
    {
        var builtIn = Simulator.Run(B8EngineTests.Region(3), new RunOptions());
        var custom = Simulator.Run(B8EngineTests.Region(3, Statute(index: "pop * (avg_fc / fc)")), new RunOptions());
        for (int year = 2025; year <= 2027; year++)
            Assert.Equal(Distributions(builtIn, year), Distributions(custom, year));   // exact: same arithmetic
        // B8 to the dollar through the custom formula as well.
        Assert.Equal(6_877_611.94, Distributions(custom, 2025)[2], 0.015);
        // A different formula gives different distributions: by population only, C gets 30% of the $12.8M pool.
        var byPopulation = Simulator.Run(B8EngineTests.Region(1, Statute(index: "pop")), new RunOptions());
        Assert.Equal(0.30 * 12.8e6, Distributions(byPopulation, 2025)[2], 0.01);
    }

    [Fact]
    public void Base_per_capita_capacity_uses_the_classified_base()
    {
        // Classification ratio 0.5: capacity = (residential + 0.5·C/I) / population, with residential = market value − C/I
        // (B8's market values $4.0B, $6.0B, $1.5B and C/I $30M, $15M, $6M), contributions 0.4·0.5·growth.
        double[] pop = [20_000, 50_000, 30_000], market = [4.0e9, 6.0e9, 1.5e9], ci = [30e6, 15e6, 6e6], ci1971 = [10e6, 5e6, 4e6];
        double[] value = market.Select((m, j) => m - ci[j] + 0.5 * ci[j]).ToArray();
        double pool = ci.Select((c, j) => 0.4 * 0.5 * (c - ci1971[j])).Sum();
        double average = value.Sum() / pop.Sum();
        double[] index = pop.Select((p, j) => p * (average / (value[j] / p))).ToArray();
        var result = Simulator.Run(B8EngineTests.Region(1, Statute(FiscalCapacity.BasePerCapita), commercialRatio: 0.5), new RunOptions());
        var got = Distributions(result, 2025);
        for (int j = 0; j < 3; j++)
            Assert.Equal(pool * index[j] / index.Sum(), got[j], 1e-6 * pool);
    }

    [Fact]
    public void Households_capacity_with_one_person_households_equals_the_per_capita_statute()
    {
        // B8's municipalities have one-person households, so market value per household is market value per resident.
        var perCapita = Simulator.Run(B8EngineTests.Region(1), new RunOptions());
        var perHousehold = Simulator.Run(B8EngineTests.Region(1, Statute(FiscalCapacity.MarketValuePerHousehold)), new RunOptions());
        Assert.Equal(Distributions(perCapita, 2025), Distributions(perHousehold, 2025));
    }

    [Fact]
    public void Lag_takes_fiscal_capacity_from_that_many_years_back()
    {
        // Year index 2 (2027): with lag 2 the capacity uses the C/I of 2025 (index 0); contributions use 2027's C/I.
        // B8's C/I grows at (2, 2, 0.5) a year from its 2024 base; hand computation below.
        double[] pop = [20_000, 50_000, 30_000], market = [4.0e9, 6.0e9, 1.5e9], ci = [30e6, 15e6, 6e6], growth = [2, 2, 0.5];
        double Distribution(int lagged, int j)
        {
            double[] value = market.Select((m, k) => m - ci[k] + ci[k] * Math.Pow(1 + growth[k], lagged)).ToArray();
            double pool = ci.Select((c, k) => 0.4 * (c * Math.Pow(1 + growth[k], 2) - c / (1 + growth[k]))).Sum();
            double average = value.Sum() / pop.Sum();
            double[] index = pop.Select((p, k) => p * (average / (value[k] / p))).ToArray();
            return pool * index[j] / index.Sum();
        }
        var lag1 = Simulator.Run(B8EngineTests.Region(3), new RunOptions());
        var lag2 = Simulator.Run(B8EngineTests.Region(3, Statute(lag: 2)), new RunOptions());
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(Distribution(1, j), Distributions(lag1, 2027)[j], 1e-6 * Distribution(1, j));
            Assert.Equal(Distribution(0, j), Distributions(lag2, 2027)[j], 1e-6 * Distribution(0, j));
        }
        Assert.NotEqual(Distributions(lag1, 2027)[0], Distributions(lag2, 2027)[0]);
    }
}
