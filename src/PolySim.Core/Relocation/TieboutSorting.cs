using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// With migration (<see cref="MigrationSettings"/>) "outside" is one more alternative, index N: residents may leave (paying the
/// moving cost) and households in the outside pool may move in (paying it) or stay out (<see cref="OutsideOption"/>);
/// leaving frees a dwelling, and an entrant turned away stays outside. New households form in the pool each year, and
/// dwellings grow at the scenario's rate.
/// </remarks>
public sealed class TieboutSorting
{
    private const ulong BirthPurpose = 5;
    private readonly StructureState _s;
    private readonly SortingSettings _settings;
    private readonly MigrationSettings? _migration;
    private readonly ulong _seed, _commonSeed;
    private readonly LocationTerms _terms;
    private readonly HousingMarket _market;
    private readonly int[] _choice;
    private readonly Households.Households.SortScratch? _sortScratch;
    private readonly double[]? _pending, _values, _poolMass, _classValues;
    private readonly double[] _vacancy, _demand;
    private readonly int _classes;
    private readonly bool _types;
    private OutsideOption? _outside;
    private RechoiceAhead? _ahead;

    /// <summary>Prepares sorting for a structure's households.</summary>
    /// <param name="commonSeed">Seed of what must be the same in every structure (which agents form each year).</param>
    public TieboutSorting(StructureState state, SortingSettings settings, ulong seed, ulong commonSeed = 0)
    {
        _s = state;
        _settings = settings;
        _migration = settings.Migration;
        _seed = seed;
        _commonSeed = commonSeed;
        _terms = new LocationTerms(state);
        _market = new HousingMarket(state, settings.PriceResponse);
        var hh = state.Households;
        _choice = new int[hh.Count];
        _vacancy = new double[state.N];
        _demand = new double[state.N];
        int columns = Columns;
        _types = state.Scenario.Households.Mode != HouseholdMode.Agents;
        if (!_types)
        {
            _sortScratch = hh.CreateSortScratch();
        }
        else
        {
            // Every type lives in every neighborhood (entry Start[i] + c for class c); the outside pool is a mass per class.
            _classes = state.N > 0 ? hh.Start[1] - hh.Start[0] : 0;
            int rows = hh.Count + (_migration is null ? 0 : _classes);
            _classValues = new double[_classes * columns];
            if (settings.NoiseScale == 0)
            {
                _pending = new double[(long)rows * columns];
                _values = new double[(long)rows * columns];
            }
            if (_migration is not null)
            {
                _poolMass = new double[_classes];
                for (int c = 0; c < _classes; c++)
                    for (int i = 0; i < state.N; i++) _poolMass[c] += _migration.OutsidePool * hh.Weight[hh.Start[i] + c];
            }
        }
    }

    /// <summary>Alternatives: the neighborhoods, and outside (index N) with migration.</summary>
    private int Columns => _s.N + (_migration is null ? 0 : 1);

    /// <summary>Households outside the region, in the pool that may move in.</summary>
    public double OutsideHouseholds
    {
        get
        {
            if (_poolMass is not null) return _poolMass.Sum();
            var hh = _s.Households;
            double n = 0;
            for (int h = 0; h < hh.Count; h++) if (hh.Outside[h]) n++;
            return n;
        }
    }

    /// <summary>Sorting on the state that replaces this structure's after a secession: the same households, seeds, outside
    /// world and outside pool.</summary>
    public TieboutSorting ContinueOn(StructureState after)
    {
        var next = new TieboutSorting(after, _settings, _seed, _commonSeed) { _outside = _outside };
        _poolMass?.CopyTo(next._poolMass!, 0);
        return next;
    }

    /// <summary>Sets the world outside the region (measured once on the baseline structure).</summary>
    public void SetOutside(OutsideOption outside) => _outside = outside;

    /// <summary>Gives agents outside the region their utility and consumption there (so that a household's equivalent variation
    /// between a structure where it lives in the region and one where it lives outside compares the two lives).</summary>
    public void AssignOutsideUtilities()
    {
        if (_outside is null || _poolMass is not null) return;
        var s = _s;
        var hh = s.Households;
        for (int h = 0; h < hh.Count; h++)
            if (hh.Outside[h]) { s.Utility[h] = _outside.Utility(s, h); s.Consumption[h] = _outside.Consumption(s, h); }
    }

