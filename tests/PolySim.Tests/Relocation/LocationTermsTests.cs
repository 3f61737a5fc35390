using PolySim.Core.Decisions;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;
using Xunit.Abstractions;

namespace PolySim.Tests.Relocation;

public class LocationTermsTests(ITestOutputHelper output)
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
    /// Relocation evaluates reconsidering agents four at a time in single precision; each household's values, reference and
    /// largest value must be the bits the one-household path gives (the same operations in the same order), or results would
    /// depend on how households fall into batches. Homes vary, one household moves in from outside (home −1), moving costs differ.
    /// </summary>
    [Theory]
    [InlineData("tiebout-sorting.yaml")]
    [InlineData("metro-baseline.yaml")]
    public void Batched_values_are_the_single_household_bits(string file)
    {
        var (run, terms) = SolvedFirstYear(file).First();
        var s = run.State;
        const int B = LocationTerms.Batch;
        int stride = terms.Padded + LocationTerms.Lanes;
        var single = new float[terms.Padded];
        var batch = new float[B * stride];
        var work = terms.CreateWorkspace();
        var best = new float[B];
        var reference = new double[B];
        var households = new int[B];
        var homes = new int[B];
        var costs = new float[B];
        int step = Math.Max(1, s.Households.Count / 400);
        for (int h0 = 0; h0 + B * step <= s.Households.Count; h0 += B * step)
        {
            for (int b = 0; b < B; b++)
            {
                households[b] = h0 + b * step;
                homes[b] = b == 3 ? -1 : s.Households.Location[households[b]];
                costs[b] = 0.1f * b;
            }
            terms.Values(households, homes, costs, batch, stride, best, reference, work);
            for (int b = 0; b < B; b++)
            {
                float expected = terms.Values(households[b], homes[b], costs[b], single, work, out double own);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(best[b]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(own), BitConverter.DoubleToInt64Bits(reference[b]));
                for (int i = 0; i < terms.Padded; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(single[i]) == BitConverter.SingleToInt32Bits(batch[b * stride + i]),
                        $"household {households[b]}, neighborhood {i}: {single[i]} vs {batch[b * stride + i]}");
            }
        }
    }

    /// <summary>
    /// The single-precision kernel against the double path (an independent evaluation of the same utility: scalar double
    /// arithmetic with <see cref="ConsumptionLog"/>'s 2e-14 log) on the shipped metro scenario (need-targeted schooling, 210
    /// neighborhoods) and tiebout-sorting: reference + V_float − V_double, over every neighborhood within 10 utils of the
    /// household's best (beyond that a logit weight at μ = 0.02 is below e^−500), must stay within 2e-6 utils (docs/model.md §7.2:
    /// a few float roundings of numbers of order one, 6e-8 each, plus cancellation in c/y); and the logit weights Choose
    /// computes at metro-10m's μ = 0.02 within 2·2e-6/μ + 1e-6 = 2.1e-4 relative of exp((V_i − V_max)/μ) in double, for weights
    /// above 1e-12 (smaller ones carry no probability: at most 500 of them add up to 5e-10).
    /// </summary>
    [Theory]
    [InlineData("metro-baseline.yaml")]
    [InlineData("tiebout-sorting.yaml")]
    public void Single_precision_values_and_weights_match_the_double_path(string file)
    {
        const double mu = 0.02, valueBound = 2e-6, weightBound = 2 * valueBound / mu + 1e-6;
        foreach (var (run, terms) in SolvedFirstYear(file))
        {
            var s = run.State;
            int N = s.N;
            var exact = new double[N];
            var scratch = new double[terms.ScratchLength];
            var values = new float[terms.Padded];
            var work = terms.CreateWorkspace();
            double maxValue = 0, maxNear = 0, maxWeight = 0;
            int step = Math.Max(1, s.Households.Count / 1000);
            for (int h = 0; h < s.Households.Count; h += step)
            {
                double bestExact = terms.Values(h, -1, 0, exact, scratch);
                float best = terms.Values(h, -1, 0, values, work, out double reference);
                for (int i = 0; i < N; i++)
                {
                    double error = Math.Abs(reference + values[i] - exact[i]);
                    if (exact[i] > bestExact - 10) maxValue = Math.Max(maxValue, error);
                    if (exact[i] > bestExact - 0.2) maxNear = Math.Max(maxNear, error);
                }
                TieboutSorting.Choose(0, 0, best, values, mu, 0.5);   // leaves the weights in values
                for (int i = 0; i < N; i++)
                {
                    double w = Math.Exp((exact[i] - bestExact) / mu);
                    if (w > 1e-12) maxWeight = Math.Max(maxWeight, Math.Abs(values[i] / w - 1));
                }
            }
            Assert.True(maxValue <= valueBound, $"{file} {run.Structure.Id}: max |V_float − V_double| = {maxValue}");
            Assert.True(maxWeight <= weightBound, $"{file} {run.Structure.Id}: max relative weight error = {maxWeight}");
            output.WriteLine($"{file} {run.Structure.Id}: max |V_float − V_double| = {maxValue:G3} (within 0.2 utils of the best: {maxNear:G3}), " +
                $"max relative weight error = {maxWeight:G3}");
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
