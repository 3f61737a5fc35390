using MathNet.Numerics.Random;
using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Households;
using PolySim.Core.Randomness;
using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>A held referendum's result, and what a separation that takes effect needs.</summary>
/// <param name="Result">What happened.</param>
/// <param name="City">Index of the city the area leaves (−1 if none).</param>
/// <param name="Basis">Basis amount of the mitigation payment, $.</param>
public sealed record ReferendumOutcome(ReferendumResult Result, int City, double Basis);

/// <summary>
/// Evaluates a secession referendum on a structure's current state (MODEL.md section 7): lays out the structure without the
/// area and with the area as a new city, solves its policies for this year's conditions and the current households,
/// applies the terms of separation (mitigation, viability), and lets every eligible household compare its utility under
/// both with <see cref="Ballot"/>.
/// </summary>
/// <remarks>
/// Each household's gain is the equivalent variation of secession (<see cref="Welfare.Utility.EquivalentVariation"/>),
/// so logit noise and turnout work in dollars. Mitigation is a lump sum that enters both budgets (<see cref="MitigationObligation"/>);
/// with the hold-harmless basis it is measured on the solution without payment and the structure is solved again with it.
/// The area votes, and the rest of the city votes separately so that each resident votes once in the citywide count.
/// A counterfactual referendum takes effect whatever the vote; a proposal the viability check rejects never does.
/// </remarks>
public static class ReferendumEvaluator
{
    private const ulong BallotPurpose = 0x42414C4C4F545321UL; // "BALLOTS!"

    /// <summary>Holds referendum <paramref name="r"/> (index <paramref name="index"/> in the scenario) on state <paramref name="s"/>.</summary>
    public static ReferendumOutcome Hold(StructureState s, Referendum r, int index, YearConditions year, int threads, ulong seed)
    {
        string structure = s.Map.Structure.Id;
        int city = SecessionMap.CityOf(s.Map, r.Neighborhoods);
        if (city < 0)
            return new(Empty(r, year, structure, "", ReferendumStatus.NotApplicable, 0, 0, 0, 0, 0), city, 0);

        var (alt, _, basis) = Solve(s, r, city, year, threads);
        int newCity = alt.J - 1;
        double population = alt.Population[newCity];
        double mitigation = r.Mitigation?.Payment(basis, 0) ?? 0;
        if (r.Viability is { } viability && !viability.Passes(population, alt.Rate[newCity], s.Rate[city]))
            return new(Empty(r, year, structure, s.Map.Jurisdictions[city].Id, ReferendumStatus.NotViable, population, s.Rate[city],
                alt.Rate[newCity], alt.Rate[city], mitigation), city, basis);

        var view = r.ResortRounds is > 0 and var rounds ? Alternative.Resorted(alt, rounds, year, threads, seed, index) : Alternative.AtCurrentLocations(alt);
        var gain = view.Gains(s);
        var rest = s.Map.Jurisdictions[city].Members.Except(r.Neighborhoods).ToList();
        var (area, others) = CountVotes(s, r, gain, index, seed, r.Neighborhoods, rest);
        double areaYes = area.Share;
        double cityVotes = area.Votes + others.Votes;
        double cityYes = cityVotes > 0 ? (area.Yes + others.Yes) / cityVotes : 0;
        bool passed = r.Rule.Passes(areaYes, cityYes);
        var (assets, debts) = r.Separation?.Split(AssessedShare(s, city, r.Neighborhoods, year)) ?? (0, 0);
        var result = new ReferendumResult(r.Id, year.Year, structure, r.Area, s.Map.Jurisdictions[city].Id, ReferendumStatus.Held, r.Rule.Kind,
            areaYes, cityYes, area.TurnoutShare, (area.Eligible + others.Eligible) > 0 ? cityVotes / (area.Eligible + others.Eligible) : 0,
            new VotingRule(VotingRuleKind.SimpleMajority).Passes(areaYes, cityYes), new VotingRule(VotingRuleKind.DoubleMajority).Passes(areaYes, cityYes),
            passed, population, s.Rate[city], alt.Rate[newCity], alt.Rate[city], mitigation, assets, debts, VoteShares(s, area, others),
            Effects(s, view, gain, r.Neighborhoods, rest),
            alt.Spending[newCity], r.AppropriationsLimit <= 0 || alt.Spending[newCity] <= r.AppropriationsLimit, passed || r.Counterfactual);
        return new(result, city, basis);
    }

