using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>
/// A scenario file as written (snake_case keys, defaults for nearly everything). After loading, the resolved
/// specification has every default filled in; <see cref="ScenarioMapper"/> turns it into the engine's
/// <see cref="PolySim.Core.Simulation.Scenario"/>.
/// </summary>
[Description("A PolySim scenario: a metropolitan region, its households, public goods and bads, and the governance structures to compare.")]
public sealed class ScenarioSpec
{
    [Required, Description("Scenario name, used in outputs and manifests.")]
    public string Name { get; set; } = "";

    [Description("Free text describing the scenario.")]
    public string Description { get; set; } = "";

    [Description("Master random seed (unsigned 64-bit); every replication's seed derives from it.")]
    public ulong Seed { get; set; } = 1;

    [Description("Simulated period.")]
    public HorizonSpec Horizon { get; set; } = new();

    [Range(1, 100_000), Description("Number of replications with independent seeds.")]
    public int Replications { get; set; } = 1;

    [References(IdKind.Structure), DerivedDefault("the first structure's id"),
     Description("Id of the structure against which equivalent variation and winners/losers are measured.")]
    public string? Baseline { get; set; }

    [Required, Description("Household groups and how households are represented.")]
    public HouseholdsSpec Households { get; set; } = new();

    [Required, Description("The neighborhoods, listed or generated on a grid, and optional distances.")]
    public RegionSpec Region { get; set; } = new();

    [Required, Description("Public goods (at least one).")]
    public List<GoodSpec> Goods { get; set; } = [];

    [Description("Public bads (crime, dumping, pollution) reduced by enforcement goods.")]
    public List<BadSpec> Bads { get; set; } = [];

    [Description("How private consumption enters utility.")]
    public UtilitySpec Utility { get; set; } = new();

    [Description("Numerical settings of the yearly decision fixed point and the organized interest (lobby).")]
    public DecisionsSpec Decisions { get; set; } = new();

    [Description("Tiebout sorting and the housing market; omit to keep households where they are.")]
    public SortingSpec? Sorting { get; set; }

    [DerivedDefault("one structure: {id: consolidated, kind: consolidated}"),
     Description("Governance structures to simulate and compare (ids must be unique).")]
    public List<StructureSpec> Structures { get; set; } = [];

    [Description("Secession referenda held during the run (MODEL.md section 7).")]
    public List<ReferendumSpec> Referenda { get; set; } = [];

    [Description("Endogenous boundary mode: yearly secession votes of candidate areas inside a larger city, and merger and federation votes of adjacent cities (omitted: off).")]
    public EndogenousSecessionSpec? EndogenousSecession { get; set; }
}
