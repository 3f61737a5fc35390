using PolySim.Core.Decisions;

namespace PolySim.Core.Secession;

/// <summary>
/// A referendum event (MODEL.md section 7): in <paramref name="Year"/>, the residents of an area vote on leaving the city
/// that contains it and forming <paramref name="NewCity"/>.
/// </summary>
/// <param name="Id">Referendum id in outputs.</param>
/// <param name="Year">Calendar year of the vote (the new city governs from the same year's events on).</param>
/// <param name="Area">Name of the area (a district or a list of neighborhoods).</param>
/// <param name="Neighborhoods">Indices of the area's neighborhoods.</param>
/// <param name="NewCity">Id of the city the area would form.</param>
/// <param name="NewCityRule">Decision rule of the new city.</param>
/// <param name="Rule">Majorities needed.</param>
/// <param name="NoiseScale">σ of the logit noise, $: P(yes) = 1/(1 + exp(−gain/σ)); 0 = deterministic.</param>
/// <param name="Turnout">Who votes.</param>
/// <param name="Mitigation">Revenue-neutrality terms, or null.</param>
/// <param name="Viability">Viability check that can keep the proposal off the ballot, or null.</param>
/// <param name="Separation">Assets and debts to split, or null.</param>
/// <param name="Structures">Ids of the structures in which the vote is held; null = every structure with a city containing the area.</param>
/// <param name="AppropriationsLimit">Provisional appropriations limit of the new city, $ a year (0 = none): caps its spending (<see cref="AppropriationsLimit"/>).</param>
/// <param name="Counterfactual">The separation takes effect whatever the vote (the vote is still counted and reported): a
/// structure that shows the outcome of a secession for comparison.</param>
/// <param name="ResortRounds">Rounds of Tiebout sorting the households make under the alternative before they compare it
/// with the status quo (null: they vote at their current locations).</param>
public sealed record Referendum(
    string Id,
    int Year,
    string Area,
    IReadOnlyList<int> Neighborhoods,
    string NewCity,
    DecisionRule NewCityRule,
    VotingRule Rule,
    double NoiseScale,
    Turnout Turnout,
    MitigationTerms? Mitigation = null,
    ViabilityCheck? Viability = null,
    SeparationTerms? Separation = null,
    IReadOnlyList<string>? Structures = null,
    double AppropriationsLimit = 0,
    bool Counterfactual = false,
    int? ResortRounds = null);