    /// <summary>
    /// Lays out and solves the structure after secession, with its mitigation obligation if the referendum has terms.
    /// Returns the state, its solver report and the basis amount of the mitigation payment.
    /// </summary>
    public static (StructureState State, SolverReport Report, double Basis) Solve(StructureState s, Referendum r, int city, YearConditions year, int threads)
    {
        var draft = new MapDraft(s);
        draft.Split(r.Neighborhoods, r.NewCity, r.NewCityRule);
        var alt = draft.Build();
        if (r.AppropriationsLimit > 0) alt.Limits.Add(AppropriationsLimit.Start(alt, alt.J - 1, r.AppropriationsLimit, year));   // voters know the limit
        double basis = r.Mitigation?.Basis == MitigationBasis.NetRevenue ? NetRevenue(s, city, r.Neighborhoods, year) : 0;
        var report = DecisionSolver.Solve(alt, year, threads);
        Simulator.ComputeUtilities(alt, threads);
        if (r.Mitigation is { Basis: MitigationBasis.HoldHarmless }) basis = HoldHarmless(s, alt, city);
        if (r.Mitigation is { } terms && basis > 0)
        {
            alt.Obligations.Add(new MitigationObligation(alt.J - 1, city, basis, year.Year, terms));
            report = DecisionSolver.Solve(alt, year, threads);
            Simulator.ComputeUtilities(alt, threads);
        }
        return (alt, report, basis);
    }

    /// <summary>
    /// The net revenue the old city collected in the area over what it spent there: its taxes (and net redistribution) paid
    /// by the area's households and on the area's C/I base, less the area's level-dependent production costs and its
    /// resident share of the city's other costs net of grants.
    /// </summary>
    public static double NetRevenue(StructureState s, int city, IReadOnlyList<int> area, YearConditions year)
    {
        var hh = s.Households;
        int G = s.G;
        double revenue = 0, variable = 0, population = 0;
        foreach (int i in area)
        {
            population += s.NeighborhoodPopulation[i];
            if (s.Finance.Tax == TaxBase.Property) revenue += s.Rate[city] * year.CommercialBase[i] * s.CommercialRatio(city);
            for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
                revenue += hh.Weight[h] * (s.Rate[city] * s.TaxableAmount[h] + (s.Map.Lowest[i] == city ? Redistribution.NetTax(s, h, s.Income[h]) : 0));
            for (int g = 0; g < G; g++)
            {
                if (s.Map.Provider(i, g) != city) continue;
                double gamma = s.Goods[g].Rivalry, pop = s.NeighborhoodPopulation[i];
                variable += s.UnitCost[city * G + g] * (gamma == 1 ? pop : gamma == 0 ? 1 : Math.Pow(pop, gamma)) * s.Local[i * G + g];
            }
        }
        double cityVariable = 0;
        for (int g = 0; g < G; g++) cityVariable += s.VariableSpending[city * G + g];
        double share = s.Population[city] > 0 ? population / s.Population[city] : 0;
        double cost = variable + share * (s.Spending[city] - cityVariable - s.Grants[city]);
        return Math.Max(0, revenue - cost);
    }

    /// <summary>Payment that leaves the remainder's median-income resident as well off as before: its loss per person × the remainder's residents.</summary>
    private static double HoldHarmless(StructureState s, StructureState alt, int city)
    {
        var hh = s.Households;
        var members = alt.Map.Jurisdictions[city].Members
            .SelectMany(i => Enumerable.Range(hh.Start[i], hh.Start[i + 1] - hh.Start[i]))
            .OrderBy(h => s.Income[h] / hh.Persons[h]).ThenBy(h => h).ToList();
        double total = members.Sum(h => hh.Weight[h] * hh.Persons[h]), acc = 0;
        foreach (int h in members)
        {
            acc += hh.Weight[h] * hh.Persons[h];
            if (acc < total / 2) continue;
            double gain = Welfare.Utility.EquivalentVariation(s.Scenario.Utility, hh.PublicShare[h], s.Income[h], s.Consumption[h], s.Utility[h], alt.Utility[h]);
            return Math.Max(0, -gain / hh.Persons[h]) * alt.Population[city];
        }
        return 0;
    }

    /// <summary>Share of the city's assessed value (residential + C/I) in the area.</summary>
    private static double AssessedShare(StructureState s, int city, IReadOnlyList<int> area, YearConditions year)
    {
        double Value(int i) => s.NeighborhoodValue[i] + year.CommercialBase[i];
        double all = s.Map.Jurisdictions[city].Members.Sum(Value);
        return all > 0 ? area.Sum(Value) / all : 0;
    }

