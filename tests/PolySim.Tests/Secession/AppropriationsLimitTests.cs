using PolySim.Core.Households;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Secession;

/// <summary>A new city's appropriations limit caps its spending (Cal. Const. art. XIII B; docs/model.md §7a).</summary>
public class AppropriationsLimitTests
{
    private static (double Spending, double Yes) Valley(double limit)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/los-angeles-2002.yaml"));
        Assert.True(loaded.IsValid);
        var s = loaded.Scenario!;
        s = s with
        {
            Years = 1,
            Households = s.Households with { Mode = HouseholdMode.Types },
            Structures = s.Structures.Where(x => x.Id == "valley-secession").ToList(),
            Baseline = "valley-secession",
            Referenda = s.Referenda!.Where(r => r.Id == "valley-imposed").Select(r => r with { AppropriationsLimit = limit }).ToList(),
        };
        var result = Simulator.Run(s, new RunOptions(2)).Replications[0];
        var vote = result.Referenda!.Single();
        double fiscal = result.Structures[0].Fiscal.Single(f => f.Jurisdiction == "valley").Spending;
        Assert.Equal(vote.NewCitySpending, fiscal, 1e-6 * fiscal);   // the vote's alternative is the city that forms
        return (fiscal, vote.AreaYes);
    }

    [Fact]
    public void A_binding_limit_caps_the_new_citys_spending_at_the_limit_and_a_loose_one_changes_nothing()
    {
        var (free, freeYes) = Valley(0);
        var (loose, looseYes) = Valley(10 * free);
        Assert.Equal(free, loose);
        Assert.Equal(freeYes, looseYes);
        // Binding at half the unconstrained budget: in the year of separation the cap is the limit itself (population and
        // cost-of-living ratios are 1), and the solver's fixed point spends exactly up to it (tolerance: the solver's).
        double limit = 0.5 * free;
        var (capped, _) = Valley(limit);
        Assert.Equal(limit, capped, 1e-3 * limit);
    }
}
