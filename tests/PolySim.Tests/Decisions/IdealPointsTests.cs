using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Decisions;

/// <summary>
/// The decision solver's hot loop (<see cref="IdealPoints"/>: the log-benefit closed form four households at a time,
/// enforcement levels matched against remembered (persons, taxable) pairs four households at a time) against the
/// scalar form it rearranges, <see cref="HouseholdMargin"/>, household by household.
/// </summary>
public class IdealPointsTests
{
    /// <summary>
    /// Independent calculation: <see cref="HouseholdMargin.Ideal"/>, <see cref="HouseholdMargin.MarginalCost"/> and
    /// <see cref="HouseholdMargin.WillingnessToPaySlope"/> at the current level, for every household of every jurisdiction
    /// after metro-baseline's first solve. Under the property tax a neighborhood's households share a taxable amount, so
    /// enforcement levels come from the remembered pairs; under an income tax every household has its own, so each
    /// vector of four has a pair not remembered and goes household by household.
    /// </summary>
    [Theory]
    [InlineData(TaxBase.Property)]
    [InlineData(TaxBase.Income)]
    public void Every_ideal_point_and_demand_sum_is_the_scalar_margin_s(TaxBase tax)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/metro-baseline.yaml"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with { Years = 1, Replications = 1 };
        scenario = scenario with
        {
            Structures = scenario.Structures.Select(st => st with { Finance = st.Finance with { Tax = tax } }).ToList(),
        };
        var year = new YearConditions(scenario, 0);
        int checkedHouseholds = 0, enforcementGoods = 0;
        foreach (var run in Simulator.CreateStructures(scenario, 7, 2, out _))
        {
            var s = run.State;
            DecisionSolver.Solve(s, year, 2);
            var hh = s.Households;
            var values = Enumerable.Range(0, s.G).Select(_ => new double[hh.Count]).ToArray();
            var weights = new double[hh.Count];
            for (int j = 0; j < s.J; j++)
            {
                var goods = Enumerable.Range(0, s.G).Where(g => s.Map.Jurisdictions[j].Provides[g]).ToArray();
                if (goods.Length == 0) continue;
                var contexts = goods.Select(g => MarginContext.Create(s, j, g)).ToArray();
                enforcementGoods += contexts.Count(c => c.IsEnforcement);
                foreach (int i in s.Map.Jurisdictions[j].Members)
                {
                    int first = hh.Start[i], end = hh.Start[i + 1];
                    var demand = new double[2 * goods.Length];
                    IdealPoints.Fill(s, i, goods, contexts, first, values, weights, demand);
                    for (int x = 0; x < goods.Length; x++)
                    {
                        double cost = 0, slope = 0;
                        for (int h = first; h < end; h++)
                        {
                            var margin = HouseholdMargin.Of(contexts[x], s, h);
                            double ideal = margin.Ideal();
                            Assert.True(Math.Abs(values[goods[x]][h] - ideal) <= 1e-10 * Math.Max(1, Math.Abs(ideal)),
                                $"{run.Structure.Id}, jurisdiction {j}, good {goods[x]}, household {h}: {values[goods[x]][h]} vs {ideal}");
                            cost += hh.Weight[h] * margin.MarginalCost;
                            slope += hh.Weight[h] * margin.WillingnessToPaySlope(contexts[x].Current);
                        }
                        Assert.Equal(cost, demand[2 * x], 1e-10 * Math.Max(1, Math.Abs(cost)));
                        Assert.Equal(slope, demand[2 * x + 1], 1e-10 * Math.Max(1, Math.Abs(slope)));
                    }
                    checkedHouseholds += end - first;
                }
            }
        }
        Assert.True(enforcementGoods > 0, "metro-baseline provides an enforcement good");
        Assert.True(checkedHouseholds > 10_000, $"checked {checkedHouseholds} households");
    }
}