    /// <summary>
    /// Counts the votes of two electorates, <paramref name="first"/> then <paramref name="second"/>: expected votes for
    /// weighted types, draws from the ballot stream of <paramref name="index"/> for agents.
    /// </summary>
    internal static (VoteTally First, VoteTally Second) CountVotes(StructureState s, Referendum r, double[] gain, int index, ulong seed,
        IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        Random? rng = s.Scenario.Households.Mode == HouseholdMode.Agents
            ? new Xoshiro256StarStar(SeedDerivation.ToInt32(SeedDerivation.Derive(seed, BallotPurpose, (ulong)index)), threadSafe: false)
            : null;
        var a = Ballot.Count(s, gain, first, r.NoiseScale, r.Turnout, rng);
        return (a, Ballot.Count(s, gain, second, r.NoiseScale, r.Turnout, rng));
    }

    /// <summary>The vote by neighborhood (first electorate marked in the area), then by income quintile of the first electorate.</summary>
    internal static List<VoteShare> VoteShares(StructureState s, VoteTally area, VoteTally others)
    {
        VoteShare Neighborhood((int Neighborhood, double Yes, double Votes, double Eligible, double Gain) n, bool inArea) =>
            new(s.Scenario.Region.Neighborhoods[n.Neighborhood].Id, inArea, n.Votes > 0 ? n.Yes / n.Votes : 0,
                n.Eligible > 0 ? n.Votes / n.Eligible : 0, n.Eligible, n.Gain);
        return area.Neighborhoods.Select(n => Neighborhood(n, true))
            .Concat(others.Neighborhoods.Select(n => Neighborhood(n, false)))
            .Concat(Enumerable.Range(0, 5).Select(q => new VoteShare($"quintile-{q + 1}", true,
                area.QuintileVotes[q] > 0 ? area.QuintileYes[q] / area.QuintileVotes[q] : 0,
                area.QuintileEligible[q] > 0 ? area.QuintileVotes[q] / area.QuintileEligible[q] : 0, area.QuintileEligible[q], area.QuintileGain[q])))
            .ToList();
    }

    /// <summary>Taxes, services and gains of the area, the rest, their low-income households and the region, before and after.</summary>
    internal static List<GroupEffect> Effects(StructureState s, Alternative alt, double[] gain, IReadOnlyList<int> area, IReadOnlyList<int> rest)
    {
        var hh = s.Households;
        var quintile = new int[hh.Count];
        Simulator.IncomeQuintiles(s, quintile);
        var inArea = new bool[s.N];
        foreach (int i in area) inArea[i] = true;
        var inRest = new bool[s.N];
        foreach (int i in rest) inRest[i] = true;
        GroupEffect Of(string name, Func<int, bool> member)
        {
            double n = 0, taxB = 0, taxA = 0, servB = 0, servA = 0, g = 0;
            for (int h = 0; h < hh.Count; h++)
            {
                if (!member(h)) continue;
                double w = hh.Weight[h];
                double mu = Welfare.Utility.MoneyPerUtil(s.Scenario.Utility, hh.PublicShare[h], s.Income[h], s.Housing[h]);
                n += w;
                taxB += w * s.Tax[h];
                taxA += w * alt.Tax[h];
                servB += w * mu * s.ServiceUtility[h];
                servA += w * mu * alt.ServiceUtility[h];
                g += w * gain[h];
            }
            return n > 0 ? new GroupEffect(name, n, taxB / n, taxA / n, servB / n, servA / n, g / n) : new GroupEffect(name, 0, 0, 0, 0, 0, 0);
        }
        bool Area(int h) => inArea[hh.Location[h]];
        bool Remainder(int h) => inRest[hh.Location[h]];
        return
        [
            Of("area", Area),
            Of("remainder", Remainder),
            Of("area_low_income", h => Area(h) && quintile[h] == 0),
            Of("remainder_low_income", h => Remainder(h) && quintile[h] == 0),
            Of("region", _ => true),
        ];
    }

    private static ReferendumResult Empty(Referendum r, YearConditions year, string structure, string city, ReferendumStatus status,
        double population, double oldRate, double newRate, double remainderRate, double mitigation) =>
        new(r.Id, year.Year, structure, r.Area, city, status, r.Rule.Kind, 0, 0, 0, 0, false, false, false, population, oldRate, newRate,
            remainderRate, mitigation, 0, 0, [], []);
}
