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
        var loaded = ScenarioLoader.Load(RepoPaths.File($"scenarios/{file}"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with { Years = 1, Replications = 1 };
        var runs = Simulator.CreateStructures(scenario, 7, 2, out _);
        var year = new YearConditions(scenario, 0);
        foreach (var run in runs)
        {
            var s = run.State;
            DecisionSolver.Solve(s, year, 2);
            Simulator.ComputeUtilities(s, 2);
            var terms = new LocationTerms(s);
            terms.Update();
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
}
