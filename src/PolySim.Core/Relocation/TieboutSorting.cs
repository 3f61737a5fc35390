using System.Runtime.Intrinsics;
using PolySim.Core.Households;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;

namespace PolySim.Core.Relocation;

/// <summary>
/// Tiebout's "voting with the feet" (MODEL.md section 8) for one structure: a share of households reconsider where to
/// live, choose a neighborhood by multinomial logit over the utility they would have there net of moving cost, and
/// move if a dwelling is vacant; prices then adjust to the excess demand.
/// </summary>
/// <remarks>
/// Choice (McFadden 1974): P(h → i) = exp(V_hi/μ) / Σ_k exp(V_hk/μ), V_hi = U_hi − [i ≠ l_h]·m_h/μ_h, with μ_h the
/// household's money per util, so the moving cost m_h ($) is weighed against utility at the household's marginal
/// utility of money; μ = 0 is best response (ties stay).
/// Agents draw one uniform per decision from a counter-based hash of (seed, year, round, household), so the result
/// does not depend on threads. Weighted types move their reconsidering mass in proportion to the probabilities.
/// Rationing: reconsidering households vacate their dwellings, so that households can trade places even when every
/// dwelling is taken; those who chose to stay keep theirs. Movers are then placed in random priority order (agents,
/// serial dictatorship) or pro rata (types): in their choice while it has vacant dwellings, otherwise by the same rule
/// among the neighborhoods that still have some. Everyone finds a dwelling because each mover freed one.
/// </remarks>
public sealed class TieboutSorting
{
    private const int MaxRationingRounds = 64;
    private readonly StructureState _s;
    private readonly SortingSettings _settings;
    private readonly ulong _seed;
    private readonly LocationTerms _terms;
    private readonly HousingMarket _market;
    private readonly int[] _choice, _permutation;
    private readonly bool[] _sorted;
    private readonly double[]? _pending, _values;
    private readonly double[] _vacancy, _demand;

    /// <summary>Prepares sorting for a structure's households.</summary>
    public TieboutSorting(StructureState state, SortingSettings settings, ulong seed)
    {
        _s = state;
        _settings = settings;
        _seed = seed;
        _terms = new LocationTerms(state);
        _market = new HousingMarket(state, settings.PriceResponse);
        var hh = state.Households;
        _choice = new int[hh.Count];
        _vacancy = new double[state.N];
        _demand = new double[state.N];
        if (state.Scenario.Households.Mode == HouseholdMode.Agents)
        {
            _permutation = new int[hh.Count];
            _sorted = new bool[hh.Count];
        }
        else
        {
            _permutation = [];
            _sorted = [];
            _pending = new double[(long)hh.Count * state.N];
            _values = new double[(long)hh.Count * state.N];
        }
    }

    /// <summary>One relocation round after the year's policies and utilities are known.</summary>
    /// <param name="everyone">Let every household reconsider (the check that nobody wants to move).</param>
    public RelocationReport Relocate(YearConditions year, int round, int threads, bool everyone = false)
    {
        var s = _s;
        _terms.Update();
        var random = new ChoiceRandom(_seed, year.Index, round);
        var flows = new double[s.J * s.J];
        double share = everyone ? 1 : _settings.ReconsiderShare;
        var before = _pending is null ? (double[])s.NeighborhoodHouseholds.Clone() : (double[])s.Households.Weight.Clone();
        var report = _pending is null ? RelocateAgents(random, threads, flows, share) : RelocateTypes(threads, flows, share);
        double meanIncome = 0, households = 0;
        for (int h = 0; h < s.Households.Count; h++) { meanIncome += s.Households.Weight[h] * s.Income[h]; households += s.Households.Weight[h]; }
        double excess = _market.Adjust(_demand, households > 0 ? meanIncome / households : 0);
        s.RefreshPopulation();
        var after = _pending is null ? s.NeighborhoodHouseholds : s.Households.Weight;
        double net = 0;
        for (int k = 0; k < before.Length; k++) net += Math.Abs(after[k] - before[k]);
        return report with { ExcessDemand = excess, NetChange = net / 2 };
    }

    /// <summary>Cost of moving in utils for household h (moving cost over money per util).</summary>
    private double MovingCostUtils(int h)
    {
        var s = _s;
        double m = s.Households.MovingCost[h];
        return m == 0 ? 0 : m / Utility.MoneyPerUtil(s.Scenario.Utility, s.Households.PublicShare[h], s.Income[h], s.Housing[h]);
    }

    /// <summary>Fills <paramref name="v"/> with V_hi for every neighborhood (−∞ where there are no dwellings); returns the max.</summary>
    private double Values(int h, Span<double> scratch, Span<double> v) =>
        _terms.Values(h, _s.Households.Location[h], MovingCostUtils(h), v, scratch);

