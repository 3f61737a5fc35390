using PolySim.Core.Decisions;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// Evaluates a merger or federation proposal on a structure's current state (MODEL.md section 7): draws the structure with
/// the change (<see cref="MapDraft"/>), solves its policies for this year's conditions and the current households, and lets
/// every eligible household of the two electorates (the two cities, or the joining city and the federation) compare its
/// utility under both by its equivalent variation, with the endogenous mode's noise and turnout (<see cref="Ballot"/>).
/// </summary>
public static class ConsolidationVote
{
    /// <summary>
    /// Holds proposal <paramref name="p"/> with ballot stream <paramref name="index"/>; returns the result, how to apply the
    /// change and the margin by which it clears its rule's bar (the smaller yes share, or the combined one, less ½).
    /// </summary>
    public static (ReferendumResult Result, Action<MapDraft> Apply, double Margin) Hold(StructureState s, EndogenousSecession mode, BoundaryProposal p,
        int index, YearConditions year, int threads, ulong seed)
    {
        var map = s.Map;
        int Find(string id) => map.Jurisdictions.ToList().FindIndex(j => j.Id == id);
        Action<MapDraft> apply;
        IReadOnlyList<int> first = map.Jurisdictions[Find(p.Cities[0])].Members, second;
        if (p.Kind == ProposalKind.Merger)
        {
            apply = d => d.Merge(p.Cities[0], p.Cities[1]);
            second = map.Jurisdictions[Find(p.Cities[1])].Members;
        }
        else
        {
            var terms = mode.Federation ?? throw new InvalidOperationException("A federation vote needs federation terms.");
            int existing = Find(p.Result);
            var goods = existing >= 0 ? map.Jurisdictions[existing].Provides : terms.Goods;
            var rule = existing >= 0 ? map.Jurisdictions[existing].Rule : terms.Rule;
            apply = d => d.Federate(p.Cities, p.Result, goods, rule);
            second = existing >= 0 ? map.Jurisdictions[existing].Members : map.Jurisdictions[Find(p.Cities[1])].Members;
        }

        var draft = new MapDraft(s);
        apply(draft);
        var alt = draft.Build();
        DecisionSolver.Solve(alt, year, threads);
        Simulator.ComputeUtilities(alt, threads);
        var r = mode.Terms;
        var view = r.ResortRounds is > 0 and var rounds ? Alternative.Resorted(alt, rounds, year, threads, seed, index) : Alternative.AtCurrentLocations(alt);
        var gain = view.Gains(s);
        var (a, b) = ReferendumEvaluator.CountVotes(s, r, gain, index, seed, first, second);
        double votes = a.Votes + b.Votes, pooled = votes > 0 ? (a.Yes + b.Yes) / votes : 0;
        bool concurrent = a.Share > 0.5 && b.Share > 0.5, combined = pooled > 0.5;
        bool passed = mode.Consolidation == ConsolidationRule.ConcurrentMajorities ? concurrent : combined;
        int made = draft.IndexOf(p.Result), firstAfter = draft.IndexOf(p.Cities[0]);
        var result = new ReferendumResult(p.Id, year.Year, map.Structure.Id, p.Name, p.Result, ReferendumStatus.Held,
            mode.Consolidation == ConsolidationRule.ConcurrentMajorities ? VotingRuleKind.DoubleMajority : VotingRuleKind.SimpleMajority,
            a.Share, b.Share, a.TurnoutShare, b.TurnoutShare, combined, concurrent, passed, alt.Population[made],
            s.Rate[Find(p.Cities[0])], alt.Rate[made], alt.Rate[firstAfter], 0, 0, 0, ReferendumEvaluator.VoteShares(s, a, b),
            ReferendumEvaluator.Effects(s, view, gain, first, second), alt.Spending[made], true, false, p.Kind, mode.Consolidation);
        return (result, apply, (mode.Consolidation == ConsolidationRule.ConcurrentMajorities ? Math.Min(a.Share, b.Share) : pooled) - 0.5);
    }
}
