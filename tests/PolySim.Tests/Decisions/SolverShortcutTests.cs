using PolySim.Core.Decisions;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Decisions;

/// <summary>
/// The decision solver's shortcut (consumption derived inside the ideal-point pass instead of written each iteration)
/// must give the bits of the plain computation, which writes every household column each iteration: the independent
/// calculation here is that plain path.
/// </summary>
public class SolverShortcutTests
{
    [Theory]
    [InlineData("metro-baseline.yaml")]          // councils of districts, a Niskanen bureau, the localism index
    [InlineData("equalization-formulas.yaml")]   // types; two tiers with direct democracy in the neighborhoods; levies, credits
    [InlineData("tiebout-sorting.yaml")]
    public void Shortcuts_reproduce_the_plain_computation_bit_for_bit(string file)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File($"scenarios/{file}"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with { Years = 2, Replications = 1 };
        var plain = scenario with { Decisions = scenario.Decisions with { Plain = true } };
        var fast = Simulator.CreateStructures(scenario, 7, 2, out _).ToList();
        var reference = Simulator.CreateStructures(plain, 7, 2, out _).ToList();
        // Two years: the second starts from last year's medians, whose brackets are widest.
        for (int t = 0; t < 2; t++)
        {
            var year = new YearConditions(scenario, t);
            for (int k = 0; k < fast.Count; k++)
            {
                var (a, b) = (fast[k].State, reference[k].State);
                var ra = DecisionSolver.Solve(a, year, 2);
                var rb = DecisionSolver.Solve(b, year, 2);
                string where = $"{file}, {fast[k].Structure.Id}, year {t}";
                Assert.Equal(rb.Iterations, ra.Iterations);
                AssertBits(b.Level, a.Level, where + ", levels");
                AssertBits(b.LocalOffset, a.LocalOffset, where + ", local offsets");
                AssertBits(b.Consumption, a.Consumption, where + ", consumption");
                AssertBits(b.Tax, a.Tax, where + ", taxes");
                AssertBits(b.GapSum, a.GapSum, where + ", congruence gaps");
                for (int j = 0; j < a.J; j++)
                {
                    Assert.Equal(DecisionSolver.Localism(b, j).Numerator, DecisionSolver.Localism(a, j).Numerator);
                    Assert.Equal(DecisionSolver.Localism(b, j).Denominator, DecisionSolver.Localism(a, j).Denominator);
                }
            }
        }
        // The consumption shortcut must actually have been taken somewhere, or the comparison shows less than it claims.
        Assert.Contains(fast, run => DecisionSolver.DerivesConsumption(run.State));
        Assert.DoesNotContain(reference, run => DecisionSolver.DerivesConsumption(run.State));
    }

    private static void AssertBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}[{i}]: plain {expected[i]:R}, with shortcuts {actual[i]:R}");
    }
}
