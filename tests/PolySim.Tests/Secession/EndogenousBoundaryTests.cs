using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Metrics;
using PolySim.Core.Secession;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;
using static PolySim.Tests.Support.Textbook;

namespace PolySim.Tests.Secession;

/// <summary>
/// The endogenous boundary mode of MODEL.md section 7a.5 against independent calculations: merger and split votes on
/// benchmarks.md B3's Alesina–Spolaore line (closed forms derived below), a merger and a federation that internalize
/// benchmarks.md B2a's spillover (gain = α[−ln(1 − s) − s] per resident), the candidate areas generated on a grid, and
/// thread-count independence.
/// </summary>
public class EndogenousBoundaryTests
{
    private const double H = 400, Income = 1_000, PerNeighborhood = 100;

    private static readonly Referendum Terms = new("endogenous", 0, "", [], "", DecisionRule.DirectDemocracy,
        new VotingRule(VotingRuleKind.SimpleMajority), 0, Turnout.Full);

    /// <summary>B3's strip: m neighborhoods at x = (i + ½)/m in N equal cities, h = 400, K per jurisdiction with k = K/P = 1.</summary>
    private static Scenario Line(int m, int cities, EndogenousSecession mode, int years) =>
        Line(m, i => i * cities / m, H, 1, mode, years);

    /// <summary>The strip with city c(i) for neighborhood i, distance cost h and governance cost k per resident of the region.</summary>
    private static Scenario Line(int m, Func<int, int> city, double h, double k, EndogenousSecession mode, int years)
    {
        var hoods = Enumerable.Range(0, m).Select(i => Hood($"n{i}", (i + 0.5) / m, Map(("g", PerNeighborhood)), city: $"c{city(i):D2}")).ToList();
        var structure = Structure("fragmented", StructureKind.Fragmented, DecisionRule.DirectDemocracy, HeadTax() with { GovernanceCost = k * m * PerNeighborhood });
        return Scenario(hoods, [Group("g", None, income: Income)], [], [structure], years: years)
            with { Utility = new UtilitySettings(ConsumptionForm.QuasiLinear, 1e-6, h), Endogenous = mode };
    }

    [Theory]
    [InlineData(ConsolidationRule.ConcurrentMajorities, false)]
    [InlineData(ConsolidationRule.CombinedMajority, true)]
    public void An_unequal_merger_fails_by_concurrent_majorities_and_passes_by_a_combined_one(ConsolidationRule rule, bool passes)
    {
        // Independent calculation: 40 neighborhoods on [0, 1], city A the first 10 (a = ¼), B the other 30; h = 8, k = 1.25.
        // A resident of a city of share p pays k/p, after the merger k; its policy moves from its city's median to ½.
        // Yes iff k/p − k > h(|x − ½| − |x − median|): A (median 0.125) all yes; B (median 0.625) 14 of 30.
        const int m = 40;
        const double h = 8, k = 1.25;
        double Share(int from, int to, double p, double median) => Enumerable.Range(from, to - from)
            .Count(i => k / p - k > h * (Math.Abs((i + 0.5) / m - 0.5) - Math.Abs((i + 0.5) / m - median)) + 1e-9) / (double)(to - from);
        double yesA = Share(0, 10, 0.25, 0.125), yesB = Share(10, 40, 0.75, 0.625);
        Assert.Equal((1.0, 14.0 / 30), (yesA, yesB));
        var mode = new EndogenousSecession([], Terms) { Mergers = true, Consolidation = rule };
        var vote = Simulator.Run(Line(m, i => i < 10 ? 0 : 1, h, k, mode, years: 1), new RunOptions()).Replications[0].Referenda!.Single();
        Assert.Equal(yesA, vote.AreaYes, 1e-12);
        Assert.Equal(yesB, vote.CityYes, 1e-12);
        Assert.False(vote.PassesDouble);                                            // a majority in each city: B says no
        Assert.True(vote.PassesSimple);                                             // all votes together: (10 + 14)/40 = 0.6
        Assert.Equal(passes, vote.Passed);
        Assert.Equal(passes, vote.TookEffect);
    }

    private static double Cost(RunResult result, int year) => Income - result.Replications[0].Structures[0].Metrics
        .Single(x => x.Year == year && x.Entity == "region" && x.Metric == MetricCatalog.MeanUtility.Name).Value;

