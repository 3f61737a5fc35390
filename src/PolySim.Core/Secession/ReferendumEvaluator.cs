using MathNet.Numerics.Random;
using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Households;
using PolySim.Core.Randomness;
using PolySim.Core.Services;
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

        var hh = s.Households;
        var gain = new double[hh.Count];
        for (int h = 0; h < hh.Count; h++)
            gain[h] = Welfare.Utility.EquivalentVariation(s.Scenario.Utility, hh.PublicShare[h], s.Income[h], s.Consumption[h], s.Utility[h], alt.Utility[h]);

        Random? rng = s.Scenario.Households.Mode == HouseholdMode.Agents
            ? new Xoshiro256StarStar(SeedDerivation.ToInt32(SeedDerivation.Derive(seed, BallotPurpose, (ulong)index)))
            : null;
        var rest = s.Map.Jurisdictions[city].Members.Except(r.Neighborhoods).ToList();
        var area = Ballot.Count(s, gain, r.Neighborhoods, r.NoiseScale, r.Turnout, rng);
        var others = Ballot.Count(s, gain, rest, r.NoiseScale, r.Turnout, rng);
        double areaYes = area.Share;
        double cityVotes = area.Votes + others.Votes;
        double cityYes = cityVotes > 0 ? (area.Yes + others.Yes) / cityVotes : 0;
        bool passed = r.Rule.Passes(areaYes, cityYes);

        VoteShare Neighborhood((int Neighborhood, double Yes, double Votes, double Eligible, double Gain) n, bool inArea) =>
            new(s.Scenario.Region.Neighborhoods[n.Neighborhood].Id, inArea, n.Votes > 0 ? n.Yes / n.Votes : 0,
                n.Eligible > 0 ? n.Votes / n.Eligible : 0, n.Eligible, n.Gain);
        var votes = area.Neighborhoods.Select(n => Neighborhood(n, true))
            .Concat(others.Neighborhoods.Select(n => Neighborhood(n, false)))
            .Concat(Enumerable.Range(0, 5).Select(q => new VoteShare($"quintile-{q + 1}", true,
                area.QuintileVotes[q] > 0 ? area.QuintileYes[q] / area.QuintileVotes[q] : 0,
                area.QuintileEligible[q] > 0 ? area.QuintileVotes[q] / area.QuintileEligible[q] : 0, area.QuintileEligible[q], area.QuintileGain[q])))
            .ToList();
        var (assets, debts) = r.Separation?.Split(AssessedShare(s, city, r.Neighborhoods, year)) ?? (0, 0);
        var result = new ReferendumResult(r.Id, year.Year, structure, r.Area, s.Map.Jurisdictions[city].Id, ReferendumStatus.Held, r.Rule.Kind,
            areaYes, cityYes, area.TurnoutShare, (area.Eligible + others.Eligible) > 0 ? cityVotes / (area.Eligible + others.Eligible) : 0,
            new VotingRule(VotingRuleKind.SimpleMajority).Passes(areaYes, cityYes), new VotingRule(VotingRuleKind.DoubleMajority).Passes(areaYes, cityYes),
            passed, population, s.Rate[city], alt.Rate[newCity], alt.Rate[city], mitigation, assets, debts, votes,
            Effects(s, alt, gain, city, r.Neighborhoods),
            alt.Spending[newCity], r.AppropriationsLimit <= 0 || alt.Spending[newCity] <= r.AppropriationsLimit, passed || r.Counterfactual);
        return new(result, city, basis);
    }

    /// <summary>
    /// Lays out and solves the structure after secession, with its mitigation obligation if the referendum has terms.
    /// Returns the state, its solver report and the basis amount of the mitigation payment.
    /// </summary>
    public static (StructureState State, SolverReport Report, double Basis) Solve(StructureState s, Referendum r, int city, YearConditions year, int threads)
    {
        var alt = Layout(s, [r]);
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
    /// The structure after every separation that took effect at one election (several areas may leave at once): the areas
    /// split off in order, each from the city that then contains it, with the mitigation bases measured when each vote was
    /// evaluated against the same status quo. Solved for the year, utilities computed.
    /// </summary>
    public static (StructureState State, SolverReport Report) Separate(StructureState s, IReadOnlyList<(Referendum Referendum, int City, double Basis)> separations,
        YearConditions year, int threads)
    {
        var alt = Layout(s, separations.Select(x => x.Referendum).ToList());
        for (int k = 0; k < separations.Count; k++)
            if (separations[k].Referendum.Mitigation is { } terms && separations[k].Basis > 0)
                alt.Obligations.Add(new MitigationObligation(s.J + k, separations[k].City, separations[k].Basis, year.Year, terms));
        var report = DecisionSolver.Solve(alt, year, threads);
        Simulator.ComputeUtilities(alt, threads);
        return (alt, report);
    }

    /// <summary>
    /// The state with each referendum's area split off in turn (new cities appended in order), starting from the status
    /// quo's levels: jurisdictions keep their indices and each new city starts at the levels of the city it leaves.
    /// </summary>
    private static StructureState Layout(StructureState s, IReadOnlyList<Referendum> referenda)
    {
        var map = s.Map;
        var from = new List<int>();
        foreach (var r in referenda)
        {
            int city = SecessionMap.CityOf(map, r.Neighborhoods);
            if (city < 0) throw new InvalidOperationException($"Referendum '{r.Id}': no city contains the area once the others have left.");
            from.Add(city);
            map = SecessionMap.Split(map, s.Scenario.Region, s.NeighborhoodPopulation, city, r.Neighborhoods, r.NewCity, r.NewCityRule);
        }
        var alt = new StructureState(s.Scenario, map, s.Households, s.GoodKernels, s.BadKernels);
        ServiceDelivery.Prepare(alt);
        int G = s.G;
        Array.Copy(s.Level, alt.Level, s.Level.Length);
        for (int k = 0; k < from.Count; k++)
            Array.Copy(alt.Level, from[k] * G, alt.Level, (s.J + k) * G, G);
        Array.Copy(s.LocalOffset, alt.LocalOffset, s.LocalOffset.Length);
        alt.Obligations.AddRange(s.Obligations);
        return alt;
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

    private static List<GroupEffect> Effects(StructureState s, StructureState alt, double[] gain, int city, IReadOnlyList<int> area)
    {
        var hh = s.Households;
        var quintile = new int[hh.Count];
        Simulator.IncomeQuintiles(s, quintile);
        var inArea = new bool[s.N];
        foreach (int i in area) inArea[i] = true;
        var inCity = new bool[s.N];
        foreach (int i in s.Map.Jurisdictions[city].Members) inCity[i] = true;
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
        bool Remainder(int h) => inCity[hh.Location[h]] && !inArea[hh.Location[h]];
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