    /// <summary>One relocation round after the year's policies and utilities are known.</summary>
    /// <param name="everyone">Let every household reconsider (the check that nobody wants to move).</param>
    public RelocationReport Relocate(YearConditions year, int round, int threads, bool everyone = false)
    {
        var s = _s;
        if (_migration is not null && _outside is null) throw new InvalidOperationException("Migration needs the world outside: call SetOutside before the first relocation.");
        _terms.Update();
        if (_migration is not null) _market.Growth = Math.Pow(1 + _migration.DwellingGrowth, year.Index + 1);
        double born = round == 0 && _migration is { PopulationGrowth: > 0 } ? FormHouseholds(year) : 0;
        var random = new ChoiceRandom(_seed, year.Index, round);
        var flows = new double[(s.J + 1) * (s.J + 1)];
        double share = everyone ? 1 : _settings.ReconsiderShare;
        var before = !_types ? (double[])s.NeighborhoodHouseholds.Clone() : (double[])s.Households.Weight.Clone();
        var report = !_types ? RelocateAgents(random, threads, flows, share)
            : _settings.NoiseScale > 0 ? RelocateTypesLogit(threads, flows, share) : RelocateTypes(threads, flows, share);
        double meanIncome = 0, households = 0;
        for (int h = 0; h < s.Households.Count; h++) { meanIncome += s.Households.Weight[h] * s.Income[h]; households += s.Households.Weight[h]; }
        double excess = _market.Adjust(_demand, households > 0 ? meanIncome / households : 0);
        s.RefreshPopulation();
        var after = !_types ? s.NeighborhoodHouseholds : s.Households.Weight;
        double net = 0;
        for (int k = 0; k < before.Length; k++) net += Math.Abs(after[k] - before[k]);
        return report with { ExcessDemand = excess, NetChange = net / 2, Born = born };
    }

    /// <summary>
    /// New households join the outside pool: g·(residents + pool) a year. Agents: each agent yet to form does so with
    /// probability g·(residents + pool)/(agents yet to form), drawn from its identity with a seed common to all structures,
    /// so the same households form in every structure. Types: each class's pool grows by g times the class's mass.
    /// </summary>
    private double FormHouseholds(YearConditions year)
    {
        var hh = _s.Households;
        double g = _migration!.PopulationGrowth;
        if (_poolMass is not null)
        {
            double added = 0;
            for (int c = 0; c < _classes; c++)
            {
                double mass = _poolMass[c];
                for (int i = 0; i < _s.N; i++) mass += hh.Weight[hh.Start[i] + c];
                _poolMass[c] += g * mass;
                added += g * mass;
            }
            return added;
        }
        double present = 0, unborn = 0;
        for (int h = 0; h < hh.Count; h++)
        {
            if (hh.Weight[h] > 0 || hh.Outside[h]) present++;
            else unborn++;
        }
        if (unborn == 0) return 0;
        double p = Math.Min(1, g * present / unborn), formed = 0;
        var random = new ChoiceRandom(_commonSeed, year.Index, 0);
        for (int h = 0; h < hh.Count; h++)
            if (hh.Weight[h] == 0 && !hh.Outside[h] && random.Uniform(hh.Id[h], BirthPurpose) < p) { hh.Outside[h] = true; formed++; }
        return formed;
    }

    /// <summary>Cost of moving in utils for household h (moving cost over money per util).</summary>
    private double MovingCostUtils(int h)
    {
        var s = _s;
        double m = s.Households.MovingCost[h];
        return m == 0 ? 0 : m / Utility.MoneyPerUtil(s.Scenario.Utility, s.Households.PublicShare[h], s.Income[h], s.Housing[h]);
    }

    /// <summary>
    /// Fills <paramref name="v"/> (<see cref="Stride"/> entries) with household h's value of every alternative relative to a
    /// reference of its own, without the moving cost (−∞ where there are no dwellings and past the alternatives), for h living at
    /// <paramref name="home"/> (N = outside); returns the largest value net of the moving cost (<paramref name="cost"/>, utils),
    /// charged everywhere but home.
    /// </summary>
    private float Values(int h, int home, LocationTerms.Workspace work, Span<float> v, out float cost)
    {
        cost = (float)MovingCostUtils(h);
        float best = _terms.Values(h, home < _s.N ? home : -1, cost, v, work, out double reference);
        return Outside(h, home, cost, reference, best, v);
    }

