using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PolySim.Core.Secession;

namespace PolySim.Scenarios;

/// <summary>A secession referendum (MODEL.md section 7).</summary>
[Description("A secession referendum: in a year, an area (districts and/or neighborhoods) votes on leaving the city that contains it.")]
public sealed class ReferendumSpec : VoteTerms
{
    [Required, Description("Referendum id used in outputs (unique).")]
    public string Id { get; set; } = "";

    [Required, Range(1800, 2500), Description("Calendar year of the vote; it is held after relocation in that year, and a passed secession governs from then on.")]
    public int Year { get; set; }

    [Description("Districts (neighborhoods' 'district' values) that make up the area.")]
    public List<string> Districts { get; set; } = [];

    [Description("Neighborhood ids that make up the area (added to the districts' neighborhoods).")]
    public List<string> Neighborhoods { get; set; } = [];

    [DerivedDefault("the districts and neighborhoods joined by '+'"), Description("Name of the area in outputs (referenda with the same area name share their area metrics).")]
    public string? Area { get; set; }

    [DerivedDefault("the referendum id"), Description("Id of the city the area would form.")]
    public string? NewCity { get; set; }

    [Description("The old city's assets and debts, split by assessed value (reported).")]
    public SeparationSpec Separation { get; set; } = new();

    [Range(0.0, double.PositiveInfinity), Description("Provisional appropriations limit of the new city, $ a year (0 = none): caps its spending, growing with the cost of living and its population (California Constitution art. XIII B).")]
    public double AppropriationsLimit { get; set; }

    [Description("If true, the separation takes effect whatever the vote (the vote is still counted): a structure that shows the secession's outcome for comparison.")]
    public bool Counterfactual { get; set; }
}

/// <summary>Turnout of a referendum.</summary>
[Description("Turnout p = clamp(base * (y / mean y)^income_elasticity + stakes * |gain| / y, 0, 1), y = income per person.")]
public sealed class TurnoutSpec
{
    [Range(0.0, 1.0), Description("Turnout at mean income with nothing at stake.")]
    public double Base { get; set; } = 1;

    [Range(-5.0, 5.0), Description("Elasticity of turnout with respect to income.")]
    public double IncomeElasticity { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Added turnout per unit of |gain| / income.")]
    public double Stakes { get; set; }
}

/// <summary>Revenue-neutrality terms (California Gov. Code §56815).</summary>
[Description("Mitigation payment from the new city to the remainder: share * basis * (1 + inflation)^t * max(0, 1 - annual_decline * t) for t < years.")]
public sealed class MitigationSpec
{
    [Description("net_revenue (what the old city collected in the area over what it spent there, in the year of the vote) or hold_harmless (what leaves the remainder's median-income resident as well off).")]
    public MitigationBasis Basis { get; set; } = MitigationBasis.NetRevenue;

    [Range(0.0, 10.0), Description("Share of the basis paid (1 = full revenue neutrality).")]
    public double Share { get; set; } = 1;

    [Range(-0.5, 0.5), Description("Yearly inflation adjustment of the payment.")]
    public double Inflation { get; set; }

    [Range(0.0, 1.0), Description("Yearly reduction as a share of the first payment (0.05 = gone after 20 years).")]
    public double AnnualDecline { get; set; }

    [Range(1, 1000), Description("Number of yearly payments.")]
    public int Years { get; set; } = 20;
}

/// <summary>Viability check of a boundary commission.</summary>
[Description("Viability check (California Gov. Code §56720): the proposal goes to the ballot only if the area has at least min_population residents and the new city's tax rate, with its services and mitigation payment, is at most max_rate_ratio times the old city's.")]
public sealed class ViabilitySpec
{
    [Range(0.0, double.PositiveInfinity), Description("Fewest residents a new city may have.")]
    public double MinPopulation { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Largest allowed ratio of the new city's rate to the old city's (1 = its revenue at the old rate covers its costs).")]
    public double MaxRateRatio { get; set; } = 1;
}

/// <summary>Assets and debts of the old city.</summary>
[Description("The old city's assets and debts, split by assessed value at separation (reported; with a property tax the split moves no money).")]
public sealed class SeparationSpec
{
    [Range(0.0, double.PositiveInfinity), Description("Assets of the old city, $.")]
    public double Assets { get; set; }

