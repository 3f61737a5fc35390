using PolySim.Core.Decisions;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>
/// One year's boundary election in one structure (MODEL.md section 7): the scenario's scheduled referenda of the year and
/// the endogenous mode's proposals (secessions, mergers, federations), each evaluated against the same status quo. Every
/// scheduled referendum that passes takes effect. Of the endogenous proposals that pass, those with the largest margin over
/// their rule's bar go first (ties: proposal order), each jurisdiction changes at most once a year, and at most the mode's
/// limit take effect; all changes are then applied together.
/// </summary>
public static class Election
{
    /// <summary>Ballot streams of endogenous votes start here, per year (after any realistic number of scheduled referenda).</summary>
    private const int EndogenousStreams = 100_003;

    /// <summary>A change that passed: how to apply it, the jurisdictions it touches, its rank and its mitigation obligation.</summary>
    private sealed record Change(int Result, Action<MapDraft> Apply, IReadOnlyList<string> Touched, double Margin,
        (string Payer, int Payee, double Basis, MitigationTerms Terms)? Obligation, (string City, double Limit)? Limit = null);

    /// <summary>
    /// Holds the election on state <paramref name="s"/>; appends every result to <paramref name="results"/>. Returns the
    /// state after the changes that took effect and its solver report, or null if nothing changes.
    /// </summary>
    public static (StructureState State, SolverReport Report)? Hold(StructureState s, Scenario scenario, YearConditions year, int threads,
        ulong seed, List<ReferendumResult> results)
    {
        var scheduled = scenario.Referenda ?? [];
        var accepted = new List<Change>();
        for (int r = 0; r < scheduled.Count; r++)
        {
            var referendum = scheduled[r];
            if (referendum.Year != year.Year) continue;
            if (referendum.Structures is { } ids && !ids.Contains(s.Map.Structure.Id)) continue;
            var outcome = ReferendumEvaluator.Hold(s, referendum, r, year, threads, seed);
            if (outcome.Result.Status == ReferendumStatus.NotApplicable && referendum.Structures is null) continue;
            results.Add(outcome.Result);
            if (outcome.Result.TookEffect) accepted.Add(Secession(results.Count - 1, referendum, outcome, s, 0));
        }

        var candidates = new List<Change>();
        if (scenario.Endogenous is { } mode)
        {
            var proposals = mode.Proposals(s, year.Year);
            for (int k = 0; k < proposals.Count; k++)
            {
                var p = proposals[k];
                // Scheduled referenda keep their scenario index as ballot stream; endogenous ones are numbered per year.
                int stream = scheduled.Count + (year.Index + 1) * EndogenousStreams + k;
                if (p.Kind == ProposalKind.Secession)
                {
                    var referendum = mode.Referendum(p, year.Year);
                    var outcome = ReferendumEvaluator.Hold(s, referendum, stream, year, threads, seed);
                    results.Add(outcome.Result with { TookEffect = false });
                    if (outcome.Result.Passed) candidates.Add(Secession(results.Count - 1, referendum, outcome, s, Margin(outcome.Result, referendum.Rule)));
                }
                else
                {
                    var (result, apply, margin) = ConsolidationVote.Hold(s, mode, p, stream, year, threads, seed);
                    results.Add(result);
                    if (result.Passed) candidates.Add(new Change(results.Count - 1, apply, [.. p.Cities, p.Result], margin, null));
                }
            }
            var touched = accepted.SelectMany(c => c.Touched).ToHashSet();
            int taken = 0;
            foreach (var c in candidates.OrderByDescending(c => c.Margin).ThenBy(c => c.Result))
            {
                if (mode.MaxChanges > 0 && taken >= mode.MaxChanges) break;
                if (c.Touched.Any(touched.Contains)) continue;
                touched.UnionWith(c.Touched);
                accepted.Add(c);
                taken++;
                results[c.Result] = results[c.Result] with { TookEffect = true };
            }
        }
        return accepted.Count == 0 ? null : Apply(s, accepted, year, threads);
    }

    private static Change Secession(int result, Referendum r, ReferendumOutcome outcome, StructureState s, double margin) =>
        new(result, d => d.Split(r.Neighborhoods, r.NewCity, r.NewCityRule), [s.Map.Jurisdictions[outcome.City].Id], margin,
            r.Mitigation is { } terms && outcome.Basis > 0 ? (r.NewCity, outcome.City, outcome.Basis, terms) : null,
            r.AppropriationsLimit > 0 ? (r.NewCity, r.AppropriationsLimit) : null);

    /// <summary>How far a passed secession clears its rule's bar.</summary>
    private static double Margin(ReferendumResult r, VotingRule rule) => rule.Kind switch
    {
        VotingRuleKind.SimpleMajority => r.AreaYes - 0.5,
        VotingRuleKind.DoubleMajority => Math.Min(r.AreaYes, r.CityYes) - 0.5,
        _ => r.AreaYes - rule.Threshold,
    };

    /// <summary>
    /// The structure after the changes that took effect (applied in order: scheduled referenda, then endogenous changes by
    /// rank), with the new mitigation obligations. Solved for the year, utilities computed.
    /// </summary>
    private static (StructureState State, SolverReport Report) Apply(StructureState s, List<Change> changes, YearConditions year, int threads)
    {
        var draft = new MapDraft(s);
        foreach (var c in changes) c.Apply(draft);
        var alt = draft.Build();
        foreach (var c in changes)
            if (c.Obligation is { } o)
                alt.Obligations.Add(new MitigationObligation(draft.IndexOf(o.Payer), draft.Current(o.Payee), o.Basis, year.Year, o.Terms));
        foreach (var c in changes)
            if (c.Limit is { } limit) alt.Limits.Add(AppropriationsLimit.Start(alt, draft.IndexOf(limit.City), limit.Limit, year));
        var report = DecisionSolver.Solve(alt, year, threads);
        Simulator.ComputeUtilities(alt, threads);
        return (alt, report);
    }
}
