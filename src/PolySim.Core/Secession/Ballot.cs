using PolySim.Core.Simulation;

namespace PolySim.Core.Secession;

/// <summary>The count of one electorate: resident-weighted votes and yes votes, by neighborhood and by income quintile.</summary>
/// <param name="Yes">Yes votes (residents).</param>
/// <param name="Votes">Votes cast (residents).</param>
/// <param name="Eligible">Eligible residents.</param>
/// <param name="Neighborhoods">Per neighborhood index: (neighborhood, yes, votes, eligible, mean gain per household).</param>
/// <param name="QuintileYes">Yes votes by income quintile of the electorate (0 = poorest).</param>
/// <param name="QuintileVotes">Votes cast by income quintile.</param>
/// <param name="QuintileEligible">Eligible residents by income quintile.</param>
/// <param name="QuintileGain">Mean gain per household by income quintile.</param>
public sealed record VoteTally(double Yes, double Votes, double Eligible,
    IReadOnlyList<(int Neighborhood, double Yes, double Votes, double Eligible, double Gain)> Neighborhoods,
    double[] QuintileYes, double[] QuintileVotes, double[] QuintileEligible, double[] QuintileGain)
{
    /// <summary>Yes share of the votes cast (0 when nobody votes).</summary>
    public double Share => Votes > 0 ? Yes / Votes : 0;

    /// <summary>Votes cast over eligible residents.</summary>
    public double TurnoutShare => Eligible > 0 ? Votes / Eligible : 0;
}

/// <summary>
/// Casting and counting votes (MODEL.md section 7). Household h, with money gain Δ_h from secession, votes yes with
/// probability 1/(1 + exp(−Δ_h/σ)) (binary logit; σ = 0: yes iff Δ_h exceeds the tie tolerance, an indifferent voter votes
/// No as in benchmarks.md section 0) and turns out with <see cref="Turnout.Probability"/>. A weighted type contributes its
/// expected votes; an agent (weight 1 in agent mode) draws both from a stream seeded by (replication seed, referendum),
/// consumed in household order, so counts do not depend on threads. Every resident of a household casts its vote.
/// </summary>
public static class Ballot
{
    /// <summary>Counts the votes of the households living in <paramref name="neighborhoods"/>.</summary>
    /// <param name="s">The status-quo state (households, incomes).</param>
    /// <param name="gain">Money gain from secession per household.</param>
    /// <param name="neighborhoods">The electorate's neighborhoods.</param>
    /// <param name="noiseScale">σ, $.</param>
    /// <param name="turnout">Turnout rule.</param>
    /// <param name="rng">Random stream for agents, or null to count expected votes.</param>
    public static VoteTally Count(StructureState s, double[] gain, IReadOnlyList<int> neighborhoods, double noiseScale, Turnout turnout, Random? rng)
    {
        var hh = s.Households;
        var members = neighborhoods.Order().SelectMany(i => Enumerable.Range(hh.Start[i], hh.Start[i + 1] - hh.Start[i])).ToArray();
        double income = 0, residents = 0;
        foreach (int h in members) { income += hh.Weight[h] * s.Income[h]; residents += hh.Weight[h] * hh.Persons[h]; }
        double mean = residents > 0 ? income / residents : 0;
        var quintile = Quintiles(s, members);
        double yes = 0, votes = 0;
        var qYes = new double[5];
        var qVotes = new double[5];
        var qGain = new double[5];
        var qEligible = new double[5];
        var qHouseholds = new double[5];
        var byNeighborhood = new List<(int, double, double, double, double)>();
        int k = 0;
        foreach (int i in neighborhoods.Order())
        {
            double nYes = 0, nVotes = 0, nEligible = 0, nGain = 0, nHouseholds = 0;
            for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++, k++)
            {
                double people = hh.Weight[h] * hh.Persons[h];
                double pTurnout = turnout.Probability(s.Income[h] / hh.Persons[h], mean, gain[h]);
                double pYes = YesProbability(gain[h], noiseScale, s.Income[h]);
                double cast, inFavor;
                if (rng is null) { cast = people * pTurnout; inFavor = cast * pYes; }
                else
                {
                    // Draw both in a fixed order whatever the outcome, so every agent consumes two numbers.
                    double u1 = rng.NextDouble(), u2 = rng.NextDouble();
                    cast = u1 < pTurnout ? people : 0;
                    inFavor = u2 < pYes ? cast : 0;
                }
                nYes += inFavor;
                nVotes += cast;
                nEligible += people;
                qYes[quintile[k]] += inFavor;
                qVotes[quintile[k]] += cast;
                qGain[quintile[k]] += hh.Weight[h] * gain[h];
                qEligible[quintile[k]] += people;
                qHouseholds[quintile[k]] += hh.Weight[h];
                nGain += hh.Weight[h] * gain[h];
                nHouseholds += hh.Weight[h];
            }
            byNeighborhood.Add((i, nYes, nVotes, nEligible, nHouseholds > 0 ? nGain / nHouseholds : 0));
            yes += nYes;
            votes += nVotes;
        }
        for (int q = 0; q < 5; q++) qGain[q] = qHouseholds[q] > 0 ? qGain[q] / qHouseholds[q] : 0;
        return new VoteTally(yes, votes, residents, byNeighborhood, qYes, qVotes, qEligible, qGain);
    }

    /// <summary>Probability of a yes vote for a household with money gain <paramref name="gain"/>.</summary>
    public static double YesProbability(double gain, double noiseScale, double income)
    {
        if (noiseScale > 0) return 1 / (1 + Math.Exp(-gain / noiseScale));
        return gain > Tie(income) ? 1 : 0;
    }

    /// <summary>Gains smaller than this count as indifference (relative 1e-9 of income, at least 1e-9).</summary>
    public static double Tie(double income) => 1e-9 * Math.Max(1, Math.Abs(income));

    /// <summary>Income quintile (0–4) of each listed household within the list, by resident-weighted rank of income per person.</summary>
    private static int[] Quintiles(StructureState s, int[] members)
    {
        var hh = s.Households;
        var order = Enumerable.Range(0, members.Length).OrderBy(k => s.Income[members[k]] / hh.Persons[members[k]]).ThenBy(k => k).ToArray();
        double total = members.Sum(h => hh.Weight[h] * hh.Persons[h]), acc = 0;
        var quintile = new int[members.Length];
        foreach (int k in order)
        {
            double w = hh.Weight[members[k]] * hh.Persons[members[k]];
            quintile[k] = total > 0 ? Math.Min(4, (int)(5 * (acc + w / 2) / total)) : 0;
            acc += w;
        }
        return quintile;
    }
}
