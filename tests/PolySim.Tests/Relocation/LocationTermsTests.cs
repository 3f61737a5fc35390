using PolySim.Core.Decisions;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Relocation;

public class LocationTermsTests
{
    /// <summary>
    /// The utility relocation computes for a household at home must be the utility the budget accounts computed for it
    /// (PublicAccounts + Utility), under every finance instrument: an independent path through the same equations.
    /// </summary>
    [Theory]
    [InlineData("equalization-formulas.yaml")]
    [InlineData("tiebout-sorting.yaml")]
    [InlineData("metro-baseline.yaml")]
    [InlineData("los-angeles-2002.yaml")]
    public void Utility_at_home_equals_the_accounts_utility(string file)
    {
        foreach (var (run, terms) in SolvedFirstYear(file))
        {
            var s = run.State;
            var values = new double[s.N];
            var scratch = new double[terms.ScratchLength];
            int step = Math.Max(1, s.Households.Count / 2000);
            for (int h = 0; h < s.Households.Count; h += step)
            {
                terms.Values(h, s.Households.Location[h], 0, values, scratch);
                double expected = s.Utility[h], actual = values[s.Households.Location[h]];
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                    $"{run.Structure.Id}, household {h}: relocation {actual} vs accounts {expected}");
            }
        }
    }

    /// <summary>
    /// Relocation evaluates reconsidering agents four at a time; each household's values and largest value must be the bits
    /// the one-household path gives (the same operations in the same order), or results would depend on how households
    /// fall into batches. Homes vary, one household moves in from outside (home −1), moving costs differ.
    /// </summary>
    [Theory]
    [InlineData("tiebout-sorting.yaml")]
    [InlineData("metro-baseline.yaml")]
    public void Batched_values_are_the_single_household_bits(string file)
    {
        var (run, terms) = SolvedFirstYear(file).First();
        var s = run.State;
        const int B = LocationTerms.Batch;
        int stride = s.N + 3;
        var single = new double[s.N];
        var batch = new double[B * stride];
        var scratch = new double[terms.BatchScratchLength];
        var best = new double[B];
        var households = new int[B];
        var homes = new int[B];
        var costs = new double[B];
        int step = Math.Max(1, s.Households.Count / 400);
        for (int h0 = 0; h0 + B * step <= s.Households.Count; h0 += B * step)
        {
            for (int b = 0; b < B; b++)
            {
                households[b] = h0 + b * step;
                homes[b] = b == 3 ? -1 : s.Households.Location[households[b]];
                costs[b] = 0.1 * b;
            }
            terms.Values(households, homes, costs, batch, stride, best, scratch);
            for (int b = 0; b < B; b++)
            {
                double expected = terms.Values(households[b], homes[b], costs[b], single, scratch);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(best[b]));
                for (int i = 0; i < s.N; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(single[i]) == BitConverter.DoubleToInt64Bits(batch[b * stride + i]),
                        $"household {households[b]}, neighborhood {i}: {single[i]} vs {batch[b * stride + i]}");
            }
        }
    }

    /// <summary>
    /// Each structure of a shipped scenario after its first year's decisions and utilities, with its location terms
    /// (solved one by one as they are enumerated).
    /// </summary>
    private static IEnumerable<(Simulator.StructureRunState Run, LocationTerms Terms)> SolvedFirstYear(string file)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File($"scenarios/{file}"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with { Years = 1, Replications = 1 };
        var year = new YearConditions(scenario, 0);
        foreach (var run in Simulator.CreateStructures(scenario, 7, 2, out _))
        {
            DecisionSolver.Solve(run.State, year, 2);
            Simulator.ComputeUtilities(run.State, 2);
            var terms = new LocationTerms(run.State);
            terms.Update();
            yield return (run, terms);
        }
    }
}