    [Fact]
    public void B3_line_of_too_small_cities_merges_pairwise_to_16_and_neither_splits_nor_merges_further()
    {
        // Closed forms on B3's line (cities of length s = 1/N, policy at the median, head tax k per jurisdiction per resident):
        // merging two cities saves each resident kN/2 of governance cost and moves its policy from its city's midpoint to the
        // common border, a loss of at most h·s/2; splitting a city saves at most h·s/4 and costs kN more. At N = 32:
        // h·s/2 = 6.25 < 16, so every resident votes for a merger (yes share 1); h·s/4 = 3.125 < 32, so nobody votes to split.
        const int m = 1024;
        var mode = new EndogenousSecession([], Terms) { GeneratedAreas = 2, Mergers = true };
        var result = Simulator.Run(Line(m, 32, mode, years: 2), new RunOptions());
        var votes = result.Replications[0].Referenda!;

        var first = votes.Where(r => r.Year == 2025).ToList();
        Assert.Equal(64, first.Count(r => r.Kind == ProposalKind.Secession));     // the west and east halves of 32 cities
        Assert.Equal(31, first.Count(r => r.Kind == ProposalKind.Merger));        // adjacent pairs on the line
        Assert.All(first.Where(r => r.Kind == ProposalKind.Secession), r => { Assert.Equal(0, r.AreaYes); Assert.False(r.Passed); });
        Assert.All(first.Where(r => r.Kind == ProposalKind.Merger), r =>
        {
            Assert.Equal(1, r.AreaYes);
            Assert.Equal(1, r.CityYes);
            Assert.True(r.Passed);
        });
        // All margins tie, so proposal order decides and each city changes once: c00+c01, c02+c03, ... take effect.
        var merged = first.Where(r => r.TookEffect).Select(r => r.Area).ToList();
        Assert.Equal(Enumerable.Range(0, 16).Select(p => $"c{2 * p:D2}+c{2 * p + 1:D2}"), merged);

        // N = 16 after the first election: C(16) = h/(4·16) + 16 = 22.25 (B3, T0: even intervals are exact).
        Support.Tolerance.AssertT0(22.25, Cost(result, 2025), what: "C after the mergers");
        Support.Tolerance.AssertT0(22.25, Cost(result, 2026), what: "C a year later");
        Assert.Equal(16, result.Replications[0].Structures[0].Fiscal.Count(f => f.Year == 2026));

        // N = 16: a merger saves kN/2 = 8; the resident at x (from its city's left end, 64 neighborhoods of width d) loses
        // h·(|x − s| − |x − s/2|) for the left city of a pair. Yes share = share of neighborhoods with loss < 8 (discrete,
        // independent of the engine); by symmetry the same in the right city. No split passes (share 0, B3 step 5).
        double s = 1.0 / 16, d = 1.0 / m;
        double expected = Enumerable.Range(0, 64).Select(i => (i + 0.5) * d).Count(x => H * (Math.Abs(x - s) - Math.Abs(x - s / 2)) < 8 - 1e-9) / 64.0;
        Assert.Equal(0.40625, expected);   // ≈ ¼ + kN²/(4h) = 0.41 in the continuum
        var second = votes.Where(r => r.Year == 2026).ToList();
        Assert.Equal(15, second.Count(r => r.Kind == ProposalKind.Merger));
        Assert.All(second.Where(r => r.Kind == ProposalKind.Merger), r =>
        {
            Assert.Equal(expected, r.AreaYes, 1e-12);
            Assert.Equal(expected, r.CityYes, 1e-12);
            Assert.False(r.Passed);
        });
        Assert.All(second.Where(r => r.Kind == ProposalKind.Secession), r => Assert.Equal(0, r.AreaYes));
        Assert.DoesNotContain(second, r => r.TookEffect);
    }

    [Fact]
    public void At_most_max_changes_take_effect_in_a_year()
    {
        // The same line at N = 32 (8 neighborhoods a city): every merger passes unanimously (loss ≤ h·s/2 = 6.25 < 16), but
        // only the first three by proposal order take effect, leaving 29 cities.
        var mode = new EndogenousSecession([], Terms) { Mergers = true, MaxChanges = 3 };
        var result = Simulator.Run(Line(256, 32, mode, years: 1), new RunOptions()).Replications[0];
        Assert.Equal(31, result.Referenda!.Count(r => r.Passed));
        Assert.Equal(["c00+c01", "c02+c03", "c04+c05"], result.Referenda!.Where(r => r.TookEffect).Select(r => r.Area));
        Assert.Equal(29, result.Structures[0].Fiscal.Count(f => f.Year == 2025));
    }