    private RelocationReport RelocateAgents(ChoiceRandom random, int threads, double[] flows, double share)
    {
        var s = _s;
        var hh = s.Households;
        double mu = _settings.NoiseScale;
        Parallel.For(0, s.N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads },
            () => (theta: new double[_terms.ScratchLength], v: new double[s.N]),
            (i, _, buffers) =>
            {
                for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
                {
                    _choice[h] = -1;
                    if (random.Uniform(hh.Id[h], ChoiceRandom.Reconsider) >= share) continue;
                    _choice[h] = Choose(i, Values(h, buffers.theta, buffers.v), buffers.v, mu, random.Uniform(hh.Id[h], ChoiceRandom.Choice));
                }
                return buffers;
            }, _ => { });

        // Reconsidering households vacate their dwellings; those who chose to stay take theirs back; the others are
        // placed one by one in random priority order (serial dictatorship), each in its choice if a dwelling is
        // vacant there, else back home if its dwelling is still free, else in its best (or logit-drawn) neighborhood
        // among those with a vacancy.
        for (int i = 0; i < s.N; i++) { _demand[i] = s.NeighborhoodHouseholds[i]; _vacancy[i] = _market.Dwellings(i) - s.NeighborhoodHouseholds[i]; }
        var movers = new List<(ulong Priority, int H)>();
        double reconsidered = 0;
        for (int h = 0; h < hh.Count; h++)
        {
            int d = _choice[h], l = hh.Location[h];
            if (d < 0) continue;
            reconsidered++;
            if (d == l) continue;
            _demand[l]--; _demand[d]++; _vacancy[l]++;
            movers.Add((random.Bits(hh.Id[h], ChoiceRandom.Priority), h));
        }
        movers.Sort();
        double moved = 0, rationed = 0;
        var theta = new double[_terms.ScratchLength];
        var v = new double[s.N];
        foreach (var (_, h) in movers)
        {
            int l = hh.Location[h], d = _choice[h];
            if (_vacancy[d] < 1) rationed++;
            // Turned away, a household keeps its own dwelling if nobody has taken it (the common case, and O(1)); only
            // when it is gone does it choose again among the neighborhoods with vacancies.
            if (_vacancy[d] < 1 && _vacancy[l] >= 1) d = l;
            else if (_vacancy[d] < 1)
            {
                double best = double.NegativeInfinity;
                Values(h, theta, v);
                for (int i = 0; i < s.N; i++) { if (_vacancy[i] < 1) v[i] = double.NegativeInfinity; best = Math.Max(best, v[i]); }
                d = Choose(l, best, v, mu, random.Uniform(hh.Id[h], ChoiceRandom.Rechoice));
            }
            _vacancy[d]--;
            if (d == l) continue;
            flows[s.Map.Lowest[l] * s.J + s.Map.Lowest[d]]++;
            hh.Location[h] = d;
            moved++;
        }
        if (moved > 0) hh.SortByLocation(_permutation, _sorted);
        return new RelocationReport(reconsidered, movers.Count, moved, rationed, 0, 0, flows);
    }

    private RelocationReport RelocateTypes(int threads, double[] flows, double share)
    {
        var s = _s;
        var hh = s.Households;
        int N = s.N;
        double mu = _settings.NoiseScale;
        var pending = _pending!;
        var values = _values!;
        Array.Clear(pending);   // mass still pending when placement ends has simply stayed home
        Parallel.For(0, N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads },
            () => (theta: new double[_terms.ScratchLength], v: new double[N]),
            (i, _, buffers) =>
            {
                for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
                {
                    var row = values.AsSpan((int)((long)h * N), N);
                    if (share * hh.Weight[h] <= 0) { row.Fill(double.NegativeInfinity); continue; }
                    Values(h, buffers.theta, row);
                }
                return buffers;
            }, _ => { });

        // Reconsidering mass vacates its dwellings, takes back what chose to stay, and applies pro rata; mass turned
        // away from a full neighborhood re-chooses among those still vacant (each round fills at least one).
        double reconsidered = 0, applied = 0;
        for (int i = 0; i < N; i++) { _demand[i] = s.NeighborhoodHouseholds[i]; _vacancy[i] = _market.Dwellings(i) - s.NeighborhoodHouseholds[i]; }
        var open = new bool[N];
        Array.Fill(open, true);
        var active = new List<int>();   // entries with mass still to place, in entry order (so sums keep their order)
        for (int h = 0; h < hh.Count; h++)
        {
            double mass = share * hh.Weight[h];
            if (mass <= 0) continue;
            int l = hh.Location[h];
            reconsidered += mass;
            active.Add(h);
            Spread(values.AsSpan((int)((long)h * N), N), pending.AsSpan((int)((long)h * N), N), open, mass, mu, l);
            for (int d = 0; d < N; d++)
            {
                double m = pending[(long)h * N + d];
                if (d == l || m == 0) continue;
                _demand[l] -= m; _demand[d] += m; _vacancy[l] += m; applied += m;
            }
            pending[(long)h * N + l] = 0;   // the mass that chose to stay keeps its dwellings
        }

        double moved = 0, rationed = 0;
        var applying = new double[N];
        var admit = new double[N];
        for (int round = 0; round <= N && active.Count > 0; round++)
        {
            Array.Clear(applying);
            foreach (int h in active)
                for (int d = 0; d < N; d++) applying[d] += pending[(long)h * N + d];
            bool any = false;
            for (int d = 0; d < N; d++)
            {
                admit[d] = applying[d] > 0 ? Math.Clamp(_vacancy[d] / applying[d], 0, 1) : 0;
                any |= applying[d] > 0;
            }
            if (!any) break;
            for (int d = 0; d < N; d++) if (applying[d] > 0 && admit[d] < 1) open[d] = false;
            var stillActive = new List<int>();
            foreach (int h in active)
            {
                int l = hh.Location[h], offset = h - hh.Start[l];
                double turnedAway = 0;
                for (int d = 0; d < N; d++)
                {
                    long k = (long)h * N + d;
                    double m = pending[k];
                    if (m <= 0) continue;
                    double placed = m * admit[d];
                    pending[k] = 0;
                    turnedAway += m - placed;
                    _vacancy[d] -= placed;
                    if (d == l) continue;
                    hh.Weight[h] -= placed;
                    hh.Weight[hh.Start[d] + offset] += placed;   // the same type's entry in d (every type lives everywhere)
                    flows[s.Map.Lowest[l] * s.J + s.Map.Lowest[d]] += placed;
                    moved += placed;
                }
                if (turnedAway <= 0) continue;
                rationed += turnedAway;
                Spread(values.AsSpan((int)((long)h * N), N), pending.AsSpan((int)((long)h * N), N), open, turnedAway, mu, l);
                stillActive.Add(h);
            }
            active = stillActive;
        }
        return new RelocationReport(reconsidered, applied, moved, rationed, 0, 0, flows);
    }

    /// <summary>Adds <paramref name="mass"/> to <paramref name="target"/> in proportion to the logit probabilities over open
    /// neighborhoods (all of it on the best one when μ = 0, ties to <paramref name="current"/>).</summary>
    private static void Spread(ReadOnlySpan<double> values, Span<double> target, bool[] open, double mass, double mu, int current)
    {
        double best = double.NegativeInfinity;
        int arg = -1;
        for (int i = 0; i < values.Length; i++)
            if (open[i] && (values[i] > best || (values[i] == best && i == current))) { best = values[i]; arg = i; }
        if (arg < 0) { target[current] += mass; return; }
        if (mu == 0) { target[arg] += mass; return; }
        double sum = 0;
        for (int i = 0; i < values.Length; i++) if (open[i]) sum += LogitWeight.Exp((values[i] - best) / mu);
        for (int i = 0; i < values.Length; i++) if (open[i]) target[i] += mass * LogitWeight.Exp((values[i] - best) / mu) / sum;
    }

    /// <summary>Best response (μ = 0, ties stay at <paramref name="current"/>) or a logit draw from uniform u.</summary>
    /// <remarks>
    /// The draw inverts the cumulative weights: the weights exp((v_i − v_max)/μ) are summed in blocks of sixteen (four-lane
    /// vectors, then across lanes), the blocks in order, and the scan walks the same partial sums, so it always reaches
    /// u·Σ and the result does not depend on the machine's vector width.
    /// </remarks>
    internal static int Choose(int current, double best, Span<double> v, double mu, double u)
    {
        if (mu == 0)
        {
            if (v[current] >= best) return current;
            for (int i = 0; i < v.Length; i++) if (v[i] == best) return i;
            return current;
        }
        const int block = 16;
        int n = v.Length, blocks = (n + block - 1) / block, width = Vector256<double>.Count;
        Span<double> blockSum = blocks <= 256 ? stackalloc double[blocks] : new double[blocks];
        var vBest = Vector256.Create(best);
        var vScale = Vector256.Create(1 / mu);
        double sum = 0;
        for (int b = 0; b < blocks; b++)
        {
            int start = b * block, end = Math.Min(n, start + block);
            double total = 0;
            if (end - start == block)
            {
                var acc = Vector256<double>.Zero;
                for (int i = start; i < end; i += width)
                {
                    var w = LogitWeight.Exp((Vector256.Create<double>(v[i..]) - vBest) * vScale);
                    w.CopyTo(v[i..]);
                    acc += w;
                }
                total = (acc[0] + acc[1]) + (acc[2] + acc[3]);
            }
            else
                for (int i = start; i < end; i++) { v[i] = LogitWeight.Exp((v[i] - best) * (1 / mu)); total += v[i]; }
            blockSum[b] = total;
            sum += total;
        }
        double target = u * sum, reached = 0;
        for (int b = 0; b < blocks; b++)
        {
            if (reached + blockSum[b] < target || blockSum[b] == 0) { reached += blockSum[b]; continue; }
            int start = b * block, end = Math.Min(n, start + block), last = -1;
            for (int i = start; i < end; i++)
            {
                if (v[i] <= 0) continue;
                reached += v[i];
                last = i;
                if (reached >= target) return i;
            }
            return last;   // rounding inside the block: the target lies in it, so its last weighted neighborhood
        }
        return current;
    }
}