    [Range(0.0, double.PositiveInfinity), Description("Debts of the old city, $.")]
    public double Debts { get; set; }
}

/// <summary>The rule and terms of a secession vote, shared by scheduled referenda and the endogenous mode.</summary>
public class VoteTerms
{
    [DerivedDefault("council"), Description("Decision rule of the new city.")]
    public RuleSpec? NewCityRule { get; set; }

    [Description("simple_majority (the area alone, the unilateral rule), double_majority (the area and the whole city, as in Los Angeles 2002) or supermajority (at least 'threshold' in the area).")]
    public VotingRuleKind Rule { get; set; } = VotingRuleKind.DoubleMajority;

    [Range(0.5, 1.0), Description("Yes share the area must reach under a supermajority (e.g. 0.6667).")]
    public double Threshold { get; set; } = 2.0 / 3.0;

    [Range(0.0, double.PositiveInfinity), Description("Scale sigma of the logit noise, $ a year: P(yes) = 1 / (1 + exp(-gain / sigma)); 0 = every household votes its gain.")]
    public double NoiseScale { get; set; }

    [Description("Who votes (default: everyone).")]
    public TurnoutSpec Turnout { get; set; } = new();

    [Description("Revenue-neutrality terms of separation (omitted: no mitigation payment).")]
    public MitigationSpec? Mitigation { get; set; }

    [Description("Viability check that can keep the proposal off the ballot (omitted: none).")]
    public ViabilitySpec? Viability { get; set; }

    [References(IdKind.Structure), Description("Structures in which the vote is held (omitted: every structure with a city that contains the area).")]
    public List<string> Structures { get; set; } = [];

    [Range(0, 100), Description("Rounds of Tiebout sorting the households make under the alternative before they vote (0 = they vote at their current locations). Needs 'sorting' and agent households.")]
    public int ResortRounds { get; set; }
}

/// <summary>The endogenous secession mode (MODEL.md section 7).</summary>
[Description("Endogenous boundaries: every year, candidate areas inside a larger city vote on leaving it (by the rule and terms below), and optionally adjacent cities vote on merging or federating, all as one election; of the proposals that pass, those with the largest margin take effect (one change per jurisdiction a year), so the number and size of jurisdictions evolve.")]
public sealed class EndogenousSecessionSpec : VoteTerms
{
    [Description("Candidate districts (neighborhoods' 'district' values); empty = every district.")]
    public List<string> Districts { get; set; } = [];

    [Range(0, 64), Description("Contiguous areas generated per city and year: the city's ends along its longer then shorter axis holding 1/2, 1/3, ... of its residents (0 = the districts only).")]
    public int GeneratedAreas { get; set; }

    [Range(1.0, 10.0), Description("Neighborhoods i and k share a border when d(i, k) <= adjacency_factor * max(nearest-neighbor distance of i, of k); 1.2 = rook contiguity on a grid.")]
    public double AdjacencyFactor { get; set; } = 1.2;

    [Description("If true, every pair of adjacent cities (in the same federation or none) votes on merging; the merged city keeps the first city's id, rule and powers.")]
    public bool Mergers { get; set; }

    [Description("Federation votes: adjacent cities outside any federation vote on forming one, and a city next to a federation on joining it (omitted: none).")]
    public FederationSpec? Federation { get; set; }

    [Description("Majorities a merger or federation needs: concurrent_majorities (a majority in each city, or in the joining city and the federation) or combined_majority (a majority of all votes cast).")]
    public ConsolidationRule ConsolidationRule { get; set; } = ConsolidationRule.ConcurrentMajorities;

    [Range(0, 100000), Description("Most proposals evaluated per structure and year, in the order districts, generated areas, mergers, federations (0 = no limit).")]
    public int MaxProposals { get; set; }

    [Range(0, 100000), Description("Most changes that take effect per structure and year (0 = no limit beyond one change per jurisdiction a year).")]
    public int MaxChanges { get; set; }
}

/// <summary>The upper tier of the endogenous federation votes.</summary>
[Description("An upper tier that cities may vote to form or join: it provides the named goods in its member cities, which stop providing them.")]
public sealed class FederationSpec
{
    [Required, References(IdKind.Good), Description("Goods the federation provides.")]
    public List<string> Goods { get; set; } = [];

    [DerivedDefault("council"), Description("Decision rule of the federation.")]
    public RuleSpec? Rule { get; set; }
}