    /// <summary>B2a: two one-neighborhood cities, n = 10,000 residents each, α = 50, c = 1, benefit share s spilling to the other.</summary>
    private static Scenario Spillover(double share, EndogenousSecession mode) => Scenario(
            [Hood("j0", 0, Map(("res", 10_000))), Hood("j1", 10, Map(("res", 10_000)))],
            [Group("res", Map(("g", 50)), income: 1_000_000)],
            [Good("g", 1, rivalry: 0, spillover: Everywhere(SpilloverForm.BenefitShare, share))],
            [Structure("nash", StructureKind.Fragmented, DecisionRule.Planner)], years: 2)
        with { Endogenous = mode };

    [Fact]
    public void Merger_and_federation_internalize_the_B2a_spillover_and_the_merger_goes_first()
    {
        // benchmarks.md B2a: Nash provision (1 − s)·nα/c per city; one provider for both chooses nα/c = 500,000 and each
        // resident gains α[−ln(1 − s) − s] = 9.657359 at s = ½. A merger and a federation providing g both reach it.
        const double s = 0.5;
        double gain = 50 * (-Math.Log(1 - s) - s);
        var mode = new EndogenousSecession([], Terms)
        {
            Mergers = true,
            Federation = new FederationTerms([true], DecisionRule.Planner),
        };
        var result = Simulator.Run(Spillover(s, mode), new RunOptions());
        var votes = result.Replications[0].Referenda!;
        var merger = votes.Single(r => r.Year == 2025 && r.Kind == ProposalKind.Merger);
        var federation = votes.Single(r => r.Year == 2025 && r.Kind == ProposalKind.Federation);
        foreach (var r in new[] { merger, federation })
        {
            Assert.Equal(1, r.AreaYes);
            Assert.Equal(1, r.CityYes);
            Assert.True(r.Passed);
            Support.Tolerance.AssertT0(gain, r.Effects.Single(e => e.Group == "region").Gain, what: $"{r.Kind} gain per household");
        }
        Assert.Equal("j0+j1", merger.Area);
        Assert.Equal("federation-j0", federation.City);
        // Equal margins: the merger comes first in proposal order and takes effect; the federation touches the same cities.
        Assert.True(merger.TookEffect);
        Assert.False(federation.TookEffect);
        Support.Tolerance.AssertT0(500_000, Region(result, "nash", "level:g", "j0"), what: "merged level");
        Assert.DoesNotContain(votes, r => r.Year == 2026);                         // one city: nothing left to vote on
    }

    [Fact]
    public void A_federation_alone_reaches_the_Samuelson_level_and_a_city_next_to_it_votes_on_joining()
    {
        // Three B2a cities on a line (spacing 10 km): j0–j1 and j1–j2 border, j0–j2 do not. Year 1: the pairs vote on
        // federating; each pair gains, j0+j1 goes first. Year 2: j2 votes on joining federation-j0.
        const double s = 0.5;
        var mode = new EndogenousSecession([], Terms) { Federation = new FederationTerms([true], DecisionRule.Planner) };
        var scenario = Spillover(s, mode);
        scenario = scenario with
        {
            Region = new Region([.. scenario.Region.Neighborhoods, Hood("j2", 20, Map(("res", 10_000)))]),
        };
        var result = Simulator.Run(scenario, new RunOptions());
        var votes = result.Replications[0].Referenda!;
        var first = votes.Where(r => r.Year == 2025).ToList();
        Assert.Equal(["federate-j0-j1-2025", "federate-j1-j2-2025"], first.Select(r => r.Referendum));
        Assert.All(first, r => Assert.True(r.Passed));
        Assert.Equal([true, false], first.Select(r => r.TookEffect));
        var join = Assert.Single(votes, r => r.Year == 2026);
        Assert.Equal("join-j2-federation-j0-2026", join.Referendum);
        Assert.Equal("federation-j0", join.City);
    }

