namespace PolySim.Core.Secession;

/// <summary>How a referendum ended.</summary>
public enum ReferendumStatus
{
    /// <summary>Voted on; see the shares and <see cref="ReferendumResult.Passed"/>.</summary>
    Held,

    /// <summary>Kept off the ballot by the viability check.</summary>
    NotViable,

    /// <summary>No city in the structure contains the area (e.g. a two-tier structure has no city tier).</summary>
    NotApplicable,
}

/// <summary>Yes share, turnout and mean gain of one neighborhood of the city or one income quintile of the area.</summary>
/// <param name="Group">Neighborhood id or "quintile-k" (area residents by income quintile within the area).</param>
/// <param name="InArea">Whether the group lies in the seceding area.</param>
/// <param name="Yes">Yes share of votes cast.</param>
/// <param name="Turnout">Votes cast over eligible residents.</param>
/// <param name="Eligible">Eligible residents.</param>
/// <param name="Gain">Mean money gain from secession per household, $.</param>
public sealed record VoteShare(string Group, bool InArea, double Yes, double Turnout, double Eligible, double Gain);

/// <summary>
/// Outcomes of one group of households under the status quo and under secession (the effect on the seceding area, on the
/// remainder and its low-income households, and on the region): per household, in $ a year.
/// </summary>
/// <param name="Group">area, remainder, area_low_income, remainder_low_income (bottom income quintile of the region) or region.</param>
/// <param name="Households">Households in the group.</param>
/// <param name="TaxBefore">Taxes per household under the status quo (all tiers, net redistribution included).</param>
/// <param name="TaxAfter">Taxes per household after secession.</param>
/// <param name="ServicesBefore">Money value of services per household under the status quo (μ_h·Σθ·b(Q)).</param>
/// <param name="ServicesAfter">The same after secession.</param>
/// <param name="Gain">Mean equivalent variation of secession per household.</param>
public sealed record GroupEffect(string Group, double Households, double TaxBefore, double TaxAfter, double ServicesBefore, double ServicesAfter, double Gain);

/// <summary>The outcome of one referendum in one structure and replication (MODEL.md section 7).</summary>
/// <param name="Referendum">Referendum id.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Structure">Structure id.</param>
/// <param name="Area">Area name.</param>
/// <param name="City">Id of the city the area votes on leaving (empty if none).</param>
/// <param name="Status">Held, not viable or not applicable.</param>
/// <param name="Rule">The rule in force.</param>
/// <param name="AreaYes">Yes share in the area.</param>
/// <param name="CityYes">Yes share in the whole city (area included).</param>
/// <param name="AreaTurnout">Turnout in the area.</param>
/// <param name="CityTurnout">Turnout in the whole city.</param>
/// <param name="PassesSimple">Would pass under the simple-majority (unilateral) rule.</param>
/// <param name="PassesDouble">Would pass under the double majority.</param>
/// <param name="Passed">Passed under the referendum's own rule (and so took effect).</param>
/// <param name="Population">Residents of the area.</param>
/// <param name="OldRate">The old city's tax rate under the status quo.</param>
/// <param name="NewCityRate">The new city's rate after secession (with its mitigation payment).</param>
/// <param name="RemainderRate">The remainder's rate after secession (with the mitigation received).</param>
/// <param name="Mitigation">First-year mitigation payment, $ (0 without terms).</param>
/// <param name="AssetsToNewCity">Assets the new city takes, $.</param>
/// <param name="DebtsToNewCity">Debts the new city takes, $.</param>
/// <param name="Votes">Yes share, turnout and gain by neighborhood of the city (area first), then by income quintile of the area.</param>
/// <param name="Effects">Before/after outcomes by group.</param>
/// <param name="NewCitySpending">The new city's spending in the year of the vote, $.</param>
/// <param name="WithinAppropriationsLimit">Whether that spending is within the referendum's appropriations limit (true without one).</param>
/// <param name="TookEffect">Whether the separation took effect (passed, or imposed as a counterfactual; an endogenous proposal
/// that passed can be held back by the year's selection rule).</param>
/// <param name="Kind">Secession, merger or federation. For a merger or federation the "area" is the first electorate (a
/// city) and the "city" the second (the other city, or the federation it joins): AreaYes and CityYes are their yes shares,
/// PassesSimple means a combined majority of both, PassesDouble a majority in each, NewCityRate is the rate of the merged
/// city or federation and RemainderRate the first city's rate after.</param>
/// <param name="Consolidation">The rule a merger or federation vote was held under (null for a secession).</param>
public sealed record ReferendumResult(
    string Referendum, int Year, string Structure, string Area, string City, ReferendumStatus Status, VotingRuleKind Rule,
    double AreaYes, double CityYes, double AreaTurnout, double CityTurnout, bool PassesSimple, bool PassesDouble, bool Passed,
    double Population, double OldRate, double NewCityRate, double RemainderRate, double Mitigation, double AssetsToNewCity, double DebtsToNewCity,
    IReadOnlyList<VoteShare> Votes, IReadOnlyList<GroupEffect> Effects,
    double NewCitySpending = 0, bool WithinAppropriationsLimit = true, bool TookEffect = false,
    ProposalKind Kind = ProposalKind.Secession, ConsolidationRule? Consolidation = null);