    /// <summary>The entries past the neighborhoods: outside (index N, with migration, relative to the household's
    /// <paramref name="reference"/>), −∞ after it; returns the largest value net of the moving cost with outside included.</summary>
    private float Outside(int h, int home, float cost, double reference, float best, Span<float> v)
    {
        int N = _s.N;
        v[N..].Fill(float.NegativeInfinity);
        if (_outside is null) return best;
        v[N] = (float)(_outside.Utility(_s, h) - reference);
        return Math.Max(best, home < N ? v[N] - cost : v[N]);
    }

    /// <summary>Entries of a row of agent values: the alternatives, rounded up to the kernel's <see cref="LocationTerms.Lanes"/>.</summary>
    private int Stride => (Columns + LocationTerms.Lanes - 1) / LocationTerms.Lanes * LocationTerms.Lanes;

    /// <summary>One worker's buffers for <see cref="RelocateAgents"/>: a batch of households and their values.</summary>
    private sealed class AgentBuffers(LocationTerms terms, int stride)
    {
        public readonly int[] Households = new int[LocationTerms.Batch], Homes = new int[LocationTerms.Batch];
        public readonly float[] Costs = new float[LocationTerms.Batch], Best = new float[LocationTerms.Batch];
        public readonly double[] Reference = new double[LocationTerms.Batch];
        public readonly float[] Values = new float[LocationTerms.Batch * stride];
        public readonly LocationTerms.Workspace Work = terms.CreateWorkspace();
    }

    /// <summary><see cref="Values"/> and the draw for the batch of households in <paramref name="buffers"/>, with one pass of
    /// <see cref="LocationTerms"/> for all of them.</summary>
    private void ChooseBatch(AgentBuffers buffers, ChoiceRandom random, double mu)
    {
        int N = _s.N, stride = Stride;
        var homes = buffers.Homes;
        Span<int> inside = stackalloc int[LocationTerms.Batch];
        for (int b = 0; b < LocationTerms.Batch; b++)
        {
            buffers.Costs[b] = (float)MovingCostUtils(buffers.Households[b]);
            inside[b] = homes[b] < N ? homes[b] : -1;
        }
        _terms.Values(buffers.Households, inside, buffers.Costs, buffers.Values, stride, buffers.Best, buffers.Reference, buffers.Work);
        for (int b = 0; b < LocationTerms.Batch; b++)
        {
            int h = buffers.Households[b];
            var v = buffers.Values.AsSpan(b * stride, stride);
            float best = Outside(h, homes[b], buffers.Costs[b], buffers.Reference[b], buffers.Best[b], v);
            _choice[h] = Choose(homes[b], buffers.Costs[b], best, v, mu, random.Uniform(_s.Households.Id[h], ChoiceRandom.Choice));
        }
    }

    private RelocationReport RelocateAgents(ChoiceRandom random, int threads, double[] flows, double share)
    {
        var s = _s;
        var hh = s.Households;
        int N = s.N, J = s.J, columns = Columns;
        double mu = _settings.NoiseScale;
        const int B = LocationTerms.Batch;
        Parallel.For(0, N, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads },
            () => new AgentBuffers(_terms, Stride),
            (i, _, buffers) =>
            {
                // Reconsidering households are evaluated B at a time (one pass over the neighborhoods for all of them),
                // the last few of the neighborhood one by one; each household's values and draw are the same either way.
                int pending = 0;
                for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
                {
                    _choice[h] = -1;
                    bool outside = hh.Outside[h];
                    if ((hh.Weight[h] == 0 && (!outside || _migration is null)) || random.Uniform(hh.Id[h], ChoiceRandom.Reconsider) >= share) continue;
                    buffers.Households[pending] = h;
                    buffers.Homes[pending] = outside ? N : i;
                    if (++pending < B) continue;
                    ChooseBatch(buffers, random, mu);
                    pending = 0;
                }
                for (int k = 0; k < pending; k++)
                {
                    int h = buffers.Households[k], home = buffers.Homes[k];
                    var v = buffers.Values.AsSpan(0, Stride);
                    float best = Values(h, home, buffers.Work, v, out float cost);
                    _choice[h] = Choose(home, cost, best, v, mu, random.Uniform(hh.Id[h], ChoiceRandom.Choice));
                }
                return buffers;
            }, _ => { });