    [Fact]
    public void Generated_areas_are_the_contiguous_ends_of_each_city()
    {
        // A 4 × 2 grid, one city: the ends along the longer (x) axis, then the shorter (y), holding half the residents.
        var hoods = Enumerable.Range(0, 8).Select(i => new Neighborhood($"n{i}", $"n{i}", i % 4, i / 4, 1, 100, 100_000, 0, 0, None,
            Map(("g", 100)), "city")).ToList();
        var scenario = Scenario(hoods, [Group("g", None, income: Income)], [],
            [Structure("one", StructureKind.Consolidated, DecisionRule.DirectDemocracy)]);
        var mode = new EndogenousSecession([], Terms) { GeneratedAreas = 4 };
        var votes = Simulator.Run(scenario with { Endogenous = mode }, new RunOptions()).Replications[0].Referenda!;
        Assert.Equal(["city-west2-2025", "city-east2-2025", "city-south2-2025", "city-north2-2025"], votes.Select(p => p.Referendum));
        int[] Area(ReferendumResult r) => r.Votes.Where(v => v.InArea && v.Group.StartsWith('n')).Select(v => int.Parse(v.Group[1..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([0, 1, 4, 5], Area(votes[0]));
        Assert.Equal([2, 3, 6, 7], Area(votes[1]));
        Assert.Equal([0, 1, 2, 3], Area(votes[2]));
        Assert.Equal([4, 5, 6, 7], Area(votes[3]));
        var adjacency = mode.Neighbors(scenario.Region);
        Assert.Equal([1, 4], adjacency.Of(0));                                       // rook contiguity at factor 1.2
        Assert.False(adjacency.Connected([0, 2]));
    }

    /// <summary>Every field of a result, its votes and effects, as text (records with lists compare by reference).</summary>
    private static string Describe(IEnumerable<ReferendumResult> results) => string.Join("\n", results.Select(r =>
        string.Join(";", r with { Votes = [], Effects = [] }, string.Join(",", r.Votes), string.Join(",", r.Effects))));

    [Fact]
    public void The_shipped_endogenous_scenario_evolves_identically_on_one_and_two_threads()
    {
        // Agents with noisy votes and turnout: ballots are drawn from per-proposal streams, so thread count cannot matter.
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/endogenous-boundaries.yaml"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Scenario! with { Years = 5 };
        var one = Simulator.Run(scenario, new RunOptions(1)).Replications[0];
        var two = Simulator.Run(scenario, new RunOptions(2)).Replications[0];
        Assert.Equal(Describe(one.Referenda!), Describe(two.Referenda!));
        // The map does evolve: mergers, a federation and a secession take effect over the five years.
        var effective = one.Referenda!.Where(r => r.TookEffect).Select(r => r.Kind).ToHashSet();
        Assert.Equal([ProposalKind.Secession, ProposalKind.Merger, ProposalKind.Federation], effective.Order());
        Assert.Equal(one.Structures[0].Fiscal.Select(f => (f.Year, f.Jurisdiction)), two.Structures[0].Fiscal.Select(f => (f.Year, f.Jurisdiction)));
    }

    private static Scenario Sorting(int? rounds)
    {
        var scenario = ScenarioLoader.Load(RepoPaths.File("scenarios/tiebout-sorting.yaml")).Scenario! with { Years = 1 };
        var terms = Terms with { ResortRounds = rounds, NoiseScale = 20, Structures = ["consolidated"] };
        return scenario with { Endogenous = new EndogenousSecession([], terms) { GeneratedAreas = 2 } };
    }

    [Fact]
    public void Re_sorting_before_the_vote_changes_the_votes_and_zero_rounds_changes_nothing()
    {
        // The consolidated city's halves vote on seceding (tiebout-sorting.yaml: agents, 10% reconsider a year). After three
        // rounds of sorting under the split map, households' utilities (and so their votes) differ from the fixed-location
        // ones; with zero rounds the vote is the fixed-location vote to the last digit.
        var fixedVotes = Simulator.Run(Sorting(null), new RunOptions()).Replications[0].Referenda!;
        var zero = Simulator.Run(Sorting(0), new RunOptions()).Replications[0].Referenda!;
        var resorted = Simulator.Run(Sorting(3), new RunOptions()).Replications[0].Referenda!;
        Assert.Equal(2, fixedVotes.Count);
        Assert.Equal(Describe(fixedVotes), Describe(zero));
        Assert.Equal(fixedVotes.Select(r => r.Referendum), resorted.Select(r => r.Referendum));
        for (int k = 0; k < 2; k++)
        {
            Assert.NotEqual(fixedVotes[k].AreaYes, resorted[k].AreaYes);
            Assert.NotEqual(fixedVotes[k].Effects.Single(e => e.Group == "region").Gain, resorted[k].Effects.Single(e => e.Group == "region").Gain);
        }
    }
}