        // Reconsidering households vacate their dwellings; those who chose to stay take theirs back; the others are
        // placed one by one in random priority order (serial dictatorship), each in its choice if a dwelling is
        // vacant there (leaving always succeeds), else back home if its dwelling is still free (outside, for an
        // entrant), else in its best (or logit-drawn) alternative among those with a vacancy.
        for (int i = 0; i < N; i++) { _demand[i] = s.NeighborhoodHouseholds[i]; _vacancy[i] = _market.Dwellings(i) - s.NeighborhoodHouseholds[i]; }
        var movers = new List<(ulong Priority, int H)>();
        double reconsidered = 0;
        for (int h = 0; h < hh.Count; h++)
        {
            int d = _choice[h], l = hh.Outside[h] ? N : hh.Location[h];
            if (d < 0) continue;
            reconsidered++;
            if (d == l) continue;
            if (l < N) { _demand[l]--; _vacancy[l]++; }
            if (d < N) _demand[d]++;
            movers.Add((random.Bits(hh.Id[h], ChoiceRandom.Priority), h));
        }
        movers.Sort();
        double moved = 0, rationed = 0, entered = 0, left = 0;
        var work = _terms.CreateWorkspace();
        var v = new float[Stride];
        // With a second core, the values of movers likely to choose again are computed there ahead of the placement.
        var ahead = threads == 1 || Environment.ProcessorCount == 1 ? null : _ahead ??= new RechoiceAhead(Stride, _terms.CreateWorkspace(), Values);
        if (ahead is not null)
        {
            ahead.Clear();
            foreach (var (_, h) in movers) if (LikelyToChooseAgain(h)) ahead.Add(h, hh.Location[h]);
            ahead.Start();
        }
        int candidate = 0;
        try
        {
            foreach (var (_, h) in movers)
            {
                int l = hh.Outside[h] ? N : hh.Location[h], d = _choice[h];
                // Candidates were added in this order: the next one is h's if h is one.
                int mine = ahead is not null && candidate < ahead.Count && ahead.Household(candidate) == h ? candidate++ : -1;
                bool full = d < N && _vacancy[d] < 1;
                if (full) rationed++;
                // Turned away, a household keeps its own dwelling if nobody has taken it (the common case, and O(1)) and an
                // entrant stays outside; only when its dwelling is gone does it choose again among the alternatives with vacancies.
                if (full && (l == N || _vacancy[l] >= 1)) d = l;
                else if (full)
                {
                    if (mine < 0 || !ahead!.TryTake(mine, out var row, out float cost))
                    {
                        row = v;
                        Values(h, l, work, v, out cost);
                    }
                    for (int i = 0; i < N; i++) if (_vacancy[i] < 1) row[i] = float.NegativeInfinity;
                    d = Choose(l, cost, LocationTerms.Best(l, cost, row), row, mu, random.Uniform(hh.Id[h], ChoiceRandom.Rechoice));
                }
                if (mine >= 0) ahead!.Release(mine + 1);
                if (d < N) _vacancy[d]--;
                if (d == l) continue;
                flows[(l < N ? s.Map.Lowest[l] : J) * (J + 1) + (d < N ? s.Map.Lowest[d] : J)]++;
                if (d == N) { hh.Weight[h] = 0; hh.Outside[h] = true; left++; }
                else
                {
                    if (l == N) { hh.Weight[h] = 1; hh.Outside[h] = false; entered++; }
                    hh.Location[h] = d;
                }
                moved++;
            }
        }
        finally
        {
            ahead?.Finish();
        }
        if (moved > 0) hh.SortByLocation(_sortScratch!, threads);
        return new RelocationReport(reconsidered, movers.Count, moved, rationed, 0, 0, flows) { Entered = entered, Left = left };
    }

    /// <summary>
    /// Whether mover h is likely to have to choose again (<see cref="RechoiceAhead"/>): it lives in the region, its choice is
    /// oversubscribed and so, nearly, is its home (demand above <see cref="LikelyFull"/> of the dwellings). Only a guess that
    /// decides what is computed ahead.
    /// </summary>
    private bool LikelyToChooseAgain(int h)
    {
        var hh = _s.Households;
        if (hh.Outside[h]) return false;
        int l = hh.Location[h], d = _choice[h], N = _s.N;
        return d < N && _demand[d] > _market.Dwellings(d) && _demand[l] > LikelyFull * _market.Dwellings(l);
    }

    /// <summary>
    /// Share of its dwellings demanded above which a mover's home counts as likely to be taken. On metro-10m's first eight
    /// years, 0.95 picked 1.5 candidates per mover who chose again and 82% of those who did.
    /// </summary>
    private const double LikelyFull = 0.95;

    /// <summary>Weighted types, best response (μ = 0): each (type, neighborhood) row's mass goes to its best open alternative.</summary>
    private RelocationReport RelocateTypes(int threads, double[] flows, double share)
    {
        var s = _s;
        var hh = s.Households;
        int N = s.N, J = s.J, columns = Columns, entries = hh.Count;
        int rows = entries + (_poolMass is null ? 0 : _classes);
        var pending = _pending!;
        var values = _values!;
        // Row r < entries is an entry (a type in a neighborhood); row entries + c is class c's outside pool, evaluated on the
        // class's entry in neighborhood 0 (a type's attributes do not depend on where it lives).
        int Home(int r) => r < entries ? hh.Location[r] : N;
        int Entry(int r) => r < entries ? r : hh.Start[0] + (r - entries);
        double Mass(int r) => r < entries ? hh.Weight[r] : _poolMass![r - entries];
        Array.Clear(pending);   // mass still pending when placement ends has simply stayed home
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads };
        var classValues = ClassValues(options);
        Parallel.For(0, N + 1, options, i =>
        {
            int from = i < N ? hh.Start[i] : entries, to = i < N ? hh.Start[i + 1] : rows;
            for (int r = from; r < to; r++)
            {
                var row = values.AsSpan((int)((long)r * columns), columns);
                if (share * Mass(r) <= 0) { row.Fill(double.NegativeInfinity); continue; }
                int l = Home(r), h = Entry(r), c = r < entries ? r - hh.Start[l] : r - entries;
                var utility = classValues.AsSpan(c * columns, columns);
                double cost = MovingCostUtils(h);
                for (int d = 0; d < N; d++) row[d] = d == l ? utility[d] : utility[d] - cost;
                if (_outside is not null) row[N] = l < N ? utility[N] - cost : utility[N];
            }
        });

        // Reconsidering mass vacates its dwellings, takes back what chose to stay, and applies pro rata; mass turned
        // away from a full neighborhood re-chooses among those still vacant (each round fills at least one). Outside is
        // always open.
        double reconsidered = 0, applied = 0;
        for (int i = 0; i < N; i++) { _demand[i] = s.NeighborhoodHouseholds[i]; _vacancy[i] = _market.Dwellings(i) - s.NeighborhoodHouseholds[i]; }
        var open = new bool[columns];
        Array.Fill(open, true);
        var active = new List<int>();   // rows with mass still to place, in row order (so sums keep their order)
        for (int r = 0; r < rows; r++)
        {
            double mass = share * Mass(r);
            if (mass <= 0) continue;
            int l = Home(r);
            reconsidered += mass;
            active.Add(r);
            var target = pending.AsSpan((int)((long)r * columns), columns);
            Spread(values.AsSpan((int)((long)r * columns), columns), target, open, mass, l);
            for (int d = 0; d < columns; d++)
            {
                double m = target[d];
                if (d == l || m == 0) continue;
                if (l < N) { _demand[l] -= m; _vacancy[l] += m; }
                if (d < N) _demand[d] += m;
                applied += m;
            }
            target[l] = 0;   // the mass that chose to stay keeps its dwellings (or stays outside)
        }

        double moved = 0, rationed = 0, entered = 0, left = 0;
        var applying = new double[N];
        var admit = new double[columns];
        admit[^1] = 1;   // with migration, leaving always succeeds
        for (int round = 0; round <= N && active.Count > 0; round++)
        {
            Array.Clear(applying);
            foreach (int r in active)
                for (int d = 0; d < N; d++) applying[d] += pending[(long)r * columns + d];
            bool any = false;
            for (int d = 0; d < N; d++)
            {
                admit[d] = applying[d] > 0 ? Math.Clamp(_vacancy[d] / applying[d], 0, 1) : 0;
                any |= applying[d] > 0;
            }
            for (int d = 0; d < N; d++) if (applying[d] > 0 && admit[d] < 1) open[d] = false;
            var stillActive = new List<int>();
            foreach (int r in active)
            {
                int l = Home(r), c = r < entries ? r - hh.Start[l] : r - entries;
                double turnedAway = 0;
                for (int d = 0; d < columns; d++)
                {
                    long k = (long)r * columns + d;
                    double m = pending[k];
                    if (m <= 0) continue;
                    double placed = m * (d < N ? admit[d] : 1);
                    pending[k] = 0;
                    turnedAway += m - placed;
                    if (d < N) _vacancy[d] -= placed;
                    if (d == l || placed == 0) continue;
                    if (l < N) hh.Weight[r] -= placed; else { _poolMass![c] -= placed; entered += placed; }
                    if (d < N) hh.Weight[hh.Start[d] + c] += placed; else { _poolMass![c] += placed; left += placed; }
                    flows[(l < N ? s.Map.Lowest[l] : J) * (J + 1) + (d < N ? s.Map.Lowest[d] : J)] += placed;
                    moved += placed;
                }
                if (turnedAway <= 0) continue;
                rationed += turnedAway;
                if (l == N) continue;   // an entrant turned away stays outside
                Spread(values.AsSpan((int)((long)r * columns), columns), pending.AsSpan((int)((long)r * columns), columns), open, turnedAway, l);
                stillActive.Add(r);
            }
            active = stillActive;
            if (!any) break;
        }
        return new RelocationReport(reconsidered, applied, moved, rationed, 0, 0, flows) { Entered = entered, Left = left };
    }

    /// <summary>
    /// Weighted types, logit (μ &gt; 0), with the same pro-rata rationing as <see cref="RelocateTypes"/> but without a row per
    /// (type, home) and destination. Row r = (type c, home l) has logit weight a_r·u_c[d] for d ≠ l and u_c[l] at home, with
    /// u_c[d] = exp((U_c[d] − max U_c)/μ) and a_r = exp(−moving cost_r/μ), so the mass it has pending at d is γ_r·u_c[d]
    /// (d ≠ l) or η_r·u_c[l] (d = l), and every sum over rows and destinations factors by type: applications to d are
    /// u_c[d]·(Γ_c − γ_(c,d) + η_(c,d)) summed over types, Γ_c = Σ_r∈c γ_r. A round costs O(types × alternatives +
    /// rows × jurisdictions) instead of O(rows × alternatives).
    /// </summary>
    private RelocationReport RelocateTypesLogit(int threads, double[] flows, double share)
    {
        var s = _s;
        var hh = s.Households;
        int N = s.N, J = s.J, columns = Columns, entries = hh.Count, C = _classes;
        int rows = entries + (_poolMass is null ? 0 : C);
        double mu = _settings.NoiseScale;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads };
        var classValues = ClassValues(options);
        int Home(int r) => r < entries ? hh.Location[r] : N;
        int ClassOf(int r) => r < entries ? r - hh.Start[hh.Location[r]] : r - entries;
        int Row(int c, int d) => d < N ? hh.Start[d] + c : entries + c;   // the row of type c whose home is d
        int Jurisdiction(int d) => d < N ? s.Map.Lowest[d] : J;

        // u_c[d], relative to the type's best alternative (0 where there are no dwellings).
        var u = new double[C * columns];
        for (int c = 0; c < C; c++)
        {
            double best = double.NegativeInfinity;
            for (int d = 0; d < columns; d++) best = Math.Max(best, classValues[c * columns + d]);
            if (best == double.NegativeInfinity) continue;
            for (int d = 0; d < columns; d++) u[c * columns + d] = LogitWeight.Exp((classValues[c * columns + d] - best) / mu);
        }
        var gamma = new double[rows];
        var eta = new double[rows];
        var a = new double[rows];
        var open = new bool[columns];
        Array.Fill(open, true);
        var sum = new double[C];
        void OpenSums()
        {
            Array.Clear(sum);
            for (int c = 0; c < C; c++)
                for (int d = 0; d < columns; d++) if (open[d]) sum[c] += u[c * columns + d];
        }
        // Spreads mass m of row r over the open alternatives; false if no open alternative has weight (it stays home).
        bool SpreadRow(int r, double m, bool home)
        {
            int c = ClassOf(r), l = Home(r);
            double ul = open[l] ? u[c * columns + l] : 0, z = a[r] * (sum[c] - ul) + ul;
            if (!(z > 0)) { gamma[r] = eta[r] = 0; return false; }
            gamma[r] = m * a[r] / z;
            eta[r] = home ? m / z : 0;
            return true;
        }

        // Round 0: the reconsidering mass of every row spreads over all alternatives; what chooses home stays there.
        for (int i = 0; i < N; i++) { _demand[i] = s.NeighborhoodHouseholds[i]; _vacancy[i] = _market.Dwellings(i) - s.NeighborhoodHouseholds[i]; }
        OpenSums();
        double reconsidered = 0, applied = 0;
        var active = new List<int>();
        for (int r = 0; r < rows; r++)
        {
            double m = share * (r < entries ? hh.Weight[r] : _poolMass![r - entries]);
            if (m <= 0) continue;
            reconsidered += m;
            a[r] = LogitWeight.Exp(-MovingCostUtils(r < entries ? r : hh.Start[0] + (r - entries)) / mu);
            if (!SpreadRow(r, m, home: false)) continue;
            int c = ClassOf(r), l = Home(r);
            double away = gamma[r] * (sum[c] - u[c * columns + l]);
            if (away <= 0) { gamma[r] = 0; continue; }
            applied += away;
            if (l < N) { _demand[l] -= away; _vacancy[l] += away; }
            active.Add(r);
        }
        var total = new double[C];   // Γ_c over active rows
        foreach (int r in active) total[ClassOf(r)] += gamma[r];
        for (int c = 0; c < C; c++)
            for (int d = 0; d < N; d++) _demand[d] += u[c * columns + d] * (total[c] - gamma[Row(c, d)]);

        double moved = 0, rationed = 0, entered = 0, left = 0;
        var applying = new double[N];
        var admit = new double[columns];
        var placedShare = new double[C];            // A_c = Σ_open u_c[d]·admit[d]
        var byJurisdiction = new double[C * (J + 1)]; // D_c[j] = Σ_open d in j u_c[d]·admit[d]
        for (int round = 0; round <= N && active.Count > 0; round++)
        {
            Array.Clear(total);
            foreach (int r in active) total[ClassOf(r)] += gamma[r];
            Array.Clear(applying);
            for (int c = 0; c < C; c++)
                for (int d = 0; d < N; d++)
                    if (open[d]) applying[d] += u[c * columns + d] * (total[c] - gamma[Row(c, d)] + eta[Row(c, d)]);
            bool any = false;
            for (int d = 0; d < N; d++)
            {
                admit[d] = applying[d] > 0 && open[d] ? Math.Clamp(_vacancy[d] / applying[d], 0, 1) : 0;
                any |= applying[d] > 0;
            }
            if (columns > N) admit[N] = 1;   // leaving always succeeds
            Array.Clear(placedShare);
            Array.Clear(byJurisdiction);
            for (int c = 0; c < C; c++)
                for (int d = 0; d < columns; d++)
                {
                    if (!open[d]) continue;
                    double x = u[c * columns + d] * admit[d];
                    placedShare[c] += x;
                    byJurisdiction[c * (J + 1) + Jurisdiction(d)] += x;
                }
            // Types arriving in each open neighborhood (and leaving for outside), and the dwellings they and the returning take.
            for (int c = 0; c < C; c++)
                for (int d = 0; d < columns; d++)
                {
                    if (!open[d]) continue;
                    int home = Row(c, d);
                    double x = u[c * columns + d] * admit[d], arriving = x * (total[c] - gamma[home]);
                    if (d < N)
                    {
                        hh.Weight[hh.Start[d] + c] += arriving;
                        _vacancy[d] -= arriving + x * eta[home];
                    }
                    else { _poolMass![c] += arriving; left += arriving; }
                }
            var wasOpen = (bool[])open.Clone();
            var openBefore = (double[])sum.Clone();   // Σ u over the alternatives open when this round's mass was spread
            for (int d = 0; d < N; d++) if (applying[d] > 0 && admit[d] < 1) open[d] = false;
            var stillActive = new List<int>();
            OpenSums();   // over the open set after this round's closings, for the re-spreads
            foreach (int r in active)
            {
                int c = ClassOf(r), l = Home(r), jl = Jurisdiction(l);
                double atHome = wasOpen[l] ? u[c * columns + l] : 0, homeAdmit = wasOpen[l] ? admit[l] : 0;
                double pending = gamma[r] * (openBefore[c] - atHome) + eta[r] * atHome;
                double away = gamma[r] * (placedShare[c] - atHome * homeAdmit);
                double turnedAway = Math.Max(0, pending - away - eta[r] * atHome * homeAdmit);
                if (l < N) hh.Weight[r] -= away; else { _poolMass![ClassOf(r)] -= away; entered += away; }
                moved += away;
                for (int j = 0; j <= J; j++)
                    flows[jl * (J + 1) + j] += gamma[r] * (byJurisdiction[c * (J + 1) + j] - (j == jl ? atHome * homeAdmit : 0));
                gamma[r] = eta[r] = 0;
                if (turnedAway <= 0) continue;
                rationed += turnedAway;
                if (l == N) continue;   // an entrant turned away stays outside
                if (SpreadRow(r, turnedAway, home: true)) stillActive.Add(r);
            }
            active = stillActive;
            if (!any) break;
        }
        return new RelocationReport(reconsidered, applied, moved, rationed, 0, 0, flows) { Entered = entered, Left = left };
    }

    /// <summary>Adds <paramref name="mass"/> to <paramref name="target"/> at the best open alternative by <paramref name="row"/>'s
    /// values (ties to <paramref name="current"/>; with none open, at <paramref name="current"/>).</summary>
    private static void Spread(ReadOnlySpan<double> row, Span<double> target, bool[] open, double mass, int current)
    {
        double best = double.NegativeInfinity;
        int arg = -1;
        for (int i = 0; i < row.Length; i++)
            if (open[i] && (row[i] > best || (row[i] == best && i == current))) { best = row[i]; arg = i; }
        target[arg < 0 ? current : arg] += mass;
    }

    /// <summary>
    /// Each type's utility in every alternative, [c·columns + d]. A type's utility does not depend on where it lives (its
    /// attributes are the same in every entry), so it is computed once per type; an entry's values differ only by the
    /// moving cost, charged everywhere but home.
    /// </summary>
    private double[] ClassValues(ParallelOptions options)
    {
        var s = _s;
        var hh = s.Households;
        int columns = Columns, N = s.N;
        var classValues = _classValues!;
        Parallel.For(0, _classes, options, () => new double[_terms.ScratchLength], (c, _, scratch) =>
        {
            var row = classValues.AsSpan(c * columns, columns);
            _terms.Values(hh.Start[0] + c, -1, 0, row, scratch);
            if (_outside is not null) row[N] = _outside.Utility(s, hh.Start[0] + c);
            return scratch;
        }, _ => { });
        return classValues;
    }

    /// <summary>
    /// Best response (μ = 0, ties stay at <paramref name="current"/>, else the first best) or a logit draw from uniform u, over
    /// values without the moving cost: alternative i is worth v_i − cost, and v_current at home. <paramref name="best"/> is the
    /// largest of these (<see cref="LocationTerms.Best"/>); v's length is a multiple of <see cref="LocationTerms.Lanes"/>.
    /// </summary>
    /// <remarks>
    /// The draw inverts the cumulative weights: the weights exp((v_i − cost − best)/μ) (float, <see cref="LogitWeight.Exp(Vector256{float})"/>)
    /// are summed in blocks of 32 (eight-lane vectors, then across lanes; the block sums in double), the blocks in order, and the
    /// scan walks the same partial sums, so it always reaches u·Σ and the result does not depend on the thread.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Choose(int current, float cost, float best, Span<float> v, double mu, double u)
    {
        if (mu == 0)
        {
            if (v[current] >= best) return current;
            for (int i = 0; i < v.Length; i++) if (i != current && v[i] - cost == best) return i;
            return current;
        }
        if (best == float.NegativeInfinity) return current;   // nowhere to go
        const int block = 32, lanes = LocationTerms.Lanes;
        int n = v.Length, vectors = n / lanes, blocks = (n + block - 1) / block;
        Span<double> blockSum = blocks <= 256 ? stackalloc double[blocks] : new double[blocks];
        var scale = Vector256.Create((float)(1 / mu));
        // best + cost everywhere but at home, where the value carries no cost.
        var away = Vector256.Create(best + cost);
        var atHome = away.WithElement(current % lanes, best);
        int homeVector = current / lanes;
        double sum = 0;
        ref float first = ref MemoryMarshal.GetReference(v);
        for (int b = 0; b < blocks; b++)
        {
            var acc = Vector256<float>.Zero;
            for (int k = b * block / lanes; k < Math.Min(vectors, (b + 1) * block / lanes); k++)
            {
                nuint at = (nuint)(k * lanes);
                var w = LogitWeight.Exp((Vector256.LoadUnsafe(ref first, at) - (k == homeVector ? atHome : away)) * scale);
                w.StoreUnsafe(ref first, at);
                acc += w;
            }
            double total = Sum(acc);
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
            return last;   // rounding inside the block: the target lies in it, so its last weighted alternative
        }
        return current;
    }

    /// <summary>The sum of the eight lanes in a fixed order, ((0 + 4) + (2 + 6)) + ((1 + 5) + (3 + 7)), by shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector256<float> v)
    {
        var half = v.GetLower() + v.GetUpper();
        var quarter = half + Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1));
        return quarter.ToScalar() + quarter.GetElement(1);
    }
}
